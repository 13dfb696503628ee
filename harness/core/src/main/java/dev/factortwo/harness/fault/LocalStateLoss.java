package dev.factortwo.harness.fault;

import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.strategy.RoundHook;
import java.util.Map;
import java.util.Optional;

/**
 * The worker-local data and model state is wiped, as when a worker process restarts behind Spark's back: a
 * Spark job reaches every executor and drops the run's entries there, counting them per executor. Before the
 * chosen round when earlier rounds built the state; in a run of one round, after its first task built it.
 */
public final class LocalStateLoss implements FaultKind {

    @Override
    public String name() {
        return "local-state-loss";
    }

    @Override
    public Optional<String> notApplicable(FaultTarget t) {
        if (!t.state().workerLocal()) return Optional.of("spark state keeps nothing outside Spark (see lost-cached-blocks)");
        if (!t.tier().workerLocalCopy() && !dev.factortwo.harness.workload.Workloads.byName(t.key().workload()).training()) {
            // measured: infer on local-disk/local dropped 0 entries, so the fault was missed and kept the cell from green
            return Optional.of("local state keeps no copy of " + t.tier().name() + " data (its files are on the worker already)"
                    + " and inference keeps no model state: nothing worker-local to lose");
        }
        return Optional.empty();
    }

    @Override
    public RoundHook hook(FaultTarget target, int atRound, FaultRecord record) {
        return new RecordingHook(record) {
            private MidRound mid;

            @Override
            public void beforeRound(int round, int rounds, Execution ex) {
                if (round != atRound) return;
                if (rounds > 1) {
                    wipe(ex, "before round " + round);
                } else {
                    mid = new MidRound(target.sc(), "factortwo-local-state-loss", () -> wipe(ex, "during round " + round + ", after its first task"));
                }
            }

            @Override
            public void afterRound(int round, int rounds, Execution ex) {
                if (mid != null) mid.finish();
            }

            private void wipe(Execution ex, String when) {
                Execution.Wipe wipe = ex.wipeLocalState();
                long total = 0;
                for (Map.Entry<String, Integer> e : wipe.entriesByExecutor().entrySet()) {
                    record.count(FaultRecord.ENTRIES_DROPPED + ".executor." + e.getKey(), e.getValue());
                    total += e.getValue();
                }
                record.count(FaultRecord.ENTRIES_DROPPED, total);
                record.count(FaultRecord.EXECUTORS_REACHED, wipe.entriesByExecutor().size());
                record.count(FaultRecord.EXECUTORS_EXPECTED, wipe.executorsExpected());
                record.say("dropped " + total + " worker-local entries " + when + " in executor(s) " + wipe.entriesByExecutor()
                        + " (reached " + wipe.entriesByExecutor().size() + " of " + wipe.executorsExpected() + ")");
            }
        };
    }

    @Override
    public Optional<String> missed(FaultRecord r) {
        return r.get(FaultRecord.ENTRIES_DROPPED) > 0 ? Optional.empty()
                : Optional.of("no worker-local entry existed in any executor the wipe reached ("
                  + r.get(FaultRecord.EXECUTORS_REACHED) + " of " + r.get(FaultRecord.EXECUTORS_EXPECTED) + ")");
    }
}
