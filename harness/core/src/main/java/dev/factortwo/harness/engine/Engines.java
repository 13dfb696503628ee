package dev.factortwo.harness.engine;

import dev.factortwo.harness.nn.TfSettings;
import java.util.List;

/** Every engine, by name, with default settings. A new engine is one class plus its entry here. */
public final class Engines {

    private Engines() {
    }

    public static List<Engine> all() {
        return List.of(new TensorFlowEngine(TfSettings.defaults()), new MllibEngine(MllibSettings.defaults()));
    }

    public static List<String> names() {
        return all().stream().map(Engine::name).toList();
    }

    /** @throws IllegalArgumentException naming the known engines */
    public static Engine byName(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown engine '" + name + "'; expected one of " + names()));
    }

    /** Every strategy name of every engine. */
    public static List<String> strategies() {
        return all().stream().flatMap(e -> e.strategies().stream()).toList();
    }

    /**
     * The engine a strategy belongs to.
     *
     * @throws IllegalArgumentException naming every engine's strategies
     */
    public static Engine ofStrategy(String strategy) {
        return all().stream().filter(e -> e.strategies().contains(strategy)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown strategy '" + strategy + "'; expected one of " + strategies()));
    }
}
