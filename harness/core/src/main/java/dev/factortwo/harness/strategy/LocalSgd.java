package dev.factortwo.harness.strategy;

import dev.factortwo.harness.checkpoint.Checkpoint;
import dev.factortwo.harness.checkpoint.CheckpointFigures;
import dev.factortwo.harness.checkpoint.Checkpointing;
import dev.factortwo.harness.checkpoint.Checkpoints;
import dev.factortwo.harness.checkpoint.CorruptCheckpointException;
import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionInput;
import dev.factortwo.harness.task.PartitionTask;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.StepRule;
import dev.factortwo.harness.task.TaskOutcome;
import dev.factortwo.harness.task.WorkerLocal;
import dev.factortwo.model.UserError;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Local SGD with worker-resident replicas (the cooperative frameworks' way, CaffeOnSpark and TensorFlowOnSpark:
 * Spark schedules, but does not see the computation). Each worker keeps its model replica in its own JVM
 * ({@link WorkerLocal}) across rounds and trains on its shard without waiting for the others; every
 * {@code syncEvery} steps the replicas are averaged over direct TCP connections ({@link DirectExchange}, in a
 * barrier stage), or, with {@code syncEvery} 0 ("end"), only once, at the end of training (one-shot averaging).
 *
 * <p>What a worker learned since the last synchronisation exists only in that worker. When its state is lost
 * (the worker process restarts behind Spark's back, or its executor is killed), the replica restarts from the last
 * synchronised weights, which the driver keeps; the steps it had taken since are lost, the other replicas go on,
 * and the run finishes with another result. A retried task (an injected task failure) finds its replica already
 * advanced and trains it again. Neither can Spark recompute. Repeats without faults give the same bits. Momentum
 * restarts at every round and synchronisation.
 *
 * <p>With checkpoints ({@link StrategyContext#checkpointing}, {@code run --checkpoint-every K}) the driver collects every
 * replica after every K-th round and writes them, with its last synchronised weights, the data position and the seed,
 * to the cell's tier ({@link Checkpoints}). A round that then finds a replica missing, or advanced twice by a retried
 * task, is discarded: every replica is restored from the newest checkpoint (every part's SHA-256 verified; from the
 * initial weights when none was written yet), the rounds after it run again, and the run ends at the fault-free bits.
 * What that cost reaches the fault's evidence ({@link RoundHook#CHECKPOINT_RESTORES},
 * {@link RoundHook#ROUNDS_RESTORED_FROM_CHECKPOINT}, {@link RoundHook#STEPS_RECOMPUTED},
 * {@link RoundHook#CHECKPOINT_BYTES_READ}).
 *
 * <p>What a fault costs is counted, not inferred: each replica counts its own steps and their compute time
 * ({@link Steps}, beside it in its worker, updated at every step, reset at every synchronisation) and reports the
 * count at the end of its task. A replica found missing lost the steps of the count it last reported (a replica
 * killed in the middle of a round also loses that round's steps so far, which nobody can count: they died with
 * it); a retried task finds the count of the earlier attempt and reports those steps as run again. Both reach the
 * fault's evidence as numbers ({@link RoundHook#count}: {@link RoundHook#STEPS_LOST}, {@link RoundHook#STEPS_RERUN},
 * {@link RoundHook#REPLICAS_RESTORED}, ...) and in words ({@link RoundHook#record}).
 *
 * <p>{@code communicationBytes} counts what moves: the synchronisations' bytes; the driver's weights when a task
 * reads them (a broadcast, counted once per round in which a task read it: the start weights in round 0, and a
 * restore after a loss; a round with every replica in place reads nothing); partition 0's copy of each round's last
 * synchronised weights, which the driver keeps for restores; and every replica at the end for the final average
 * (with {@code end}, the one-shot averaging). For the accuracy curve the replicas are also collected after each
 * round, only when accuracy is evaluated: that is evaluation, not counted as communication.
 */
public record LocalSgd(int syncEvery) implements RoundStrategy {

    public static final String NAME = "local-sgd";
    /** Steps between synchronisations of {@code local-sgd}. */
    public static final int DEFAULT_SYNC_EVERY = 8;

    public LocalSgd {
        if (syncEvery < 0) throw new IllegalArgumentException("--sync-every must be a positive number of steps or 'end', was " + syncEvery);
    }

    /** The name for a synchronisation period: {@code local-sgd}, {@code local-sgd-end} or {@code local-sgd-every-K}. */
    public static String nameFor(int syncEvery) {
        return syncEvery == 0 ? NAME + "-end" : syncEvery == DEFAULT_SYNC_EVERY ? NAME : NAME + "-every-" + syncEvery;
    }

    /** The strategy a name gives, when it is one of {@link #nameFor}'s. */
    public static Optional<LocalSgd> parse(String name) {
        if (name.equals(NAME)) return Optional.of(new LocalSgd(DEFAULT_SYNC_EVERY));
        if (name.equals(NAME + "-end")) return Optional.of(new LocalSgd(0));
        String prefix = NAME + "-every-";
        if (name.startsWith(prefix) && name.length() > prefix.length() && name.length() < prefix.length() + 8
                && name.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
            int k = Integer.parseInt(name.substring(prefix.length()));
            if (k > 0) return Optional.of(new LocalSgd(k));
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return nameFor(syncEvery);
    }

    @Override
    public boolean training() {
        return true;
    }

    @Override
    public boolean runsUnder(StateMode state) {
        return state.workerLocal();
    }

    @Override
    public boolean deterministic() {
        return true;
    }

    @Override
    public Optional<String> notCheckpointed() {
        return Optional.empty();
    }

    @Override
    public Trained run(StrategyContext ctx, Weights initial) {
        int partitions = ctx.execution().partitions();
        if (syncEvery > 0 && partitions > ctx.sc().defaultParallelism()) {
            throw new UserError(name() + " synchronises its " + partitions + " partitions in a barrier stage,"
                    + " but Spark offers " + ctx.sc().defaultParallelism() + " task slots; use --partitions "
                    + ctx.sc().defaultParallelism() + " or fewer, or local-sgd-end");
        }
        int rounds = ctx.spec().epochs();
        boolean evaluate = ctx.probe() != AccuracyProbe.NONE;
        Checkpointing cp = ctx.checkpointing();
        long modelBytes = initial.parameters() * 4L;
        Weights[] lastSynced = {initial};
        Steps[] known = new Steps[partitions]; // what each replica last reported: the driver's view of its counter
        java.util.Arrays.fill(known, Steps.NONE);
        long[] stepsDone = new long[partitions]; // per replica, steps run in the rounds kept: its position in the data
        long[] lost = {0, 0, 0, 0}; // steps lost, their nanos, restores, steps rerun
        return RoundLoop.run(ctx, initial, (job, e, current) -> {
            boolean last = e == rounds - 1;
            boolean due = cp.dueAfter(e, rounds);
            boolean collect = last || evaluate || due;
            long[] bytes = {0};
            List<Replica> outs = round(ctx, job, e, collect, last, lastSynced[0], null, modelBytes, bytes);
            boolean damaged = outs.stream().anyMatch(r -> r.restored || r.rerun.roundSteps() > 0);
            if (cp.on() && damaged) {
                outs = recover(ctx, job, e, collect, last, outs, initial, lastSynced, stepsDone, modelBytes, bytes);
            } else {
                account(ctx, e, outs, known, lost);
            }
            for (Replica r : outs) {
                int p = r.outcome.partition();
                known[p] = r.steps;
                stepsDone[p] += r.outcome.steps();
                if (r.synced != null) {
                    lastSynced[0] = r.synced;
                    bytes[0] += modelBytes; // partition 0 hands the driver the weights later restores start from
                }
            }
            long nanos = (long) outs.stream().mapToLong(r -> r.commNanos).average().orElse(0);
            Weights next = current;
            if (collect) {
                next = Weights.average(outs.stream().map(r -> r.outcome.weights()).toList());
                // the final average needs every replica on the driver (with 'end', the one-shot averaging); the collects
                // of earlier rounds feed the accuracy curve only, and are evaluation, not communication
                if (last) bytes[0] += modelBytes * partitions;
            }
            if (due) {
                // every replica travels to the driver, which writes them through the tier's client
                bytes[0] += modelBytes * partitions;
                cp.checkpoints().write(new Checkpoint(e, ctx.spec().seed(), syncEvery, java.util.Arrays.stream(stepsDone).boxed().toList(),
                        outs.stream().map(r -> r.outcome.weights()).toList(), lastSynced[0]));
            }
            if (last && (lost[2] > 0 || lost[3] > 0)) {
                ctx.hook().record(String.format(Locale.ROOT, "%s: %d steps lost in all (%.2f s of compute), %d replica restores,"
                        + " %d steps run again", name(), lost[0], lost[1] / 1e9, lost[2], lost[3]));
            }
            List<TaskOutcome> outcomes = outs.stream().map(r -> r.outcome).toList();
            return new RoundLoop.Step(next, outcomes, bytes[0], syncEvery > 0 ? nanos : -1);
        });
    }

    /**
     * Runs round {@code e}'s tasks: each replica trains one epoch from where it is, or, with {@code reset}, from its weights
     * there (a restore). Adds the round's traffic to {@code bytes[0]}.
     */
    private List<Replica> round(StrategyContext ctx, ModelJob job, int e, boolean collect, boolean last, Weights synced,
                                List<Weights> reset, long modelBytes, long[] bytes) {
        int k = syncEvery;
        Broadcast<Weights> restore = ctx.sc().broadcast(synced);
        Broadcast<List<Weights>> resetTo = reset == null ? null : ctx.sc().broadcast(List.copyOf(reset));
        List<Replica> outs;
        try {
            PartitionTask<Replica> task = in -> replicaRound(in, job, e, k, restore, resetTo, collect, last);
            outs = k > 0 ? ctx.execution().barrier(job, task) : ctx.execution().eachPartition(job, task);
        } finally {
            restore.destroy();
            if (resetTo != null) resetTo.destroy();
        }
        bytes[0] += outs.stream().mapToLong(r -> r.commBytes).sum();
        if (reset != null) bytes[0] += modelBytes * reset.size();
        // the driver's weights, broadcast, count once when a task read them (the start weights in round 0, a restore
        // later), as every strategy counts its broadcasts; a round in which no replica was missing moves nothing
        if (outs.stream().anyMatch(r -> r.startRead)) {
            bytes[0] += modelBytes;
            if (e > 0) ctx.hook().count(RoundHook.RESTORE_BYTES, modelBytes);
        }
        return outs;
    }

    /** Without checkpoints: a missing replica restarted from the last synchronisation, and a retried task's steps run again. */
    private void account(StrategyContext ctx, int e, List<Replica> outs, Steps[] known, long[] lost) {
        for (Replica r : outs) {
            int p = r.outcome.partition();
            if (r.restored) {
                Steps gone = known[p];
                lost[0] += gone.sinceSync();
                lost[1] += gone.sinceSyncNanos();
                lost[2]++;
                ctx.hook().count(RoundHook.REPLICAS_RESTORED, 1);
                ctx.hook().count(RoundHook.STEPS_LOST, gone.sinceSync());
                ctx.hook().count(RoundHook.STEPS_LOST + ".partition." + p, gone.sinceSync());
                ctx.hook().count(RoundHook.STEPS_LOST_COMPUTE_MICROS, gone.sinceSyncNanos() / 1000);
                ctx.hook().record(String.format(Locale.ROOT, "%s: replica %d was missing when its task ran in round %d and restarted"
                                + " from the last synchronisation: the %d steps it had counted since (%.2f s of compute) are lost",
                        name(), p, e, gone.sinceSync(), gone.sinceSyncNanos() / 1e9));
            }
            rerun(ctx, e, r);
            if (r.rerun.roundSteps() > 0) lost[3] += r.rerun.roundSteps();
        }
    }

    private void rerun(StrategyContext ctx, int e, Replica r) {
        if (r.rerun.roundSteps() == 0) return;
        int p = r.outcome.partition();
        ctx.hook().count(RoundHook.STEPS_RERUN, r.rerun.roundSteps());
        ctx.hook().count(RoundHook.STEPS_RERUN + ".partition." + p, r.rerun.roundSteps());
        ctx.hook().count(RoundHook.STEPS_RERUN_COMPUTE_MICROS, r.rerun.roundNanos() / 1000);
        ctx.hook().record(String.format(Locale.ROOT, "%s: replica %d had already run %d steps of round %d (%.2f s of"
                        + " compute) in an earlier attempt; the retried task trained it again from there",
                name(), p, r.rerun.roundSteps(), e, r.rerun.roundNanos() / 1e9));
    }

    /**
     * With checkpoints: round {@code e} found replicas missing or advanced twice ({@code damaged}), so its result is
     * discarded; every replica is restored from the newest checkpoint (verified part by part; from the initial weights
     * when none was written yet), the rounds after it are run again, then round {@code e}. Work run again is not a second
     * injection: it runs without the job's task-side faults. Returns round {@code e}'s replicas.
     */
    private List<Replica> recover(StrategyContext ctx, ModelJob job, int e, boolean collect, boolean last, List<Replica> damaged,
                                  Weights initial, Weights[] lastSynced, long[] stepsDone, long modelBytes, long[] bytes) {
        List<Integer> missing = damaged.stream().filter(r -> r.restored).map(r -> r.outcome.partition()).toList();
        ctx.hook().count(RoundHook.REPLICAS_RESTORED, missing.size());
        for (Replica r : damaged) rerun(ctx, e, r);
        long recomputed = damaged.stream().mapToLong(r -> r.outcome.steps()).sum();
        Checkpoints cps = ctx.checkpointing().checkpoints();
        CheckpointFigures before = cps.figures();
        Optional<Checkpoint> found = cps.latest();
        CheckpointFigures read = new CheckpointFigures(0, 0, 0, cps.figures().reads() - before.reads(),
                cps.figures().readNanos() - before.readNanos(), cps.figures().bytesRead() - before.bytesRead());
        int partitions = damaged.size();
        if (found.isPresent()) {
            Checkpoint c = found.get();
            String where = "checkpoint " + Checkpoints.directory(c.round()) + " at " + cps.client();
            if (c.seed() != ctx.spec().seed() || c.partitions() != partitions || c.syncEvery() != syncEvery || c.round() >= e) {
                throw new CorruptCheckpointException(String.format(Locale.ROOT, "%s: written for round %d, seed %d, %d replicas, sync every %d;"
                        + " this run is at round %d with seed %d, %d replicas, sync every %d", where, c.round(), c.seed(), c.partitions(),
                        c.syncEvery(), e, ctx.spec().seed(), partitions, syncEvery));
            }
        }
        int from = found.map(Checkpoint::round).orElse(-1);
        List<Weights> reset = found.map(Checkpoint::replicas).orElse(java.util.Collections.nCopies(partitions, initial));
        lastSynced[0] = found.map(Checkpoint::synced).orElse(initial);
        for (int p = 0; p < partitions; p++) stepsDone[p] = found.isPresent() ? found.get().stepsDone().get(p) : 0;
        for (int r = from + 1; r < e; r++) {
            List<Replica> again = round(ctx, ctx.job().forEpoch(r).withoutTaskFaults(), r, false, false, lastSynced[0],
                    r == from + 1 ? reset : null, modelBytes, bytes);
            requireWhole(again, r);
            for (Replica x : again) {
                recomputed += x.outcome.steps();
                stepsDone[x.outcome.partition()] += x.outcome.steps();
                if (x.synced != null) lastSynced[0] = x.synced;
            }
        }
        List<Replica> outs = round(ctx, job.withoutTaskFaults(), e, collect, last, lastSynced[0], from + 1 == e ? reset : null, modelBytes, bytes);
        requireWhole(outs, e);
        ctx.hook().count(RoundHook.CHECKPOINT_RESTORES, 1);
        ctx.hook().count(RoundHook.ROUNDS_RESTORED_FROM_CHECKPOINT, from + 1);
        ctx.hook().count(RoundHook.STEPS_RECOMPUTED, recomputed);
        ctx.hook().count(RoundHook.CHECKPOINT_BYTES_READ, read.bytesRead());
        ctx.hook().count(RoundHook.CHECKPOINT_READ_MICROS, read.readNanos() / 1000);
        String what = missing.isEmpty() ? "replicas advanced twice by a retried task" : "replica(s) " + missing + " missing";
        ctx.hook().record(found.isPresent()
                ? String.format(Locale.ROOT, "%s: %s in round %d: restored the checkpoint of round %d from %s (%d bytes read back in %.3f s,"
                        + " every part's SHA-256 verified) and recomputed %d steps (rounds %d to %d)", name(), what, e, from, cps.client(),
                        read.bytesRead(), read.readNanos() / 1e9, recomputed, from + 1, e)
                : String.format(Locale.ROOT, "%s: %s in round %d before any checkpoint was written: every replica restarted from the"
                        + " initial weights and %d steps were recomputed (rounds 0 to %d)", name(), what, e, recomputed, e));
        return outs;
    }

    /** A round run again from a restore must find every replica where the restore put it. */
    private void requireWhole(List<Replica> outs, int e) {
        if (outs.stream().anyMatch(r -> r.restored || r.rerun.roundSteps() > 0)) {
            throw new IllegalStateException(name() + ": round " + e + ", run again after a restore from a checkpoint, found replicas missing again");
        }
    }

    /**
     * Inside the task: this worker's replica trains one epoch, synchronising every {@code k} steps. The driver's
     * weights ({@code restore}) are read only when the replica is missing: in round 0, or after its state was lost.
     */
    private static Replica replicaRound(PartitionInput in, ModelJob job, int e, int k, Broadcast<Weights> restore,
                                        Broadcast<List<Weights>> reset, boolean collect, boolean last) {
        String key = in.localModelKey() + ":local-sgd";
        String counter = key + ":steps";
        boolean[] read = {false};
        // a restore from a checkpoint sets the replica, whether it is here or not, and reads nothing else
        Weights resetTo = reset == null ? null : reset.value().get(in.data().partition());
        java.util.function.Supplier<Weights> driver = resetTo != null ? () -> resetTo : () -> {
            read[0] = true;
            return restore.value();
        };
        TfModel model = job.emulated() ? null : WorkerLocal.model(key, job, driver);
        Weights from;
        if (model != null) {
            from = resetTo != null ? resetTo : model.weights();
        } else { // emulated: no model; the replica is its (unchanging) weights
            if (resetTo != null) WorkerLocal.putValue(key, resetTo);
            Weights kept = WorkerLocal.value(key, Weights.class);
            if (kept == null) WorkerLocal.putValue(key, kept = driver.get());
            from = kept;
        }
        boolean restored = e > 0 && read[0];
        // the counter lives beside the replica and goes with it; a replica that had to be restored counts from 0
        Steps found = read[0] || resetTo != null ? null : WorkerLocal.value(counter, Steps.class);
        Steps rerun = found != null && found.round() == e ? found : Steps.NONE;
        Steps[] steps = {(found == null ? Steps.NONE : found).startRound(e)};
        WorkerLocal.putValue(counter, steps[0]);
        int natural = PartitionWork.steps(in.data().count(), job.batchSize());
        if (k == 0) {
            StepRule rule = (m, images, labels, n) -> {
                long t0 = System.nanoTime();
                m.trainStep(images, labels, n);
                WorkerLocal.putValue(counter, steps[0] = steps[0].step(System.nanoTime() - t0));
                return 0L;
            };
            TaskOutcome o = PartitionWork.train(job, in.data(), from, model, in.io(), in.readNanos(), rule, natural);
            if (model == null) WorkerLocal.putValue(counter, steps[0] = steps[0].emulated(o.steps(), o.computeNanos()));
            return new Replica(collect ? o : SparkAllReduce.withoutWeights(o), steps[0], restored, read[0], rerun, null, 0, 0);
        }
        BarrierTaskContext task = BarrierTaskContext.get();
        try (DirectExchange x = DirectExchange.open(task, natural)) {
            int agreed = Integer.MAX_VALUE;
            for (int s : x.agreed()) agreed = Math.min(agreed, s);
            int[] done = {0};
            Weights[] synced = {null};
            long first = (long) e * agreed;
            StepRule rule = (m, images, labels, n) -> {
                long t0 = System.nanoTime();
                m.trainStep(images, labels, n);
                WorkerLocal.putValue(counter, steps[0] = steps[0].step(System.nanoTime() - t0));
                done[0]++;
                if ((first + done[0]) % k != 0) return 0L;
                long before = x.nanos;
                Weights mean = x.mean(m.weights());
                m.setWeights(mean);
                synced[0] = mean;
                WorkerLocal.putValue(counter, steps[0] = steps[0].synced());
                return x.nanos - before;
            };
            // as in direct-allreduce, a planted failure strikes once connected, so the partner fails with it
            in.reachFaultPoint();
            TaskOutcome o = PartitionWork.train(job, in.data(), from, model, in.io(), in.readNanos(), rule, agreed);
            if (model == null) WorkerLocal.putValue(counter, steps[0] = steps[0].emulated(o.steps(), o.computeNanos()));
            boolean zero = in.data().partition() == 0;
            return new Replica(collect ? o : SparkAllReduce.withoutWeights(o), steps[0], restored, read[0], rerun,
                    zero && !last ? synced[0] : null, x.nanos, x.bytesSent);
        }
    }

    /**
     * A replica's own step count, kept beside it in its worker ({@link WorkerLocal}) and updated at every step it
     * runs, so that what a fault takes is counted, not inferred.
     *
     * @param round           the round the replica is in (-1 before its first)
     * @param roundSteps      steps it ran in that round, by this attempt and any earlier one
     * @param roundNanos      their compute time
     * @param sinceSync       steps since its last synchronisation (since the start, with {@code end})
     * @param sinceSyncNanos  their compute time
     */
    record Steps(int round, long roundSteps, long roundNanos, long sinceSync, long sinceSyncNanos) implements Serializable {
        private static final long serialVersionUID = 1L;
        static final Steps NONE = new Steps(-1, 0, 0, 0, 0);

        Steps startRound(int r) {
            return new Steps(r, 0, 0, sinceSync, sinceSyncNanos);
        }

        Steps step(long nanos) {
            return new Steps(round, roundSteps + 1, roundNanos + nanos, sinceSync + 1, sinceSyncNanos + nanos);
        }

        Steps emulated(long steps, long nanos) {
            return new Steps(round, roundSteps + steps, roundNanos + nanos, sinceSync + steps, sinceSyncNanos + nanos);
        }

        Steps synced() {
            return new Steps(round, roundSteps, roundNanos, 0, 0);
        }
    }

    /**
     * One replica's round: its outcome (with its weights when collected), its step count at the end, whether it had
     * to be restored and whether it read the driver's weights, what an earlier attempt of this round had already run
     * on it ({@link Steps#NONE} if nothing), the weights of the round's last synchronisation (partition 0, not in
     * the last round), its traffic.
     */
    record Replica(TaskOutcome outcome, Steps steps, boolean restored, boolean startRead, Steps rerun, Weights synced,
                   long commNanos, long commBytes) implements Serializable {
        private static final long serialVersionUID = 2L;
    }
}
