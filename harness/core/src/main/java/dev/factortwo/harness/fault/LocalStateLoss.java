package dev.factortwo.harness.fault;

import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.strategy.RoundHook;
import java.util.List;
import java.util.Optional;

/** The worker-local data and model state is wiped, as when a worker process restarts behind Spark's back. */
public final class LocalStateLoss implements FaultKind {

    @Override
    public String name() {
        return "local-state-loss";
    }

    @Override
    public Optional<String> notApplicable(FaultTarget t) {
        return t.state().workerLocal() ? Optional.empty()
                : Optional.of("spark state keeps nothing outside Spark (see lost-cached-blocks)");
    }

    @Override
    public RoundHook hook(FaultTarget target, int atRound, List<String> log) {
        return new RoundHook() {
            @Override
            public void beforeRound(int round, int rounds, Execution ex) {
                if (round == atRound) {
                    log.add(ex.wipeLocalState() ? "wiped worker-local data and models before round " + round : "no local state to wipe");
                }
            }

            @Override
            public void record(String what) {
                log.add(what);
            }
        };
    }
}
