package dev.factortwo.harness.plan;

import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.engine.Engine;
import dev.factortwo.harness.engine.Engines;
import dev.factortwo.harness.strategy.Strategies;
import dev.factortwo.harness.strategy.Strategy;
import dev.factortwo.harness.workload.Workload;
import dev.factortwo.harness.workload.Workloads;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Expands a suite into its cells, in a fixed order: dataset, workload, tier, state, engine, strategy. Strategies
 * belong to engines: a cell that names none gets its engine's default, and a listed strategy only pairs with
 * the engine that owns it. Combinations an engine cannot run (MLlib has no convolutions and no local state)
 * are left out; {@link #skipped} says which and why. The quick suite, when it names no strategies, also gets
 * {@link #tradeOff} cells (configurations that give recomputability up) and {@link #recomputableBaseline} cells
 * ({@code single}, which reaches the accuracy target where the bare loop does), so its price is measured on both sides.
 */
public final class SuitePlan {

    private SuitePlan() {
    }

    /** @param device the device cells request ({@code auto} is resolved when they run) */
    public static List<CellSpec> expand(Suite suite, String device) {
        Suite.Settings s = suite.settings();
        List<CellSpec> cells = new ArrayList<>();
        suite.strategies().forEach(Engines::ofStrategy); // an unknown name is an error, not an empty plan
        for (String dataset : suite.datasets()) {
            for (String w : suite.workloads()) {
                Workload workload = Workloads.byName(w);
                for (String tier : suite.tiers()) {
                    for (String stateName : suite.states()) {
                        StateMode state = StateMode.byName(stateName);
                        for (String name : suite.engines()) {
                            Engine engine = Engines.byName(name);
                            if (engine.unsupported(workload, state).isPresent()) continue;
                            for (Strategy strategy : strategiesFor(engine, suite.strategies(), workload, state)) {
                                CellKey key = new CellKey(w, dataset, tier, stateName, strategy.name(), name, device);
                                cells.add(new CellSpec(key, s.seed(), s.epochs(), s.batchSize(), s.learningRate(),
                                        s.partitions(), s.trainSamples(), s.testSamples(), s.repetitions(),
                                        s.warmupSteps(), s.throttlePercent()));
                            }
                        }
                    }
                }
            }
        }
        if (QUICK.equals(suite.name()) && suite.strategies().isEmpty()) {
            cells.addAll(tradeOff(suite, device));
            cells.addAll(recomputableBaseline(suite, device));
        }
        return cells;
    }

    /** The name of the quick suite, which gets {@link #tradeOff} cells beside its matrix. */
    public static final String QUICK = "quick";

    /**
     * Strategies that give recomputability up, run beside the quick suite's matrix so that its price of
     * reproducibility is a measured ratio: the worker-resident replicas of local SGD, averaged once at the end.
     */
    public static final List<String> TRADE_OFF_STRATEGIES = List.of(dev.factortwo.harness.strategy.LocalSgd.nameFor(0));

    /**
     * For each dataset and training workload of {@code suite}, its {@link #TRADE_OFF_STRATEGIES} on the suite's
     * first tier under local state (when the suite lists local state), with the suite's settings.
     */
    static List<CellSpec> tradeOff(Suite suite, String device) {
        return besideTheMatrix(suite, device, "local", TRADE_OFF_STRATEGIES);
    }

    /** The recomputable configuration the seed's advice starts from: one worker, Spark-managed state. */
    public static final String BASELINE_STRATEGY = "single";

    /**
     * For each dataset and training workload of {@code suite}, {@link #BASELINE_STRATEGY} on the suite's first tier under
     * Spark-managed state (when the suite lists it), with the suite's settings: a recomputable configuration that trains
     * the bits of the bare loop, so that the price in time to the accuracy target has a recomputable side that reaches
     * it whenever the engine can (model averaging over few epochs may not).
     */
    static List<CellSpec> recomputableBaseline(Suite suite, String device) {
        return besideTheMatrix(suite, device, "spark", List.of(BASELINE_STRATEGY));
    }

    /**
     * Cells of {@code strategies} for each dataset, training workload and engine of {@code suite}, on its first tier
     * under {@code stateName} (none when the suite lists no such state), with the suite's settings; a strategy an engine
     * lacks or refuses is left out, and so is one the matrix already has as the engine's default.
     */
    private static List<CellSpec> besideTheMatrix(Suite suite, String device, String stateName, List<String> strategies) {
        List<CellSpec> cells = new ArrayList<>();
        if (suite.tiers().isEmpty() || !suite.states().contains(stateName)) return cells;
        String tier = suite.tiers().get(0);
        StateMode state = StateMode.byName(stateName);
        Suite.Settings s = suite.settings();
        for (String dataset : suite.datasets()) {
            for (String w : suite.workloads()) {
                Workload workload = Workloads.byName(w);
                if (!workload.training()) continue;
                for (String name : suite.engines()) {
                    Engine engine = Engines.byName(name);
                    for (String strategyName : strategies) {
                        var strategy = Strategies.named(engine.strategies(), strategyName);
                        if (strategy.isEmpty() || engine.refuses(workload, state, strategy.get()).isPresent()) continue;
                        if (engine.defaultStrategy(workload, state).name().equals(strategyName)) continue; // in the matrix already
                        CellKey key = new CellKey(w, dataset, tier, state.name(), strategyName, name, device);
                        cells.add(new CellSpec(key, s.seed(), s.epochs(), s.batchSize(), s.learningRate(),
                                s.partitions(), s.trainSamples(), s.testSamples(), s.repetitions(),
                                s.warmupSteps(), s.throttlePercent()));
                    }
                }
            }
        }
        return cells;
    }

    /**
     * The strategies a workload runs under a state on an engine: of the asked ones the engine owns, those of
     * the workload's kind (training or inference) that run under the state; the engine's default when none was
     * asked or none of its kind was (so {@code --strategies single,spark-allreduce} leaves inference cells on
     * their own strategies).
     */
    static List<Strategy> strategiesFor(Engine engine, List<String> asked, Workload workload, StateMode state) {
        // in the order asked
        List<Strategy> ofKind = asked.stream().flatMap(n -> Strategies.named(engine.strategies(), n).stream())
                .filter(x -> x.training() == workload.training()).toList();
        if (ofKind.isEmpty()) return List.of(engine.defaultStrategy(workload, state));
        return ofKind.stream().filter(x -> engine.refuses(workload, state, x).isEmpty()).toList();
    }

    /**
     * Each of {@code cells} once per format of {@code formats}, in that order, next to each other (shards and Parquet of
     * one configuration run side by side); bare references, which read no tier, once. The first format is usually
     * {@link CellKey#DEFAULT_FORMAT}, the control.
     */
    public static List<CellSpec> withFormats(List<CellSpec> cells, List<String> formats) {
        List<CellSpec> out = new ArrayList<>();
        for (CellSpec c : cells) {
            if (c.key().bare()) {
                out.add(c);
                continue;
            }
            for (String f : formats) out.add(c.withKey(c.key().withFormat(f)));
        }
        return out;
    }

    /**
     * {@code cells} with a bare reference cell ({@link CellKey#BARE_STRATEGY}) in front of each TensorFlow training
     * workload and dataset, with the settings of its first cell: the engine's limit, measured in the same run. It keeps
     * the cell's partitions although it trains in one loop: they fix the order in which {@code single} sees the
     * samples (partition by partition), which the bare loop follows.
     * Emulated devices get none (their compute is a modelled wait, not the engine).
     */
    public static List<CellSpec> withBareReferences(List<CellSpec> cells) {
        java.util.Map<String, CellSpec> bare = new java.util.LinkedHashMap<>();
        for (CellSpec c : cells) {
            CellKey k = c.key();
            if (k.bare() || !"tensorflow".equals(k.engine()) || k.deviceEmulated() || !k.workload().startsWith("train-")) continue;
            bare.computeIfAbsent(k.workload() + "|" + k.dataset(), x -> new CellSpec(new CellKey(k.workload(), k.dataset(), "memory",
                    "none", CellKey.BARE_STRATEGY, k.engine(), k.device()), c.seed(), c.epochs(), c.batchSize(), c.learningRate(),
                    c.partitions(), c.trainSamples(), c.testSamples(), c.repetitions(), c.warmupSteps(), 0));
        }
        List<CellSpec> out = new java.util.ArrayList<>(bare.values());
        out.addAll(cells);
        return List.copyOf(out);
    }

    /**
     * The scale cells of {@code cells} ({@code run --accelerators}): each cell whose strategy can run {@code n} workers at
     * once becomes one cell per {@code n} of {@code accelerators}, in that order, with {@code n} partitions and its key's
     * {@link CellKey#accelerators()} set to {@code n}, so that every number of accelerators has its own id. Each worker is
     * one Spark task that reads and decodes its partition from the tier and emulates the device's compute per batch.
     * Cells that cannot be scaled (bare references, MLlib's own optimizers, strategies that run fewer workers than
     * partitions) are left out; {@link #scaleSkipped} says why.
     *
     * @param cells        cells on an emulated device
     * @param accelerators the numbers of accelerators to sweep, each at least 1
     */
    public static List<CellSpec> scaled(List<CellSpec> cells, List<Integer> accelerators) {
        List<CellSpec> out = new ArrayList<>();
        for (CellSpec c : cells) {
            for (int n : accelerators) {
                if (notScalable(c, n).isPresent()) continue;
                out.add(new CellSpec(c.key().withAccelerators(n), c.seed(), c.epochs(), c.batchSize(), c.learningRate(), n,
                        c.trainSamples(), c.testSamples(), c.repetitions(), c.warmupSteps(), c.throttlePercent()));
            }
        }
        return List.copyOf(out);
    }

    /** One line per cell of {@code cells} and number of accelerators that {@link #scaled} leaves out, with the reason. */
    public static List<String> scaleSkipped(List<CellSpec> cells, List<Integer> accelerators) {
        Set<String> out = new LinkedHashSet<>();
        for (CellSpec c : cells) {
            for (int n : accelerators) {
                notScalable(c, n).ifPresent(why -> out.add("skipped " + c.id() + " at " + n + " accelerators: " + why));
            }
        }
        return List.copyOf(out);
    }

    /** Why {@code cell} cannot run as {@code n} emulated accelerators; empty when it can. */
    static java.util.Optional<String> notScalable(CellSpec cell, int n) {
        CellKey k = cell.key();
        if (!k.deviceEmulated()) return java.util.Optional.of("device " + k.device() + " is not emulated (emulate:NAME)");
        if (k.bare()) return java.util.Optional.of("a bare reference runs no Spark workers");
        Strategy strategy = Strategies.named(Engines.byName(k.engine()).strategies(), k.strategy()).orElse(null);
        if (!(strategy instanceof dev.factortwo.harness.strategy.RoundStrategy rs)) {
            return java.util.Optional.of("strategy '" + k.strategy() + "' is the engine's own optimizer, which does not emulate an accelerator");
        }
        int workers = rs.tasksAtOnce(n, n);
        if (workers < n) {
            return java.util.Optional.of("strategy '" + k.strategy() + "' runs " + workers + " worker(s) at once, not one per accelerator");
        }
        return java.util.Optional.empty();
    }

    /** One line per (engine, workload, state) the suite lists but an engine cannot run, with the reason; in plan order. */
    public static List<String> skipped(Suite suite) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : suite.workloads()) {
            Workload workload = Workloads.byName(w);
            for (String state : suite.states()) {
                for (String name : suite.engines()) {
                    Engines.byName(name).unsupported(workload, StateMode.byName(state))
                            .ifPresent(why -> out.add("skipped " + name + " x " + w + " x " + state + " state: " + why));
                }
            }
        }
        return List.copyOf(out);
    }
}
