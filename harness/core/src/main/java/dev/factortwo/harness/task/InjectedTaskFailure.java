package dev.factortwo.harness.task;

/** Thrown by a task on purpose (the {@code task-failure} fault, at its {@link TaskFaultPoint}): Spark is expected to retry it. */
public final class InjectedTaskFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InjectedTaskFailure(int partition, int epoch) {
        super("factortwo: injected task failure (partition " + partition + ", epoch " + epoch + ", first attempt)");
    }
}
