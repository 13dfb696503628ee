package dev.factortwo.harness.strategy;

import dev.factortwo.harness.task.IoCount;
import dev.factortwo.harness.task.Placement;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.List;

/**
 * One round of a strategy: what every partition's task returned, what was read from the store, the
 * round's wall time on the driver, and what moving model state cost.
 *
 * @param index        0-based round; for epoch-per-round strategies, the epoch
 * @param outcomes     task outcomes in partition order
 * @param io           bytes, files and read calls against the store during the round
 * @param wallNanos    the round's wall time on the driver
 * @param commBytes    bytes of model state moved between driver and workers or between workers (broadcast,
 *                     collect, all-gather messages, parameter-server traffic)
 * @param commNanos    time spent moving model state: measured inside the tasks (mean per worker) where the
 *                     strategy communicates in its steps; otherwise the round's wall time not covered by its
 *                     slowest task's input and compute (scheduling, broadcast, result transfer, averaging)
 * @param placement    where Spark ran the round's tasks over worker-local state, and the replicas that moved;
 *                     {@link Placement#NONE} where the state mode keeps none
 */
public record Round(int index, List<TaskOutcome> outcomes, IoCount io, long wallNanos, long commBytes, long commNanos,
                    Placement placement) {

    public Round {
        outcomes = List.copyOf(outcomes);
    }

    /** A round with no worker-local placement to report. */
    public Round(int index, List<TaskOutcome> outcomes, IoCount io, long wallNanos, long commBytes, long commNanos) {
        this(index, outcomes, io, wallNanos, commBytes, commNanos, Placement.NONE);
    }

    /** A round whose communication time is what its slowest task does not account for. */
    public Round(int index, List<TaskOutcome> outcomes, IoCount io, long wallNanos, long commBytes) {
        this(index, outcomes, io, wallNanos, commBytes, outsideTasks(outcomes, wallNanos), Placement.NONE);
    }

    /**
     * The most of this round's tasks that ran at the same time: the largest number of their [start, end] intervals
     * that overlap (one that ends as another starts does not overlap it). With more partitions than Spark's task slots
     * this is the slots, not the partitions. Where an outcome's interval is unknown, every outcome counts. At least 1.
     */
    public int tasksAtOnce() {
        if (outcomes.isEmpty()) return 1;
        if (!outcomes.stream().allMatch(TaskOutcome::timed)) return outcomes.size();
        long[] starts = outcomes.stream().mapToLong(TaskOutcome::startMicros).sorted().toArray();
        long[] ends = outcomes.stream().mapToLong(TaskOutcome::endMicros).sorted().toArray();
        int most = 0, now = 0;
        for (int i = 0, j = 0; i < starts.length; ) {
            if (j < ends.length && ends[j] <= starts[i]) {
                now--;
                j++;
            } else {
                most = Math.max(most, ++now);
                i++;
            }
        }
        return Math.max(1, most);
    }

    /** The round's wall time minus its slowest task's input and compute time, at least 0. */
    public static long outsideTasks(List<TaskOutcome> outcomes, long wallNanos) {
        long busiest = outcomes.stream().mapToLong(o -> o.inputNanos() + o.computeNanos()).max().orElse(0);
        return Math.max(0, wallNanos - busiest);
    }
}
