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
 */
public record TaskOutcome(int partition, Weights weights, String outputDigest, long samples, long steps,
                          long inputNanos, long computeNanos, String histogram, IoCount io, StepOverlap overlap)
        implements Serializable {

    private static final long serialVersionUID = 2L;

    /** An outcome of one training thread (no overlap to measure). */
    public TaskOutcome(int partition, Weights weights, String outputDigest, long samples, long steps,
                       long inputNanos, long computeNanos, String histogram, IoCount io) {
        this(partition, weights, outputDigest, samples, steps, inputNanos, computeNanos, histogram, io, null);
    }
}
