package dev.factortwo.harness.task;

import dev.factortwo.harness.state.Execution;
import java.io.Serializable;

/**
 * A strategy's own work for one partition (or for the whole data set), run by an {@link Execution} inside a
 * Spark task. Shipped to the workers, so it must be serializable and must not capture driver-only objects;
 * what it returns travels back to the driver, so it must be serializable too.
 *
 * @param <T> what the task returns
 */
@FunctionalInterface
public interface PartitionTask<T> extends Serializable {

    T run(PartitionInput input);

    /**
     * How an {@link Execution} runs a task: {@link #run}, then the task's {@link TaskFaultPoint} (a no-op when the task
     * reached it itself), so that every task of every strategy passes it.
     */
    default T runThrough(PartitionInput input) {
        T value = run(input);
        input.faultPoint().reach();
        return value;
    }
}
