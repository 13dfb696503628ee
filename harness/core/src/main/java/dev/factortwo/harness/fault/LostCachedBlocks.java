package dev.factortwo.harness.fault;

import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.strategy.RoundHook;
import dev.factortwo.model.CellKey;
import java.util.List;
import java.util.Optional;

/**
 * The cached input blocks vanish, as when an executor's memory is lost: removed through Spark's block manager,
 * counting the blocks that existed and naming them (a DataFrame's are the blocks of its columnar cache). Before the chosen round when earlier rounds cached them; in a run of one
 * round, after its first task cached its block. It hit when blocks were removed and read again.
 */
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
    public RoundHook hook(FaultTarget target, int atRound, FaultRecord record) {
        return new RoundHook() {
            private MidRound mid;

            @Override
            public void beforeRound(int round, int rounds, Execution ex) {
                if (round != atRound) return;
                if (rounds > 1) {
                    drop(ex, "before round " + round);
                } else {
                    mid = new MidRound(target.sc(), "factortwo-lost-blocks", () -> drop(ex, "during round " + round + ", after its first task"));
                }
            }

            @Override
            public void afterRound(int round, int rounds, Execution ex) {
                if (mid != null) mid.finish();
            }

            private void drop(Execution ex, String when) {
                List<String> removed = ex.dropCachedBlocks();
                record.count(FaultRecord.BLOCKS_REMOVED, removed.size());
                String of = CellKey.DEFAULT_FORMAT.equals(target.key().format()) ? "cached input block(s)"
                        : "block(s) of the input DataFrames' columnar cache";
                record.say(removed.isEmpty() ? "no cached input block existed " + when
                        : "dropped " + removed.size() + " " + of + " " + when + ": " + String.join(", ", removed));
            }
        };
    }

    @Override
    public Optional<String> missed(FaultRecord r) {
        if (r.get(FaultRecord.BLOCKS_REMOVED) == 0) return Optional.of("no cached block existed to remove");
        if (r.get(FaultRecord.BYTES_REREAD) == 0 && r.get(FaultRecord.FAILED_TASK_ATTEMPTS) == 0) {
            return Optional.of(r.get(FaultRecord.BLOCKS_REMOVED) + " block(s) removed, but nothing read them again (no byte was re-read)");
        }
        return Optional.empty();
    }
}
