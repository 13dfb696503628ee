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
}
