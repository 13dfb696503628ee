package dev.factortwo.harness.task;

import java.io.Serializable;

/**
 * A fault that acts inside tasks. The round's {@link ModelJob} carries it to every task ({@link ModelJob#withTaskFault}),
 * and every task calls it once at its {@link TaskFaultPoint}, whatever the strategy and state mode. So a new task-side
 * fault is this implementation and the {@code FaultKind} that plants it: no strategy or state mode changes.
 * Shipped to executors, so it must be serializable; it runs in the task's thread.
 */
@FunctionalInterface
public interface TaskSideFault extends Serializable {

    /**
     * Acts, or not, at the fault point of one task: the task runs {@code job} (its round is {@code job.epoch()}) over
     * {@code partition}, as attempt {@code taskAttempt} of stage attempt {@code stageAttempt} (both 0 the first time;
     * Spark reruns a whole barrier stage as a new stage attempt whose tasks start at attempt 0 again).
     */
    void strike(ModelJob job, int partition, int taskAttempt, int stageAttempt);
}
