package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The SparkNet way: each round (one epoch), every partition trains from the broadcast weights on its own
 * data, and the driver averages the partitions' weights in partition order. Deterministic: the same data,
 * partitioning and seed give the same bits in either state mode.
 */
public final class ModelAveraging implements Strategy {

    @Override
    public String name() {
        return "model-averaging";
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
            ctx.hook().beforeRound(e, epochs, ctx.execution());
            long t0 = System.nanoTime();
            List<TaskOutcome> outs;
            try {
                outs = ctx.execution().trainRound(ctx.job().forEpoch(e), weights);
            } finally {
                ctx.hook().afterRound(e, epochs, ctx.execution());
            }
            weights = Weights.average(outs.stream().map(TaskOutcome::weights).toList());
            long comm = weights.parameters() * 4L * (1 + outs.size());
            rounds.add(new Round(e, outs, ctx.execution().drainIo(), System.nanoTime() - t0, comm));
            clock.afterRound(e, weights);
        }
        return clock.trained(weights, rounds);
    }
}
