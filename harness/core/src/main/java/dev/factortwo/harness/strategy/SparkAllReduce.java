package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.StepRule;
import dev.factortwo.harness.task.TaskOutcome;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Synchronous data-parallel SGD inside Spark (the BigDL way): each round (one epoch) is one Spark barrier
 * stage in which every partition's task steps together. Per step, each task computes the gradients of its
 * shard's next batch, the tasks exchange them with {@code BarrierTaskContext.allGather} (Base64 of
 * little-endian floats), and every task sums them in partition order, divides by the partition count and
 * applies the same mean, so all replicas stay bit-identical. Deterministic: the same bits on every repeat,
 * after a task failure (Spark reruns the whole barrier stage from the round's start weights) and after lost
 * cached blocks (recomputed from lineage).
 *
 * <p>Runs under both state modes: Spark state over the input RDD; local state as barrier tasks over the
 * worker-local caches, keeping each worker's model between rounds. Both give the same bits. Needs one free
 * task slot per partition. Every step moves {@code P} messages to the coordinator and {@code P x P} back,
 * each about 5.3 bytes per parameter. With an emulated accelerator the steps only wait: nothing is exchanged.
 */
public final class SparkAllReduce extends TrainingStrategy {

    public SparkAllReduce() {
        super("spark-allreduce", true);
    }

    @Override
    public Trained run(StrategyContext ctx, Weights initial) {
        RoundLoop.requireBarrierSlots(ctx, name());
        int partitions = ctx.execution().partitions();
        return RoundLoop.run(ctx, initial, (job, e, weights) -> {
            Broadcast<Weights> start = ctx.sc().broadcast(weights);
            List<Replica> outs;
            try {
                outs = ctx.execution().barrier(job, in -> {
                    BarrierTaskContext task = BarrierTaskContext.get();
                    Weights w = start.value();
                    int steps = Integer.MAX_VALUE;
                    for (String s : PromptBarrier.allGather(task, String.valueOf(PartitionWork.steps(in.data().count(), job.batchSize())))) {
                        steps = Math.min(steps, Integer.parseInt(s));
                    }
                    AllReduceStep rule = new AllReduceStep(task);
                    TaskOutcome o = PartitionWork.train(job, in.data(), w, in.cachedModel(job, w), in.io(), in.readNanos(), rule, steps);
                    boolean first = in.data().partition() == 0;
                    return new Replica(first ? o : withoutWeights(o), o.weights().fingerprint(), rule.nanos, rule.bytes);
                });
            } finally {
                start.destroy();
            }
            return combine(name(), e, outs, partitions);
        });
    }

    /**
     * A round of an all-reduce strategy ({@code strategy}), from its replicas: fails unless every replica ended at
     * partition 0's weights, then counts the traffic (the tasks' own, plus the start weights broadcast to every
     * partition and the end weights fetched from one) and the mean time the tasks spent exchanging.
     */
    static RoundLoop.Step combine(String strategy, int round, List<Replica> outs, int partitions) {
        String expected = outs.get(0).fingerprint();
        for (int p = 1; p < outs.size(); p++) {
            if (!outs.get(p).fingerprint().equals(expected)) {
                throw new IllegalStateException(strategy + " round " + round + ": replica " + p + " ended at "
                        + outs.get(p).fingerprint() + ", replica 0 at " + expected + "; all-reduce must keep them identical");
            }
        }
        Weights next = outs.get(0).outcome().weights();
        long bytes = outs.stream().mapToLong(Replica::commBytes).sum() + next.parameters() * 4L * (partitions + 1);
        long nanos = (long) outs.stream().mapToLong(Replica::commNanos).average().orElse(0);
        return new RoundLoop.Step(next, outs.stream().map(Replica::outcome).toList(), bytes, nanos);
    }

    static TaskOutcome withoutWeights(TaskOutcome o) {
        return o.withoutWeights();
    }

    /** One task's result: its outcome (weights from partition 0 only), its replica's fingerprint, its traffic. */
    record Replica(TaskOutcome outcome, String fingerprint, long commNanos, long commBytes) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Gradients all-gathered, summed in partition order, divided by the partition count, applied. */
    private static final class AllReduceStep implements StepRule {
        private final BarrierTaskContext task;
        long nanos, bytes;

        AllReduceStep(BarrierTaskContext task) {
            this.task = task;
        }

        @Override
        public long step(TfModel model, float[] images, int[] labels, int n) {
            Weights g = model.gradients(images, labels, n);
            long t0 = System.nanoTime();
            int[] lengths = GradientCodec.lengths(g);
            String mine = GradientCodec.encode(g);
            String[] all = PromptBarrier.allGather(task, mine);
            List<Weights> parts = new ArrayList<>(all.length);
            for (String s : all) {
                parts.add(GradientCodec.decode(s, lengths));
                bytes += s.length();
            }
            bytes += mine.length();
            Weights mean = Weights.average(parts);
            long spent = System.nanoTime() - t0;
            nanos += spent;
            model.applyGradients(mean);
            return spent;
        }
    }
}
