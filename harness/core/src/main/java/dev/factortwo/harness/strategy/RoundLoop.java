package dev.factortwo.harness.strategy;

import dev.factortwo.harness.checkpoint.Checkpoints;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.Placement;
import dev.factortwo.harness.task.TaskOutcome;
import dev.factortwo.model.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * The round loop every {@link RoundStrategy} shares: per round, the hooks around it (where faults are
 * injected), its wall time, what it read from the store, the accuracy curve (untimed), and the weights it
 * hands to the next round. A strategy supplies only the body of one round; this is the template a strategy of one's
 * own (registered as a service, see {@link Strategies}) runs too. Driver only; not thread-safe.
 */
public final class RoundLoop {

    private RoundLoop() {
    }

    /** The body of one round: from the current weights, run the tasks and combine what they return. */
    @FunctionalInterface
    public interface Body {
        /** Runs round {@code round} of {@code job} (already set to that epoch) from {@code current}. */
        Step round(ModelJob job, int round, Weights current);
    }

    /**
     * What one round produced.
     *
     * @param weights    the weights the next round starts from
     * @param outcomes   task outcomes in partition order
     * @param commBytes  bytes of model state moved
     * @param commNanos  time spent moving model state, measured inside the tasks; negative when the strategy
     *                   does not measure it there (then it is the round's time outside its slowest task)
     */
    public record Step(Weights weights, List<TaskOutcome> outcomes, long commBytes, long commNanos) {
        /** A step whose communication time is the round's time outside its slowest task. */
        public Step(Weights weights, List<TaskOutcome> outcomes, long commBytes) {
            this(weights, outcomes, commBytes, -1);
        }
    }

    /** Runs {@code ctx.spec().epochs()} rounds of {@code body} from {@code initial}. */
    public static Trained run(StrategyContext ctx, Weights initial, Body body) {
        Execution ex = ctx.execution();
        TrainingClock clock = ctx.clock();
        List<Round> rounds = new ArrayList<>();
        Weights weights = initial;
        int n = ctx.spec().epochs();
        for (int e = 0; e < n; e++) {
            ModelJob job = ctx.job().forEpoch(e);
            ctx.hook().beforeRound(e, n, ex);
            long t0 = System.nanoTime();
            Step step;
            try {
                step = body.round(job, e, weights);
            } finally {
                ctx.hook().afterRound(e, n, ex);
            }
            long wall = System.nanoTime() - t0;
            weights = step.weights();
            Placement placed = clock.untimed(ex::drainPlacement); // may wait for Spark's listener bus: bookkeeping, not the round's
            evidence(ctx.hook(), e, placed);
            long comm = step.commNanos() < 0 ? Round.outsideTasks(step.outcomes(), wall) : step.commNanos();
            rounds.add(new Round(e, step.outcomes(), ex.drainIo(), wall, step.commBytes(), comm, placed));
            clock.afterRound(e, weights);
        }
        if (!ctx.checkpointing().on()) return clock.trained(weights, rounds);
        Checkpoints cps = ctx.checkpointing().checkpoints();
        // the read-back check, outside the measured time: the newest checkpoint read and verified part by part, so that
        // a fault-free run shows what a restore would read, and a checkpoint that cannot be read fails the run
        clock.untimed(cps::latest);
        return clock.trained(weights, rounds, cps.figures());
    }

    /**
     * Hands a round's moved and discarded replicas to the hook as a fault's evidence ({@link RoundHook#REPLICA_MOVED},
     * {@link RoundHook#REPLICA_MOVED_BYTES}, {@link RoundHook#STALE_REPLICAS_DISCARDED}, and in words): a replica that
     * left its executor is never silent. The cell's attributes carry the same counts for fault-free runs.
     */
    static void evidence(RoundHook hook, int round, Placement placed) {
        if (placed.moved() > 0) {
            hook.count(RoundHook.REPLICA_MOVED, placed.moved());
            hook.count(RoundHook.REPLICA_MOVED_BYTES, placed.movedBytes());
            hook.record(String.format(java.util.Locale.ROOT, "round %d: %d tasks ran away from the executor holding their"
                    + " partition's state (partition:from->to %s), re-reading %d bytes from the store",
                    round, placed.moved(), String.join(" ", placed.moves()), placed.movedBytes()));
        }
        if (placed.staleDiscarded() > 0) {
            hook.count(RoundHook.STALE_REPLICAS_DISCARDED, placed.staleDiscarded());
            hook.record(String.format(java.util.Locale.ROOT, "round %d: %d tasks found a replica from another synchronisation"
                    + " in their executor and discarded it", round, placed.staleDiscarded()));
        }
    }

    /**
     * Fails, naming {@code strategy} and what to change, when the cell has more partitions than Spark has task slots:
     * a barrier stage starts all its tasks at once and would wait for slots forever.
     */
    static void requireBarrierSlots(StrategyContext ctx, String strategy) {
        int partitions = ctx.execution().partitions();
        int slots = ctx.sc().defaultParallelism();
        if (partitions > slots) {
            throw new UserError(strategy + " runs its " + partitions + " partitions at once in a barrier stage,"
                    + " but Spark offers " + slots + " task slots; use --partitions " + slots + " or fewer, or more cores");
        }
    }
}
