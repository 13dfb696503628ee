package dev.factortwo.model.analysis;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Summary;
import dev.factortwo.model.stats.Statistics;
import java.util.Optional;

/**
 * A cell's speed per second of CPU time: samples per CPU second of the measuring process
 * ({@link Repetition#samplesPerCpuSecond}), one figure per repetition, with mean and interval. It stands beside wall
 * throughput, never instead of it. CPU time leaves out what the hypervisor stole, but it also leaves out the
 * parallelism a strategy buys (two tasks at once spend twice the CPU seconds of one), so it can compare one cell
 * across builds, not strategies with each other. Measured on this project's 2-core machine it did not vary less than
 * wall time (docs/measurement.md), so the gate and the price keep to wall time. Stateless.
 */
public final class CpuThroughput {

    private CpuThroughput() {
    }

    /** The figure with its 95% (or the cell's) interval; empty where any repetition's CPU time is unknown. */
    public static Optional<Summary> of(CellResult cell) {
        if (!cell.ok() || cell.repetitions().isEmpty()) return Optional.empty();
        double[] v = cell.repetitions().stream().mapToDouble(Repetition::samplesPerCpuSecond).toArray();
        for (double x : v) if (!(x > 0)) return Optional.empty();
        double confidence = cell.samplesPerSecond() != null ? cell.samplesPerSecond().confidence() : 0.95;
        return Optional.of(Statistics.standard().summarize(v, confidence));
    }
}
