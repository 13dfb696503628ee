package dev.factortwo.harness.strategy;

import java.util.List;

/** Every strategy, by name. A new strategy is one class plus its entry here. */
public final class Strategies {

    private Strategies() {
    }

    /** The strategies of engines that run one model per partition inside Spark tasks (TensorFlow). */
    public static List<RoundStrategy> rounds() {
        return ROUNDS;
    }

    private static final List<RoundStrategy> ROUNDS = List.of(new ModelAveraging(), new SingleWorker(), new SyncAllReduce(),
            new AsyncParameterServer(), BatchInference.EMBEDDED, BatchInference.SCHEDULER);

    /** MLlib's own optimizers and its transform. */
    public static List<MllibFit> mllib() {
        return List.of(MllibFit.LBFGS, MllibFit.GD, MllibFit.TRANSFORM);
    }

    /** Every strategy of every engine. */
    public static List<Strategy> all() {
        List<Strategy> all = new java.util.ArrayList<>(rounds());
        all.addAll(mllib());
        return List.copyOf(all);
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
