package dev.factortwo.harness.strategy;

import dev.factortwo.harness.measure.MachineLoad;
import dev.factortwo.harness.nn.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * Times a training run and its accuracy curve: after each round, evaluates the weights with the context's
 * {@link AccuracyProbe} and excludes the evaluation from the measured time, wall and CPU alike. Not thread-safe: driver only.
 */
public final class TrainingClock {

    private final AccuracyProbe probe;
    private final long start = System.nanoTime();
    private final List<Trained.AccuracyPoint> points = new ArrayList<>();
    private long excluded;
    private long excludedCpu;

    public TrainingClock(AccuracyProbe probe) {
        this.probe = probe;
    }

    /** Records the held-out accuracy of {@code weights} after round {@code round}, untimed. */
    public void afterRound(int round, Weights weights) {
        if (probe == AccuracyProbe.NONE) return;
        double measured = (System.nanoTime() - start - excluded) / 1e9;
        double acc = untimed(() -> probe.accuracy(weights));
        points.add(new Trained.AccuracyPoint(round, measured, acc));
    }

    /**
     * Runs {@code body} outside the measured time, wall and CPU alike: the harness's own work between rounds (an
     * evaluation, reading Spark's listener bus).
     */
    public <T> T untimed(java.util.function.Supplier<T> body) {
        long t0 = System.nanoTime();
        long c0 = MachineLoad.processCpuNanos();
        try {
            return body.get();
        } finally {
            excludedCpu += Math.max(0, MachineLoad.processCpuNanos() - c0);
            excluded += System.nanoTime() - t0;
        }
    }

    /** The run's result with its accuracy curve and the evaluation time to subtract. */
    public Trained trained(Weights weights, List<Round> rounds) {
        return new Trained(weights, null, rounds, points, excluded, excludedCpu);
    }

    /** As {@link #trained(Weights, List)}, with what the run's checkpoints cost. */
    public Trained trained(Weights weights, List<Round> rounds, dev.factortwo.harness.checkpoint.CheckpointFigures checkpoints) {
        return new Trained(weights, null, rounds, points, excluded, excludedCpu, checkpoints);
    }
}
