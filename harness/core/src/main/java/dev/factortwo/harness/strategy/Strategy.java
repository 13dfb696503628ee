package dev.factortwo.harness.strategy;

import dev.factortwo.harness.state.StateMode;

/**
 * Where the boundary between the algorithm and Spark lies: how partitions' work is combined into one model
 * (training), or how data meets the model (inference). One value per strategy name, registered in
 * {@link Strategies}; each engine owns its own ({@link RoundStrategy} for engines that run one model per
 * partition inside Spark tasks, {@link MllibFit} for MLlib's own optimizers). Implementations are immutable.
 */
public sealed interface Strategy permits RoundStrategy, MllibFit {

    /** The name in cells and flags, e.g. {@code model-averaging}. */
    String name();

    /** True for training strategies, false for inference. */
    boolean training();

    /** True when this strategy runs under {@code state}. */
    boolean runsUnder(StateMode state);

    /**
     * True when, by design, repeats with one seed give the same bits (a fixed order of every update); false
     * where the order depends on timing (an asynchronous parameter server).
     */
    boolean deterministic();

    /**
     * Why {@code run --checkpoint-every} does not apply to this strategy, or empty when it checkpoints: only a strategy
     * whose workers hold state Spark cannot rebuild (local SGD's replicas) has anything to checkpoint; every other
     * strategy's state is the driver's weights and Spark's lineage.
     */
    default java.util.Optional<String> notCheckpointed() {
        return java.util.Optional.of(name() + " keeps no worker state between rounds that Spark cannot rebuild (its state is the driver's"
                + " weights and Spark's lineage): nothing to checkpoint");
    }
}
