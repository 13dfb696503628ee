package dev.factortwo.harness.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A matrix of cells to run: every combination of the listed axes, with one set of settings.
 *
 * @param name          suite name, recorded in results (the gate refuses to compare different suites)
 * @param workloads     e.g. train-mlp, train-cnn, infer
 * @param datasets      e.g. fashion-mnist, synthetic
 * @param tiers         memory, local-disk, hdfs, s3
 * @param states        spark, local
 * @param strategies    strategies to run; empty means each workload's default for the state
 * @param engines       engines: tensorflow, mllib (each runs the strategies it owns; see SuitePlan)
 * @param settings      the per-cell settings
 */
public record Suite(String name, List<String> workloads, List<String> datasets, List<String> tiers,
                    List<String> states, List<String> strategies, List<String> engines, Settings settings) {

    public Suite {
        workloads = List.copyOf(workloads);
        datasets = List.copyOf(datasets);
        tiers = List.copyOf(tiers);
        states = List.copyOf(states);
        strategies = List.copyOf(strategies);
        engines = List.copyOf(engines);
    }

    /**
     * Per-cell settings; units in the names.
     *
     * @param epochs           passes over the training data
     * @param batchSize        samples per step
     * @param learningRate     SGD learning rate
     * @param seed             seed for weights, data order and synthetic data
     * @param partitions       data-parallel workers
     * @param trainSamples     training samples (0 = the whole split)
     * @param testSamples      held-out samples (0 = the whole split)
     * @param repetitions      measured repetitions per cell (2 or more also checks repeatability)
     * @param warmupSteps      training steps each worker runs and undoes before every repetition's timed region
     * @param throttlePercent  planted slowdown per step, percent of its compute time
     */
    public record Settings(int epochs, int batchSize, double learningRate, long seed, int partitions,
                           int trainSamples, int testSamples, int repetitions, int warmupSteps,
                           double throttlePercent) {

        /** As flat strings, for the results' {@code config}. */
        public Map<String, String> asConfig() {
            Map<String, String> m = new TreeMap<>();
            m.put("epochs", String.valueOf(epochs));
            m.put("batchSize", String.valueOf(batchSize));
            m.put("learningRate", String.valueOf(learningRate));
            m.put("seed", String.valueOf(seed));
            m.put("partitions", String.valueOf(partitions));
            m.put("trainSamples", String.valueOf(trainSamples));
            m.put("testSamples", String.valueOf(testSamples));
            m.put("repetitions", String.valueOf(repetitions));
            m.put("warmupSteps", String.valueOf(warmupSteps));
            m.put("throttlePercent", String.valueOf(throttlePercent));
            return m;
        }
    }
}
