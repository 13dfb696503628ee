package dev.factortwo.harness.engine;

import dev.factortwo.harness.nn.Weights;

/**
 * One model of an {@link Engine}, trained and queried on samples the caller holds. Images are
 * {@code n x pixels} floats in [0, 1] (row-major HWC), labels {@code 0 .. classes-1}. Not thread-safe.
 */
public interface EngineModel extends AutoCloseable {

    /**
     * Trains one epoch over the first {@code n} samples in the order given: mini-batch steps for an SGD
     * engine, one fit of the engine's configured iterations for a full-batch optimizer.
     */
    void trainEpoch(float[] images, int[] labels, int n);

    /** The predicted class of each of the first {@code n} samples. */
    int[] predict(float[] images, int n);

    /**
     * The trainable parameters in the engine's fixed order, as floats (for relative L2 comparisons; an
     * engine that trains in double precision rounds here, never in {@link #fingerprint}).
     */
    Weights weights();

    /** {@code sha256:HEX} over the exact trainable parameters in order; equal exactly when bit-identical. */
    String fingerprint();

    @Override
    void close();
}
