package dev.factortwo.harness.strategy;

import java.util.List;

/** Every strategy, by name. A new strategy is one class plus its entry here. */
public final class Strategies {

    private Strategies() {
    }

    public static List<Strategy> all() {
        return List.of(new ModelAveraging(), new SingleWorker(), new SyncAllReduce(), new AsyncParameterServer(),
                BatchInference.EMBEDDED, BatchInference.SCHEDULER);
    }

    public static List<String> names() {
        return all().stream().map(Strategy::name).toList();
    }

    /** @throws IllegalArgumentException naming the known strategies */
    public static Strategy byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown strategy '" + name + "'; expected one of " + names()));
    }
}
