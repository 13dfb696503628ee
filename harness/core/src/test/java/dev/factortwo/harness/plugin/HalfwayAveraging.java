package dev.factortwo.harness.plugin;

import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.strategy.RoundLoop;
import dev.factortwo.harness.strategy.RoundStrategy;
import dev.factortwo.harness.strategy.StrategyContext;
import dev.factortwo.harness.strategy.Trained;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.List;

/**
 * A strategy written for the tests alone, to show that a strategy of one's own is its class plus one registry line:
 * model averaging that moves only half-way, each round, from the weights it started from to the partitions' average
 * (an elastic step). Deterministic: a fixed order of every update. Registered in
 * {@code src/test/resources/META-INF/services/dev.factortwo.harness.strategy.RoundStrategy}; nothing in the main code
 * names it, and it runs its tasks through its state mode's {@code Execution} like every strategy, so the task-side
 * fault hook reaches them without it doing anything.
 */
public final class HalfwayAveraging implements RoundStrategy {
    /** Its name in cells and flags. */
    public static final String NAME = "halfway-averaging";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean training() {
        return true;
    }

    @Override
    public boolean runsUnder(StateMode state) {
        return true;
    }

    @Override
    public boolean deterministic() {
        return true;
    }

    @Override
    public Trained run(StrategyContext ctx, Weights initial) {
        return RoundLoop.run(ctx, initial, (job, round, current) -> {
            List<TaskOutcome> outs = ctx.execution().trainRound(job, current);
            Weights averaged = Weights.average(outs.stream().map(TaskOutcome::weights).toList());
            Weights halfway = Weights.average(List.of(current, averaged));
            return new RoundLoop.Step(halfway, outs, halfway.parameters() * 4L * (1 + outs.size()));
        });
    }
}
