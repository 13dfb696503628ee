package dev.factortwo.harness.task;

import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;

/**
 * What a {@link PartitionTask} gets inside its Spark task.
 *
 * @param data           the partition's samples in stored order (or every partition's, concatenated)
 * @param io             what the task read from the store for it (local state; Spark state counts with accumulators)
 * @param readNanos      time to obtain {@code data}: from Spark's cache, the worker-local cache, or the store
 * @param localModelKey  key of this partition's worker-local model (local state), or null (Spark state)
 * @param faultPoint     the task's {@link TaskFaultPoint}, reached when the task returns if not before
 */
public record PartitionInput(PartitionData data, IoCount io, long readNanos, String localModelKey, TaskFaultPoint faultPoint) {

    /**
     * The model to reuse between rounds: the worker-local one (local state, created from {@code start} the
     * first time), or null, and the task builds and closes its own (Spark state, emulated jobs).
     */
    public TfModel cachedModel(ModelJob job, Weights start) {
        return localModelKey == null || job.emulated() ? null : WorkerLocal.model(localModelKey, job, start);
    }

    /**
     * Reaches the task's fault point now instead of when the task returns: for a task whose partners wait on it (an
     * all-reduce), so that a planted failure strikes once they are connected and they fail with it.
     */
    public void reachFaultPoint() {
        faultPoint.reach();
    }
}
