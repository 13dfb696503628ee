package dev.factortwo.harness.engine;

import dev.factortwo.harness.strategy.Strategies;
import dev.factortwo.harness.strategy.Strategy;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.model.UserError;
import java.util.List;

/** Every engine, by name. A new engine is one class plus its entry here. */
public final class Engines {

    /** Held-out accuracy whose first crossing is reported as {@code timeToAccuracySeconds}, unless a run sets another. */
    public static final double DEFAULT_ACCURACY_TARGET = dev.factortwo.model.Defaults.ACCURACY_TARGET;

    private Engines() {
    }

    /** Every engine with default settings. */
    public static List<Engine> all() {
        return all(TfSettings.defaults(), DEFAULT_ACCURACY_TARGET);
    }

    /** Every engine, TensorFlow with {@code tf} session settings, reporting time to {@code accuracyTarget}. */
    public static List<Engine> all(TfSettings tf, double accuracyTarget) {
        return List.of(new TensorFlowEngine(tf, accuracyTarget), new MllibEngine(MllibSettings.defaults()));
    }

    public static List<String> names() {
        return all().stream().map(Engine::name).toList();
    }

    /** @throws UserError naming the known engines */
    public static Engine byName(String name) {
        return byName(all(), name);
    }

    /** The engine of {@code engines} called {@code name}. @throws UserError naming the known engines */
    public static Engine byName(List<Engine> engines, String name) {
        return engines.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new UserError("unknown engine '" + name + "'; expected one of " + names()));
    }

    /** Every strategy name of every engine. */
    public static List<String> strategies() {
        return all().stream().flatMap(e -> e.strategies().stream()).map(Strategy::name).toList();
    }

    /**
     * The engine a strategy belongs to.
     *
     * @throws UserError naming every engine's strategies
     */
    public static Engine ofStrategy(String strategy) {
        return all().stream().filter(e -> Strategies.named(e.strategies(), strategy).isPresent()).findFirst()
                .orElseThrow(() -> new UserError("unknown strategy '" + strategy + "'; expected one of " + strategies()));
    }
}
