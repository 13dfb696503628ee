package dev.factortwo.harness.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.factortwo.harness.task.IoCount;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How many tasks ran at once, from the tasks' intervals: what per-worker figures divide by. */
class RoundTest {

    static TaskOutcome task(int partition, long startMicros, long endMicros) {
        return new TaskOutcome(partition, null, null, 100, 1, 0, 0, "", IoCount.NONE, null, startMicros, endMicros);
    }

    @Test
    void morePartitionsThanSlotsRunInWavesOfTheSlots() {
        List<TaskOutcome> outs = new ArrayList<>();
        // 256 partitions, 2 slots: waves of 2 tasks, 100 us each, the next wave starting as the last one ends
        for (int p = 0; p < 256; p++) outs.add(task(p, 1_000_000 + p / 2 * 100, 1_000_000 + p / 2 * 100 + 100));
        Round r = new Round(0, outs, IoCount.NONE, 0, 0);
        assertEquals(2, r.tasksAtOnce());
        assertEquals(2, new Trained(null, null, List.of(r)).workers());
    }

    @Test
    void overlapIsCountedWhereTheIntervalsMeet() {
        assertEquals(1, new Round(0, List.of(task(0, 10, 20), task(1, 20, 30)), IoCount.NONE, 0, 0).tasksAtOnce(),
                "one ends as the other starts: one at a time");
        assertEquals(3, new Round(0, List.of(task(0, 10, 50), task(1, 20, 30), task(2, 25, 60), task(3, 55, 70)),
                IoCount.NONE, 0, 0).tasksAtOnce());
        assertEquals(1, new Round(0, List.of(task(0, 10, 10)), IoCount.NONE, 0, 0).tasksAtOnce());
    }

    @Test
    void withoutIntervalsEveryOutcomeCountsAndTheBusiestRoundDecides() {
        TaskOutcome unknown = new TaskOutcome(0, null, null, 100, 1, 0, 0, "", IoCount.NONE);
        assertEquals(2, new Round(0, List.of(unknown, unknown), IoCount.NONE, 0, 0).tasksAtOnce());
        Round one = new Round(0, List.of(task(0, 10, 20), task(1, 20, 30)), IoCount.NONE, 0, 0);
        Round two = new Round(1, List.of(task(0, 40, 60), task(1, 45, 50)), IoCount.NONE, 0, 0);
        assertEquals(2, new Trained(null, null, List.of(one, two)).workers());
        assertEquals(1, new Trained(null, null, List.of()).workers());
    }
}
