package dev.factortwo.harness.strategy;

import dev.factortwo.harness.state.StateMode;

/**
 * Spark MLlib's own optimizers, where Spark owns data, model and communication: each iteration is a Spark
 * job whose gradients are tree-aggregated on the driver, so these run under Spark-managed state only.
 *
 * @param name      the name in cells and flags
 * @param training  false for {@code mllib-transform} (inference with MLlib's seeded weights)
 * @param solver    MLlib's solver for training ({@code l-bfgs}, {@code gd}), empty for inference
 */
public record MllibFit(String name, boolean training, String solver) implements Strategy {

    public static final MllibFit LBFGS = new MllibFit("mllib-lbfgs", true, "l-bfgs");
    public static final MllibFit GD = new MllibFit("mllib-gd", true, "gd");
    public static final MllibFit TRANSFORM = new MllibFit("mllib-transform", false, "");

    @Override
    public boolean runsUnder(StateMode state) {
        return !state.workerLocal();
    }

    @Override
    public boolean deterministic() {
        return true;
    }
}
