package dev.factortwo.harness.task;

/** Thrown by a task on purpose (the {@code task-failure} fault): Spark is expected to retry it. */
public final class InjectedTaskFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InjectedTaskFailure(int partition, int epoch) {
        super("factortwo: injected task failure (partition " + partition + ", epoch " + epoch + ", first attempt)");
    }

    /** Throws when {@code job} says this task is the one to fail. Call after the task's work, before it returns. */
    public static void maybeThrow(ModelJob job, int partition) {
        org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
        int attempt = tc == null ? 0 : tc.attemptNumber();
        if (job.failsNow(partition, attempt)) throw new InjectedTaskFailure(partition, job.epoch());
    }
}
