package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.List;

/**
 * The SparkNet way: each round (one epoch), every partition trains from the broadcast weights on its own
 * data, and the driver averages the partitions' weights in partition order. Deterministic: the same data,
 * partitioning and seed give the same bits in either state mode.
 */
public final class ModelAveraging extends TrainingStrategy {

    public ModelAveraging() {
        super("model-averaging", true);
    }

    @Override
    public Trained run(StrategyContext ctx, Weights initial) {
        return RoundLoop.run(ctx, initial, (job, round, current) -> {
            List<TaskOutcome> outs = ctx.execution().trainRound(job, current);
            Weights averaged = Weights.average(outs.stream().map(TaskOutcome::weights).toList());
            // the start weights are broadcast to every task, every task's weights come back
            return new RoundLoop.Step(averaged, outs, averaged.parameters() * 4L * (1 + outs.size()));
        });
    }
}
