package dev.factortwo.harness.run;

import dev.factortwo.harness.strategy.Strategies;
import dev.factortwo.harness.strategy.Strategy;
import dev.factortwo.harness.workload.Workload;
import dev.factortwo.harness.workload.Workloads;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellSpec;
import java.util.ArrayList;
import java.util.List;

/** Expands a suite into its cells, in a fixed order: dataset, workload, tier, state, strategy, engine. */
public final class SuitePlan {

    private SuitePlan() {
    }

    /** @param device the device cells request ({@code auto} is resolved when they run) */
    public static List<CellSpec> expand(Suite suite, String device) {
        Suite.Settings s = suite.settings();
        List<CellSpec> cells = new ArrayList<>();
        for (String dataset : suite.datasets()) {
            for (String w : suite.workloads()) {
                Workload workload = Workloads.byName(w);
                for (String tier : suite.tiers()) {
                    for (String state : suite.states()) {
                        List<String> strategies = strategiesFor(suite.strategies(), workload, state);
                        for (String strategy : strategies) {
                            for (String engine : suite.engines()) {
                                CellKey key = new CellKey(w, dataset, tier, state, strategy, engine, device);
                                cells.add(new CellSpec(key, s.seed(), s.epochs(), s.batchSize(), s.learningRate(),
                                        s.partitions(), s.trainSamples(), s.testSamples(), s.repetitions(),
                                        s.warmupSteps(), s.throttlePercent()));
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }

    /**
     * The strategies a workload runs under a state: of the asked ones, those of the workload's kind (training
     * or inference) that run under the state; the workload's default when none was asked or none of its kind
     * was (so {@code --strategies single,sync-allreduce} leaves inference cells on their own strategies).
     */
    static List<String> strategiesFor(List<String> asked, Workload workload, String state) {
        boolean training = workload instanceof Workload.Train;
        List<Strategy> ofKind = asked.stream().map(Strategies::byName).filter(s -> s.training() == training).toList();
        if (ofKind.isEmpty()) return List.of(workload.defaultStrategy(state));
        return ofKind.stream().filter(s -> s.states().contains(state)).map(Strategy::name).toList();
    }
}
