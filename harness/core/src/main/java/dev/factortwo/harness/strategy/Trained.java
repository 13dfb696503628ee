package dev.factortwo.harness.strategy;

import dev.factortwo.harness.checkpoint.CheckpointFigures;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.state.FrameInference;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.List;

/**
 * The result of one repetition of training or inference under a strategy.
 *
 * @param weights        final weights (training), or the model used (inference)
 * @param outputDigest   SHA-256 hex over every partition's output digest in order (inference), or null
 * @param rounds         every round, in order
 * @param accuracy       held-out accuracy after each evaluated round, in order; empty when not evaluated
 * @param excludedNanos  time the strategy spent evaluating, to subtract from its measured wall time
 * @param excludedCpuNanos this process's CPU time over the same evaluations, to subtract from its measured CPU time
 * @param checkpoints    what the run's checkpoints cost in the tier's client ({@link CheckpointFigures#NONE} without):
 *                       writes inside the timed region, the read-back check after it
 * @param inferred       inference's output as a DataFrame, written back to the tier and digested, after the timed passes
 *                       ({@link FrameInference}); null where the input is no DataFrame, and for training
 */
public record Trained(Weights weights, String outputDigest, List<Round> rounds, List<AccuracyPoint> accuracy,
                      long excludedNanos, long excludedCpuNanos, CheckpointFigures checkpoints, FrameInference.Output inferred) {

    public Trained {
        rounds = List.copyOf(rounds);
        accuracy = List.copyOf(accuracy);
        if (checkpoints == null) checkpoints = CheckpointFigures.NONE;
    }

    /** A result without output written back. */
    public Trained(Weights weights, String outputDigest, List<Round> rounds, List<AccuracyPoint> accuracy,
                   long excludedNanos, long excludedCpuNanos, CheckpointFigures checkpoints) {
        this(weights, outputDigest, rounds, accuracy, excludedNanos, excludedCpuNanos, checkpoints, null);
    }

    /** A result without checkpoints. */
    public Trained(Weights weights, String outputDigest, List<Round> rounds, List<AccuracyPoint> accuracy,
                   long excludedNanos, long excludedCpuNanos) {
        this(weights, outputDigest, rounds, accuracy, excludedNanos, excludedCpuNanos, CheckpointFigures.NONE);
    }

    /** A result with no accuracy curve. */
    public Trained(Weights weights, String outputDigest, List<Round> rounds) {
        this(weights, outputDigest, rounds, List.of(), 0, 0);
    }

    /**
     * This result with its rounds' task weights and its final weights left out: what a later pass of a repetition keeps
     * for its timings and accuracy curve, so that a repetition of many passes does not hold every pass's models.
     */
    public Trained timingsOnly() {
        List<Round> light = rounds.stream().map(r -> new Round(r.index(), r.outcomes().stream().map(TaskOutcome::withoutWeights).toList(),
                r.io(), r.wallNanos(), r.commBytes(), r.commNanos(), r.placement())).toList();
        return new Trained(null, outputDigest, light, accuracy, excludedNanos, excludedCpuNanos, checkpoints, inferred);
    }

    /**
     * The workers: the most tasks any round ran at once, measured from the tasks' intervals ({@link Round#tasksAtOnce}):
     * the partitions up to Spark's task slots; one for {@code single}. At least 1. Per-worker time is the tasks'
     * summed time over this.
     */
    public int workers() {
        return Math.max(1, rounds.stream().mapToInt(Round::tasksAtOnce).max().orElse(1));
    }

    /**
     * Held-out accuracy after a round.
     *
     * @param round            0-based round
     * @param trainingSeconds  measured time from the start of training to the end of this round, evaluations excluded
     * @param accuracy         fraction of the held-out samples classified correctly
     */
    public record AccuracyPoint(int round, double trainingSeconds, double accuracy) {
    }
}
