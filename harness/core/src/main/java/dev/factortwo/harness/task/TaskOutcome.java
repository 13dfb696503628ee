package dev.factortwo.harness.task;

import dev.factortwo.harness.nn.Weights;
import java.io.Serializable;

/**
 * What one partition's task returns to the driver for one round.
 *
 * @param partition     partition index
 * @param weights       weights after the round (training), or null (inference)
 * @param outputDigest  SHA-256 hex over the partition's outputs in input order (inference), or null
 * @param samples       samples processed in the measured steps
 * @param steps         measured steps
 * @param inputNanos    time reading from the tier or cache plus decoding batches
 * @param computeNanos  time in the model's steps (or the emulated wait), throttle included
 * @param histogram     step latencies, microseconds, HdrHistogram compressed Base64
 * @param io            what the task read from the store
 * @param overlap       how the training calls of threads sharing the task's model overlapped (Hogwild!), or null
 *                      where one thread trains
 * @param startMicros   when the task's work began, microseconds since the epoch (wall clock: comparable between the
 *                      JVMs of one machine); 0 where unknown
 * @param endMicros     when it ended, likewise; 0 where unknown
 */
public record TaskOutcome(int partition, Weights weights, String outputDigest, long samples, long steps,
                          long inputNanos, long computeNanos, String histogram, IoCount io, StepOverlap overlap,
                          long startMicros, long endMicros) implements Serializable {

    private static final long serialVersionUID = 2L;

    /** An outcome of one training thread (no overlap to measure) whose interval is unknown. */
    public TaskOutcome(int partition, Weights weights, String outputDigest, long samples, long steps,
                       long inputNanos, long computeNanos, String histogram, IoCount io) {
        this(partition, weights, outputDigest, samples, steps, inputNanos, computeNanos, histogram, io, null, 0, 0);
    }

    /** An outcome with its threads' overlap, whose interval is unknown. */
    public TaskOutcome(int partition, Weights weights, String outputDigest, long samples, long steps,
                       long inputNanos, long computeNanos, String histogram, IoCount io, StepOverlap overlap) {
        this(partition, weights, outputDigest, samples, steps, inputNanos, computeNanos, histogram, io, overlap, 0, 0);
    }

    /** This outcome without its weights (they travel once, from one replica), the rest kept. */
    public TaskOutcome withoutWeights() {
        return new TaskOutcome(partition, null, outputDigest, samples, steps, inputNanos, computeNanos, histogram, io,
                overlap, startMicros, endMicros);
    }

    /** This outcome, its work having run from {@code startMicros} until now. */
    public TaskOutcome since(long startMicros) {
        return new TaskOutcome(partition, weights, outputDigest, samples, steps, inputNanos, computeNanos, histogram, io,
                overlap, startMicros, nowMicros());
    }

    /** True when the interval is known. */
    public boolean timed() {
        return startMicros > 0 && endMicros >= startMicros;
    }

    /** The wall clock, microseconds since the epoch. */
    public static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
