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
 */
public record TaskOutcome(int partition, Weights weights, String outputDigest, long samples, long steps,
                          long inputNanos, long computeNanos, String histogram, IoCount io) implements Serializable {

    private static final long serialVersionUID = 1L;
}
