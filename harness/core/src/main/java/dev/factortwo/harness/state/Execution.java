package dev.factortwo.harness.state;

import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.IoCount;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionTask;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.Placement;
import dev.factortwo.harness.task.TaskOutcome;
import dev.factortwo.harness.task.WarmUp;
import dev.factortwo.harness.task.WorkerLocal;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One repetition of a cell in one state mode: its data prepared (an RDD, or worker-local caches) and its
 * rounds run. A state mode implements the ways of running a task over the input ({@link #eachPartition},
 * {@link #barrier}, {@link #whole}), each through the task's {@link dev.factortwo.harness.task.TaskFaultPoint}; the per-partition training and inference every strategy shares
 * ({@link #trainRound}, {@link #inferPass}) are written once, here, on top of them. Outcomes come back in
 * partition order. Not thread-safe.
 */
public interface Execution extends AutoCloseable {

    /** The Spark context the repetition runs in. */
    JavaSparkContext sparkContext();

    /** One epoch of training on every partition, each starting from {@code start} (broadcast once). */
    default List<TaskOutcome> trainRound(ModelJob job, Weights start) {
        // broadcast, not captured: a captured model was serialized twice per task and round (JFR: 55% of a round)
        Broadcast<Weights> w = sparkContext().broadcast(start);
        try {
            return eachPartition(job, in -> {
                Weights from = w.value();
                return PartitionWork.train(job, in.data(), from, in.cachedModel(job, from), in.io(), in.readNanos());
            });
        } finally {
            w.destroy();
        }
    }

    /**
     * The repetition's warm-up, run before its timed region: one Spark stage of {@code tasks} tasks (one per task the
     * repetition runs at once), not over the input, each running {@link WarmUp#inTask} (warming the idle models the
     * repetition's tasks will take, under either state mode). Returns the steps run in all; 0 without warm-up steps or
     * with emulated compute.
     */
    default long warmUp(ModelJob job, Weights start, int tasks) {
        if (tasks < 1 || job.warmupSteps() == 0 || job.emulated()) return 0;
        return sparkContext().parallelize(java.util.stream.IntStream.range(0, tasks).boxed().toList(), tasks)
                .map(i -> (long) WarmUp.inTask(job, start)).reduce(Long::sum);
    }

    /** One pass of inference over every partition, with a model loaded once per worker JVM and weights. */
    default List<TaskOutcome> inferPass(ModelJob job, Weights weights) {
        Broadcast<Weights> w = sparkContext().broadcast(weights);
        try {
            return eachPartition(job, in -> PartitionWork.infer(job, in.data(), w.value(), WorkerLocal.model(job, w.value()), in.io(),
                    in.readNanos()));
        } finally {
            w.destroy();
        }
    }

    /**
     * Inference over the input as a DataFrame, its output written back to the tier as Parquet and digested
     * ({@link FrameInference}), where this execution reads a DataFrame (a columnar format under Spark state); empty
     * elsewhere, and with emulated compute (no model runs).
     */
    default java.util.Optional<FrameInference.Output> inferFrame(ModelJob job, Weights weights) {
        return java.util.Optional.empty();
    }

    /**
     * Runs a strategy's own {@code task} once per partition in one stage, over this mode's input (Spark's
     * RDD, or the worker-local caches), each through its {@link dev.factortwo.harness.task.TaskFaultPoint} for {@code job}
     * ({@link PartitionTask#runThrough}; a null job plants nothing). Results in partition order.
     */
    <T> List<T> eachPartition(ModelJob job, PartitionTask<T> task);

    /**
     * Like {@link #eachPartition}, as a Spark barrier stage: every task runs at once and may call
     * {@code BarrierTaskContext.get().allGather}; when one fails, Spark reruns them all. Needs one free task
     * slot per partition. Results in partition order.
     */
    <T> List<T> barrier(ModelJob job, PartitionTask<T> task);

    /**
     * Runs {@code task} once, in a single Spark task, over every partition's samples concatenated in
     * partition order (as partition 0): one worker over the whole training set, through its fault point as
     * {@link #eachPartition}.
     */
    <T> T whole(ModelJob job, PartitionTask<T> task);

    /** Partitions of the input. */
    int partitions();

    /** What was read from the store since the last call (then reset). */
    IoCount drainIo();

    /**
     * Where the stages since the last call ran and which replicas moved (then reset); {@link Placement#NONE} in a mode
     * that keeps no state in the workers.
     */
    default Placement drainPlacement() {
        return Placement.NONE;
    }

    /**
     * Drops the cached input blocks Spark holds for this repetition: those that existed and were removed, named by Spark's
     * block ids ({@code rdd_12_0}), empty when there were none. A DataFrame's are the blocks of its columnar cache.
     */
    List<String> dropCachedBlocks();

    /**
     * Wipes this repetition's worker-local data and model state in the executors, with a Spark job that
     * reaches every one of them; what was dropped where. Nothing in a mode that keeps no such state.
     */
    Wipe wipeLocalState();

    /**
     * What a wipe dropped.
     *
     * @param entriesByExecutor  entries dropped, by executor id ({@code driver} in local mode), for every executor
     *                           the wipe's tasks ran in
     * @param executorsExpected  executors the application had when the wipe began
     */
    record Wipe(java.util.Map<String, Integer> entriesByExecutor, int executorsExpected) {
        public static final Wipe NOTHING = new Wipe(java.util.Map.of(), 0);

        public Wipe {
            entriesByExecutor = java.util.Map.copyOf(entriesByExecutor);
        }
    }

    @Override
    void close();
}
