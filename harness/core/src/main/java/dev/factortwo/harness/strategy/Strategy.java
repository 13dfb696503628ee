package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.Weights;
import java.util.List;

/**
 * Where the boundary between the algorithm and Spark lies: how partitions' work is combined into one model
 * (training), or how data meets the model (inference). One implementation per strategy name.
 */
public interface Strategy {

    /** The name in cells and flags, e.g. {@code model-averaging}. */
    String name();

    /** True for training strategies, false for inference. */
    boolean training();

    /** State modes this strategy runs under. */
    List<String> states();

    /** Runs one repetition from {@code initial} weights. */
    Trained run(StrategyContext ctx, Weights initial);
}
