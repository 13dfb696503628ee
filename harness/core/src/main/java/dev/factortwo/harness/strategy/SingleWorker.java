package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.InjectedTaskFailure;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline the usual advice starts from: plain sequential mini-batch SGD by one worker, no Spark in the
 * training loop. Each round (one epoch) is a single Spark task that holds every partition's samples
 * concatenated in partition order and visits them in one seeded order ({@code DataOrder} over the whole set,
 * as partition 0). Spark state: one task over the input RDD coalesced to one partition; local state: one task
 * filling the worker-local caches. Bitwise reproducible, and the same bits in either state mode.
 */
public final class SingleWorker implements Strategy {

    @Override
    public String name() {
        return "single";
    }

    @Override
    public boolean training() {
        return true;
    }

    @Override
    public List<String> states() {
        return List.of("spark", "local");
    }

    @Override
    public Trained run(StrategyContext ctx, Weights initial) {
        Weights weights = initial;
        List<Round> rounds = new ArrayList<>();
        TrainingClock clock = ctx.clock();
        int epochs = ctx.spec().epochs();
        for (int e = 0; e < epochs; e++) {
            ModelJob job = ctx.job().forEpoch(e);
            Weights start = weights;
            ctx.hook().beforeRound(e, epochs, ctx.execution());
            long t0 = System.nanoTime();
            TaskOutcome out;
            try {
                out = ctx.execution().whole(in -> {
                    TaskOutcome o = PartitionWork.train(job, in.data(), start, in.cachedModel(job, start), in.io(), in.readNanos());
                    InjectedTaskFailure.maybeThrow(job, 0);
                    return o;
                });
            } finally {
                ctx.hook().afterRound(e, epochs, ctx.execution());
            }
            weights = out.weights();
            // the start weights travel with the task, the end weights come back
            rounds.add(new Round(e, List.of(out), ctx.execution().drainIo(), System.nanoTime() - t0, weights.parameters() * 4L * 2));
            clock.afterRound(e, weights);
        }
        return clock.trained(weights, rounds);
    }
}
