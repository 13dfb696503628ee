package dev.factortwo.harness.fault;

import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.strategy.RoundHook;
import java.util.List;
import java.util.Optional;

/** The cached input blocks vanish, as when an executor's memory is lost: removed through Spark's block manager. */
public final class LostCachedBlocks implements FaultKind {

    @Override
    public String name() {
        return "lost-cached-blocks";
    }

    @Override
    public Optional<String> notApplicable(FaultTarget t) {
        if (t.state().workerLocal()) return Optional.of("local state keeps no Spark-cached blocks (see local-state-loss)");
        if (!t.tier().sparkCaches()) return Optional.of("the " + t.tier().name() + " tier is not cached by Spark: every epoch re-reads the store");
        return Optional.empty();
    }

    @Override
    public RoundHook hook(FaultTarget target, int atRound, List<String> log) {
        return new RoundHook() {
            @Override
            public void beforeRound(int round, int rounds, Execution ex) {
                if (round == atRound) {
                    boolean dropped = ex.dropCachedBlocks();
                    log.add(dropped ? "dropped every cached input block before round " + round : "no cached blocks to drop");
                }
            }
        };
    }
}
