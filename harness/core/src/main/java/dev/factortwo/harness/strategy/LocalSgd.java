package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.task.InjectedTaskFailure;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionInput;
import dev.factortwo.harness.task.PartitionTask;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.StepRule;
import dev.factortwo.harness.task.TaskOutcome;
import dev.factortwo.harness.task.WorkerLocal;
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
 * (the worker process restarts behind Spark's back), the replica restarts from the last synchronised weights,
 * which the driver keeps; the steps it had taken since are lost, the other replicas go on, and the run finishes
 * with another result. A retried task (an injected task failure) finds its replica already advanced and trains
 * it again. Neither can Spark recompute. Repeats without faults give the same bits. The numbers lost are
 * recorded ({@link RoundHook#record}). Momentum restarts at every round and synchronisation.
 *
 * <p>For the accuracy curve the replicas' average is also collected after each round (only when accuracy is
 * evaluated); that transfer is in the measured time but is not counted as communication.
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
    public Trained run(StrategyContext ctx, Weights initial) {
        int partitions = ctx.execution().partitions();
        if (syncEvery > 0 && partitions > ctx.sc().defaultParallelism()) {
            throw new IllegalArgumentException(name() + " synchronises its " + partitions + " partitions in a barrier stage,"
                    + " but Spark offers " + ctx.sc().defaultParallelism() + " task slots; use --partitions "
                    + ctx.sc().defaultParallelism() + " or fewer, or local-sgd-end");
        }
        int k = syncEvery;
        int rounds = ctx.spec().epochs();
        boolean evaluate = ctx.probe() != AccuracyProbe.NONE;
        Weights[] lastSynced = {initial};
        long[] sinceSync = new long[partitions];
        long[] lost = {0, 0, 0}; // steps, nanos, restores
        return RoundLoop.run(ctx, initial, (job, e, current) -> {
            boolean last = e == rounds - 1;
            boolean collect = last || evaluate;
            Broadcast<Weights> restore = ctx.sc().broadcast(lastSynced[0]);
            List<Replica> outs;
            try {
                PartitionTask<Replica> task = in -> replicaRound(in, job, e, k, restore, collect);
                outs = k > 0 ? ctx.execution().barrier(task) : ctx.execution().eachPartition(task);
            } finally {
                restore.destroy();
            }
            for (Replica r : outs) {
                int p = r.outcome.partition();
                if (r.restored) {
                    long perStep = r.outcome.steps() == 0 ? 0 : r.outcome.computeNanos() / r.outcome.steps();
                    lost[0] += sinceSync[p];
                    lost[1] += sinceSync[p] * perStep;
                    lost[2]++;
                    ctx.hook().record(String.format(Locale.ROOT, "%s: replica %d lost its state before round %d and restarted"
                                    + " from the last synchronisation: %d steps lost (%.2f s of compute)",
                            name(), p, e, sinceSync[p], sinceSync[p] * perStep / 1e9));
                }
                sinceSync[p] = r.sinceSync;
                if (r.synced != null) lastSynced[0] = r.synced;
            }
            long bytes = outs.stream().mapToLong(r -> r.commBytes).sum();
            long nanos = (long) outs.stream().mapToLong(r -> r.commNanos).average().orElse(0);
            Weights next = current;
            if (collect) {
                next = Weights.average(outs.stream().map(r -> r.outcome.weights()).toList());
                if (last && k == 0) bytes += next.parameters() * 4L * partitions; // the one-shot averaging
            }
            if (last && lost[2] > 0) {
                ctx.hook().record(String.format(Locale.ROOT, "%s: %d steps lost in all (%.2f s of compute), %d replica restores",
                        name(), lost[0], lost[1] / 1e9, lost[2]));
            }
            List<TaskOutcome> outcomes = outs.stream().map(r -> r.outcome).toList();
            return new RoundLoop.Step(next, outcomes, bytes, k > 0 ? nanos : -1);
        });
    }

    /** Inside the task: this worker's replica trains one epoch, synchronising every {@code k} steps. */
    private static Replica replicaRound(PartitionInput in, ModelJob job, int e, int k, Broadcast<Weights> restore, boolean collect) {
        String key = in.localModelKey() + ":local-sgd";
        String counter = key + ":since";
        boolean restored = e > 0 && !job.emulated() && !WorkerLocal.hasModel(key);
        TfModel model = job.emulated() ? null : WorkerLocal.model(key, job, restore.value());
        if (restored) model.setWeights(restore.value());
        Weights from = model == null ? restore.value() : model.weights();
        int natural = PartitionWork.steps(in.data().count(), job.batchSize());
        Integer kept = WorkerLocal.value(counter, Integer.class);
        long since = kept == null ? 0 : kept;
        if (k == 0) {
            TaskOutcome o = PartitionWork.train(job, in.data(), from, model, in.io(), in.readNanos(), StepRule.LOCAL, natural);
            since += o.steps();
            WorkerLocal.putValue(counter, (int) since);
            InjectedTaskFailure.maybeThrow(job, in.data().partition());
            return new Replica(collect ? o : SparkAllReduce.withoutWeights(o), (int) since, restored, null, 0, 0);
        }
        BarrierTaskContext task = BarrierTaskContext.get();
        try (DirectExchange x = DirectExchange.open(task, natural)) {
            int steps = Integer.MAX_VALUE;
            for (int s : x.agreed()) steps = Math.min(steps, s);
            int[] done = {0};
            Weights[] synced = {null};
            long first = (long) e * steps;
            StepRule rule = (m, images, labels, n) -> {
                m.trainStep(images, labels, n);
                done[0]++;
                if ((first + done[0]) % k != 0) return 0L;
                long before = x.nanos;
                Weights mean = x.mean(m.weights());
                m.setWeights(mean);
                synced[0] = mean;
                return x.nanos - before;
            };
            // as in direct-allreduce, a planted failure strikes once connected, so the partner fails with it
            if (task.stageAttemptNumber() == 0) InjectedTaskFailure.maybeThrow(job, in.data().partition());
            TaskOutcome o = PartitionWork.train(job, in.data(), from, model, in.io(), in.readNanos(), rule, steps);
            long sinceNow = (first + steps) % k;
            boolean zero = in.data().partition() == 0;
            return new Replica(collect ? o : SparkAllReduce.withoutWeights(o), (int) sinceNow, restored,
                    zero ? synced[0] : null, x.nanos, x.bytesSent);
        }
    }

    /**
     * One replica's round: its outcome (with its weights when collected), steps since its last synchronisation,
     * whether it had to be restored, the weights of the round's last synchronisation (partition 0), its traffic.
     */
    record Replica(TaskOutcome outcome, int sinceSync, boolean restored, Weights synced, long commNanos, long commBytes)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
