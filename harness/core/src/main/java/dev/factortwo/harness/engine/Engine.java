package dev.factortwo.harness.engine;

import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.strategy.Strategies;
import dev.factortwo.harness.strategy.Strategy;
import dev.factortwo.harness.workload.Workload;
import java.util.List;
import java.util.Optional;

/**
 * A deep-learning framework that runs a cell: an axis like tiers and states. One implementation per engine,
 * registered in {@link Engines}; a contract test runs over every one.
 *
 * <p>Engines differ in where training happens. An <em>embedded</em> engine ({@code tensorflow}) runs one
 * model per partition inside Spark tasks and leaves combining them to a strategy; a <em>Spark-native</em>
 * engine ({@code mllib}) is itself a Spark job over a DataFrame: Spark owns its data, state and
 * communication. Each engine says what it supports ({@link #unsupported}, {@link #strategies}) and opens the
 * work of one cell ({@link #open}); one cell runner measures every engine's cells alike. For contract tests
 * and driver-side use it also offers model-level operations on samples held by the caller ({@link #build}).
 * Implementations are stateless and thread-safe.
 *
 * <p>Example: {@code Engines.byName("mllib").build(spec)} then {@code trainEpoch}, {@code predict},
 * {@code fingerprint}.
 */
public interface Engine {

    /** The name in cells, flags and results, e.g. {@code tensorflow}, {@code mllib}. */
    String name();

    /** The strategies this engine's cells use, default first for each kind; no two engines share one. */
    List<? extends Strategy> strategies();

    /**
     * Why this engine does not run {@code workload} under {@code state}, in plain words; empty when it does.
     */
    Optional<String> unsupported(Workload workload, StateMode state);

    /** The state modes this engine runs under. */
    default List<StateMode> states() {
        return StateMode.all().stream().filter(s -> unsupportedState(s).isEmpty()).toList();
    }

    /** Why this engine runs nothing under {@code state}; empty when it runs something. */
    default Optional<String> unsupportedState(StateMode state) {
        return Optional.empty();
    }

    /** The strategy of a cell that names none: this engine's first of the workload's kind that runs under the state. */
    default Strategy defaultStrategy(Workload workload, StateMode state) {
        return strategies().stream().filter(s -> s.training() == workload.training() && s.runsUnder(state)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name() + " has no strategy for " + workload.name() + " under " + state.name() + " state"));
    }

    /**
     * Why this engine does not run {@code workload} under {@code state} with {@code strategy}, in plain words;
     * empty when it does. The one compatibility rule: the plan and the cell runner both ask it.
     */
    default Optional<String> refuses(Workload workload, StateMode state, Strategy strategy) {
        Optional<String> why = unsupported(workload, state);
        if (why.isPresent()) return why;
        if (!Strategies.named(strategies(), strategy.name()).map(strategy::equals).orElse(false)) {
            return Optional.of("strategy '" + strategy.name() + "' belongs to another engine, not " + name() + "; expected one of "
                    + strategies().stream().map(Strategy::name).toList());
        }
        if (strategy.training() != workload.training()) {
            return Optional.of("strategy '" + strategy.name() + "' is for " + (strategy.training() ? "training" : "inference")
                    + " workloads, not " + workload.name());
        }
        if (!strategy.runsUnder(state)) {
            return Optional.of("strategy '" + strategy.name() + "' does not run under " + state.name() + " state");
        }
        return Optional.empty();
    }

    /** The model this engine actually builds for {@code architecture}: layers, activations, loss, optimizer. */
    String describe(Architecture architecture, Architecture.InputShape in, int classes);

    /**
     * Builds a model with seeded initial weights.
     *
     * @throws IllegalArgumentException when this engine cannot build {@code spec.architecture()}
     */
    EngineModel build(ModelSpec spec);

    /**
     * Opens the work of one cell: its repetitions can then be run, measured and faulted. The setup has
     * passed {@link #refuses}. The caller closes the work.
     */
    CellWork open(CellSetup setup);
}
