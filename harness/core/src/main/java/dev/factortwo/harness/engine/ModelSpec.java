package dev.factortwo.harness.engine;

import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfSettings;
import java.io.Serializable;

/**
 * What to build, independent of the engine: the architecture, its input and output, the seed of its initial
 * weights, and the SGD settings engines that train in mini-batches use. Engine-specific settings
 * ({@link TfSettings}, {@link MllibSettings}) belong to the engine.
 *
 * @param architecture  the model
 * @param shape         input image shape
 * @param classes       output classes
 * @param seed          seed of the initial weights
 * @param batchSize     samples per SGD step (mini-batch engines)
 * @param learningRate  SGD learning rate (mini-batch engines)
 */
public record ModelSpec(Architecture architecture, Architecture.InputShape shape, int classes, long seed,
                        int batchSize, float learningRate) implements Serializable {

    private static final long serialVersionUID = 1L;

    public ModelSpec {
        if (classes < 2) throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }
}
