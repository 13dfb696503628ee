package dev.factortwo.harness.engine;

import dev.factortwo.datasets.DatasetSpec;
import dev.factortwo.datasets.Split;
import dev.factortwo.harness.device.Accelerator;
import dev.factortwo.harness.measure.MachineLoad;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.strategy.Strategy;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.workload.Workload;
import dev.factortwo.model.CellSpec;
import java.util.function.IntFunction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Everything an engine needs to open a cell's work, resolved by the cell runner: the axis values, the data
 * staged on the cell's tier, and the Spark context.
 *
 * @param sc            the Spark context
 * @param spec          the cell, its device resolved
 * @param workload      what it computes
 * @param strategy      where the algorithm meets Spark
 * @param state         who owns data and model state
 * @param tier          where the staged data lives
 * @param staged        the training split's shards on {@code tier}
 * @param dataset       the dataset's shape and classes
 * @param trainSamples  samples in {@code staged}
 * @param testSplit     the first {@code n} held-out samples (0 = all), loaded on demand
 * @param accelerator   the device
 */
public record CellSetup(JavaSparkContext sc, CellSpec spec, Workload workload, Strategy strategy, StateMode state,
                        StorageTier tier, StagedData staged, DatasetSpec dataset, long trainSamples,
                        IntFunction<Split> testSplit, Accelerator accelerator) {

    /**
     * The CPU seconds this process spent since {@link MachineLoad#processCpuNanos} read {@code fromNanos}, less
     * {@code excludedNanos}: the tasks' CPU time where they run in this process (a local master), NaN where they run
     * in other JVMs or the platform does not say.
     */
    public double tasksCpuSecondsSince(long fromNanos, long excludedNanos) {
        return sc.isLocal() ? MachineLoad.cpuSecondsBetween(fromNanos, MachineLoad.processCpuNanos(), excludedNanos) : Double.NaN;
    }
}
