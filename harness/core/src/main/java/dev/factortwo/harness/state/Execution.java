package dev.factortwo.harness.state;

import dev.factortwo.harness.task.PartitionTask;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.IoCount;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.List;

/**
 * One repetition of a cell in one state mode: its data prepared (an RDD, or worker-local caches) and its
 * rounds run. Outcomes come back in partition order. Not thread-safe.
 */
public interface Execution extends AutoCloseable {

    /** One epoch of training on every partition, each starting from {@code start}. */
    List<TaskOutcome> trainRound(ModelJob job, Weights start);

    /** One pass of inference over every partition. */
    List<TaskOutcome> inferPass(ModelJob job, Weights weights);

    /**
     * Runs a strategy's own {@code task} once per partition in one stage, over the same input as
     * {@link #trainRound} (Spark's RDD, or the worker-local caches). Results in partition order.
     */
    default <T> List<T> eachPartition(PartitionTask<T> task) {
        throw new UnsupportedOperationException(getClass().getName() + " runs no strategy tasks");
    }

    /**
     * Like {@link #eachPartition}, as a Spark barrier stage: every task runs at once and may call
     * {@code BarrierTaskContext.get().allGather}; when one fails, Spark reruns them all. Needs one free task
     * slot per partition. Results in partition order.
     */
    default <T> List<T> barrier(PartitionTask<T> task) {
        throw new UnsupportedOperationException(getClass().getName() + " runs no barrier stages");
    }

    /**
     * Runs {@code task} once, in a single Spark task, over every partition's samples concatenated in
     * partition order (as partition 0): one worker over the whole training set.
     */
    default <T> T whole(PartitionTask<T> task) {
        throw new UnsupportedOperationException(getClass().getName() + " runs no single-worker tasks");
    }

    /** Partitions of the input. */
    default int partitions() {
        throw new UnsupportedOperationException(getClass().getName() + " does not say its partitions");
    }

    /** What was read from the store since the last call (then reset). */
    IoCount drainIo();

    /** Drops the cached input blocks Spark holds for this repetition; false when there are none. */
    boolean dropCachedBlocks();

    /** Wipes the worker-local data and model state; false when this mode keeps none. */
    boolean wipeLocalState();

    @Override
    void close();
}
