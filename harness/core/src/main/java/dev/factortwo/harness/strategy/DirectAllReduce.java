package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.StepRule;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The mathematics of {@link SparkAllReduce} with Spark's communication left out, the way Horovod on Spark and
 * Spark's TorchDistributor use Spark: each round (one epoch) is one Spark barrier stage, which Spark only
 * gang-schedules; the tasks exchange addresses (and their step counts) with one {@code allGather}, then per
 * step the gradients travel over direct TCP connections ({@link DirectExchange}), are averaged in partition
 * order and applied by every task. Deterministic, and the same bits as {@code spark-allreduce} for the same
 * seed: the same gradients are averaged in the same order. After a task failure Spark reruns the whole barrier
 * stage, which reconnects, from the round's start weights.
 *
 * <p>Per step and task, partition 0 receives and sends {@code P - 1} messages, every other task one each way,
 * 4 bytes per parameter (no Base64). The connections are plain TCP between the executors' hosts: the workers
 * must reach each other (they do on one machine and on a cluster's network). Needs one task slot per partition.
 */
public final class DirectAllReduce extends TrainingStrategy {

    public DirectAllReduce() {
        super("direct-allreduce", true);
    }

    @Override
    public Trained run(StrategyContext ctx, Weights initial) {
        RoundLoop.requireBarrierSlots(ctx, name());
        int partitions = ctx.execution().partitions();
        return RoundLoop.run(ctx, initial, (job, e, weights) -> {
            Broadcast<Weights> start = ctx.sc().broadcast(weights);
            List<SparkAllReduce.Replica> outs;
            try {
                outs = ctx.execution().barrier(job, in -> {
                    BarrierTaskContext task = BarrierTaskContext.get();
                    Weights w = start.value();
                    try (DirectExchange x = DirectExchange.open(task, PartitionWork.steps(in.data().count(), job.batchSize()))) {
                        // a planted failure strikes once connected, so the partner fails on the broken connection
                        // instead of finishing: a finished partner's map output can outlive the failed attempt, and the
                        // rerun stage would then start only the failed task, waiting alone in allGather
                        in.reachFaultPoint();
                        int steps = Integer.MAX_VALUE;
                        for (int s : x.agreed()) steps = Math.min(steps, s);
                        StepRule rule = (model, images, labels, n) -> directStep(x, model, images, labels, n);
                        TaskOutcome o = PartitionWork.train(job, in.data(), w, in.cachedModel(job, w), in.io(), in.readNanos(), rule, steps);
                        boolean first = in.data().partition() == 0;
                        return new SparkAllReduce.Replica(first ? o : SparkAllReduce.withoutWeights(o), o.weights().fingerprint(), x.nanos, x.bytesSent);
                    }
                });
            } finally {
                start.destroy();
            }
            return SparkAllReduce.combine(name(), e, outs, partitions);
        });
    }

    private static long directStep(DirectExchange x, TfModel model, float[] images, int[] labels, int n) {
        Weights g = model.gradients(images, labels, n);
        long before = x.nanos;
        Weights mean = x.mean(g);
        model.applyGradients(mean);
        return x.nanos - before;
    }
}
