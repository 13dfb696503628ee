package dev.factortwo.harness.task;

import org.apache.spark.TaskContext;

/**
 * The one task-side point where faults that act inside tasks strike: each of the job's {@link TaskSideFault}s (today
 * the {@code task-failure} fault's planted failure of partition 0's first attempt in one round, which Spark retries).
 *
 * <p>Every task of every strategy passes it, because no strategy runs a task itself: the state mode's
 * {@code Execution} runs each {@link PartitionTask} through {@link PartitionTask#runThrough}, which reaches this point
 * when the task's work returns, unless the task reached it earlier on purpose with {@link PartitionInput#reachFaultPoint}
 * (a task whose partners wait on it, as in an all-reduce, strikes once connected, so that they fail with it instead of
 * finishing alone). So a new strategy cannot forget it, and a new task-side fault needs no strategy or state mode.
 * Reached at most once per task; one per task, not thread-safe.
 */
public final class TaskFaultPoint {

    private final ModelJob job;
    private final int partition;
    private boolean reached;

    /** The point of the task running {@code job} over partition {@code partition}; a null job plants nothing. */
    public TaskFaultPoint(ModelJob job, int partition) {
        this.job = job;
        this.partition = partition;
    }

    /** Reaches the point: each of the job's task-side faults strikes (or not) here, in order; later calls do nothing. */
    public void reach() {
        if (reached) return;
        reached = true;
        if (job == null) return;
        TaskContext tc = TaskContext.get();
        int attempt = tc == null ? 0 : tc.attemptNumber();
        int stageAttempt = tc == null ? 0 : tc.stageAttemptNumber();
        for (TaskSideFault f : job.taskFaults()) f.strike(job, partition, attempt, stageAttempt);
    }
}
