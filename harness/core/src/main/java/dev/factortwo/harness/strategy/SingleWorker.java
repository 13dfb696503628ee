package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.List;

/**
 * The baseline the usual advice starts from: plain sequential mini-batch SGD by one worker, no Spark in the
 * training loop. Each round (one epoch) is a single Spark task that holds every partition's samples
 * concatenated in partition order and visits them in one seeded order ({@code DataOrder} over the whole set,
 * as partition 0). Spark state: one task over the input RDD coalesced to one partition; local state: one task
 * filling the worker-local caches. Bitwise reproducible, and the same bits in either state mode.
 */
public final class SingleWorker extends TrainingStrategy {

    public SingleWorker() {
        super("single", true);
    }

    /** One task over the whole set. */
    @Override
    public int tasksAtOnce(int partitions, int slots) {
        return 1;
    }

    @Override
    public Trained run(StrategyContext ctx, Weights initial) {
        return RoundLoop.run(ctx, initial, (job, round, start) -> {
            TaskOutcome out = ctx.execution().whole(job,
                    in -> PartitionWork.train(job, in.data(), start, in.cachedModel(job, start), in.io(), in.readNanos()));
            // the start weights travel with the task, the end weights come back
            return new RoundLoop.Step(out.weights(), List.of(out), out.weights().parameters() * 4L * 2);
        });
    }
}
