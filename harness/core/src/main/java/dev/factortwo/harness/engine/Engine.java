package dev.factortwo.harness.engine;

import dev.factortwo.harness.nn.Architecture;
import java.util.List;
import java.util.Optional;

/**
 * A deep-learning framework that builds and runs a cell's model: an axis like tiers and states. One
 * implementation per engine, registered in {@link Engines}; a contract test runs over every one.
 *
 * <p>Engines differ in where training happens. An <em>embedded</em> engine ({@code tensorflow}) runs one
 * model per partition inside Spark tasks and leaves combining them to a strategy; a <em>Spark-native</em>
 * engine ({@code mllib}) is itself a Spark job over a DataFrame: Spark owns its data, state and
 * communication. Both offer the same model-level operations here, on samples held by the caller, so that they
 * can be compared and contract-tested on the same data. Implementations are stateless and thread-safe.
 *
 * <p>Example: {@code Engines.byName("mllib").build(spec)} then {@code trainEpoch}, {@code predict},
 * {@code fingerprint}.
 */
public interface Engine {

    /** The name in cells, flags and results, e.g. {@code tensorflow}, {@code mllib}. */
    String name();

    /** State modes this engine's cells run under. */
    List<String> states();

    /** Strategy names this engine's cells use; no two engines share a name. */
    List<String> strategies();

    /** The strategy of a cell that names none. */
    String defaultStrategy(boolean training, String state);

    /**
     * Why this engine does not run a workload of {@code architecture} (training or inference) under
     * {@code state}, in plain words; empty when it does.
     */
    Optional<String> unsupported(Architecture architecture, boolean training, String state);

    /** The model this engine actually builds for {@code architecture}: layers, activations, loss, optimizer. */
    String describe(Architecture architecture, Architecture.InputShape in, int classes);

    /**
     * Builds a model with seeded initial weights.
     *
     * @throws IllegalArgumentException when this engine cannot build {@code spec.architecture()}
     */
    EngineModel build(ModelSpec spec);
}
