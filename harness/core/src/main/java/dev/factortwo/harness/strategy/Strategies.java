package dev.factortwo.harness.strategy;

import dev.factortwo.model.UserError;
import java.util.List;
import java.util.Optional;

/** Every strategy, by name. A new strategy is one class plus its entry here. */
public final class Strategies {

    private Strategies() {
    }

    /** The strategies of engines that run one model per partition inside Spark tasks (TensorFlow). */
    public static List<RoundStrategy> rounds() {
        return ROUNDS;
    }

    private static final List<RoundStrategy> ROUNDS = List.of(new ModelAveraging(), new SingleWorker(), new SparkAllReduce(),
            new DirectAllReduce(), new LocalSgd(LocalSgd.DEFAULT_SYNC_EVERY), new LocalSgd(0), new Hogwild(),
            new AsyncParameterServer(), BatchInference.EMBEDDED, BatchInference.SCHEDULER);

    /** MLlib's own optimizers and its transform. */
    public static List<MllibFit> mllib() {
        return List.of(MllibFit.LBFGS, MllibFit.GD, MllibFit.TRANSFORM);
    }

    /**
     * The strategy of {@code owned} called {@code name}: one of them, or a {@code local-sgd-every-K} when
     * {@code owned} has local SGD ({@code --sync-every K} names a period that is not registered).
     */
    public static Optional<Strategy> named(List<? extends Strategy> owned, String name) {
        Optional<Strategy> exact = owned.stream().filter(s -> s.name().equals(name)).findFirst().map(Strategy.class::cast);
        if (exact.isPresent() || owned.stream().noneMatch(s -> s instanceof LocalSgd)) return exact;
        return LocalSgd.parse(name).map(Strategy.class::cast);
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

    /** @throws UserError naming the known strategies */
    public static Strategy byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst().or(() -> LocalSgd.parse(name).map(Strategy.class::cast))
                .orElseThrow(() -> new UserError("unknown strategy '" + name + "'; expected one of " + names()));
    }
}
