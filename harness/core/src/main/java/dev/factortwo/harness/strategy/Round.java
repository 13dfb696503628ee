package dev.factortwo.harness.strategy;

import dev.factortwo.harness.run.IoCount;
import dev.factortwo.harness.run.TaskOutcome;
import java.util.List;

/**
 * One round of a strategy: what every partition's task returned, what was read from the store, and the
 * round's wall time on the driver.
 *
 * @param index        0-based round; for epoch-per-round strategies, the epoch
 * @param outcomes     task outcomes in partition order
 * @param io           bytes, files and read calls against the store during the round
 * @param wallNanos    the round's wall time on the driver
 * @param commBytes    bytes of model state moved between driver and workers (broadcast + collect), estimated
 */
public record Round(int index, List<TaskOutcome> outcomes, IoCount io, long wallNanos, long commBytes) {

    public Round {
        outcomes = List.copyOf(outcomes);
    }
}
