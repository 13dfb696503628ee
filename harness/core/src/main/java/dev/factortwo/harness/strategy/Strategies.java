package dev.factortwo.harness.strategy;

import dev.factortwo.model.UserError;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every strategy, by name. A new strategy is one class plus its entry here, or, for a strategy of one's own, one class
 * registered with Java's {@link ServiceLoader} (a line naming it in
 * {@code META-INF/services/dev.factortwo.harness.strategy.RoundStrategy} on the classpath, a public no-argument
 * constructor): the engine that runs one model per partition owns it, the flags and contract tests take it from here,
 * and it runs where it is named ({@code --strategies}).
 */
public final class Strategies {

    private Strategies() {
    }

    /** The strategies of engines that run one model per partition inside Spark tasks (TensorFlow). */
    public static List<RoundStrategy> rounds() {
        return ROUNDS;
    }

    private static final List<RoundStrategy> ROUNDS = withRegistered(List.of(new ModelAveraging(), new SingleWorker(),
            new SparkAllReduce(), new DirectAllReduce(), new LocalSgd(LocalSgd.DEFAULT_SYNC_EVERY), new LocalSgd(0), new Hogwild(),
            new AsyncParameterServer(), BatchInference.EMBEDDED, BatchInference.SCHEDULER),
            ServiceLoader.load(RoundStrategy.class));

    static List<RoundStrategy> withRegistered(List<RoundStrategy> builtIn, Iterable<RoundStrategy> registered) {
        List<RoundStrategy> all = new java.util.ArrayList<>(builtIn);
        for (RoundStrategy s : registered) {
            boolean taken = all.stream().anyMatch(known -> known.name().equals(s.name()))
                    || mllib().stream().anyMatch(known -> known.name().equals(s.name())) || LocalSgd.parse(s.name()).isPresent();
            if (taken) {
                throw new IllegalStateException("strategy '" + s.name() + "' (" + s.getClass().getName()
                        + ") has the name of another strategy: every strategy needs its own name");
            }
            all.add(s);
        }
        return List.copyOf(all);
    }

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
