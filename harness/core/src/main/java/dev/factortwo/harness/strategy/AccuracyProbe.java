package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.Weights;

/**
 * Held-out accuracy of a set of weights, computed on the driver between rounds and outside the timed region.
 * {@link #NONE} when a cell has nothing to evaluate (inference, emulated compute).
 */
@FunctionalInterface
public interface AccuracyProbe {

    AccuracyProbe NONE = w -> Double.NaN;

    /** Fraction of the held-out samples that {@code weights} classifies correctly. */
    double accuracy(Weights weights);
}
