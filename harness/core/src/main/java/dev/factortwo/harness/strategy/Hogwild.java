package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.HogwildWork;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;

/**
 * Hogwild! inside each worker, model averaging across workers: each round (one epoch), every partition's task
 * runs {@value #THREADS} threads that update one shared model without any ordering ({@link HogwildWork}); the
 * driver then averages the partitions' models in partition order, as {@link ModelAveraging} does. Which batch
 * meets which weights depends on thread timing, so repeats are expected to be {@code divergent}: not
 * reproducible by design. Spark sees the tasks, not the races inside them.
 *
 * <p>Each task's model runs on a TensorFlow session with an inter-op pool of its own of {@value #THREADS} threads
 * (the other strategies keep the process-wide pool, of 1 thread by default, on which the threads' ops would run one
 * at a time). How long the threads' training calls overlapped is in every outcome ({@code TaskOutcome.overlap}) and,
 * per repetition, in the cell's {@code hogwildOverlapSeconds} and {@code hogwildOverlapShare}.
 */
public final class Hogwild extends TrainingStrategy {

    public Hogwild() {
        super("hogwild", false);
    }

    /** Threads updating one model in each task. */
    public static final int THREADS = 2;

    @Override
    public Trained run(StrategyContext ctx, Weights initial) {
        return RoundLoop.run(ctx, initial, (cellJob, round, current) -> {
            ModelJob job = HogwildWork.forThreads(cellJob, THREADS);
            Broadcast<Weights> w = ctx.sc().broadcast(current);
            List<TaskOutcome> outs;
            try {
                outs = ctx.execution().eachPartition(job, in -> {
                    Weights from = w.value();
                    return HogwildWork.train(job, in.data(), from, in.cachedModel(job, from), in.io(), in.readNanos(), THREADS);
                });
            } finally {
                w.destroy();
            }
            Weights averaged = Weights.average(outs.stream().map(TaskOutcome::weights).toList());
            return new RoundLoop.Step(averaged, outs, averaged.parameters() * 4L * (1 + outs.size()));
        });
    }
}
