package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.Weights;

/**
 * A strategy for an engine that runs one model per partition inside Spark tasks: each round (an epoch, or a
 * pass of inference) runs the partitions' tasks and combines what they return. {@link RoundLoop} is the loop
 * every one of them shares.
 */
public non-sealed interface RoundStrategy extends Strategy {

    /** Runs one repetition from {@code initial} weights. */
    Trained run(StrategyContext ctx, Weights initial);

    /**
     * The tasks this strategy runs at once over {@code partitions} partitions when Spark offers {@code slots} task
     * slots: one per partition, up to the slots. It sets each worker's warm-up and {@code auto} intra-op threads.
     */
    default int tasksAtOnce(int partitions, int slots) {
        return Math.max(1, Math.min(partitions, slots));
    }
}
