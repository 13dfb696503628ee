package dev.factortwo.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MachineLoadTest {

    @Test
    void otherProcessesAreTheMachinesBusyTimeMinusOurOwnPerWallSecond() {
        // 2 s of wall time; the machine was busy 300 ticks (3.0 CPU s), this JVM used 1.2 CPU s, 20 ticks were stolen
        MachineLoad.Snapshot a = new MachineLoad.Snapshot(0, 1.0, 1000, 50, 5_000_000_000L);
        MachineLoad.Snapshot b = new MachineLoad.Snapshot(2_000_000_000L, 2.5, 1300, 70, 6_200_000_000L);
        MachineLoad.Reading r = MachineLoad.between(a, b);
        assertEquals(2.5, r.loadAverage());
        assertEquals(0.9, r.otherBusyCores(), 1e-9);
        assertEquals(0.1, r.stealCores(), 1e-9);
        // our own time is never counted as someone else's, even when the counters disagree a little
        assertEquals(0, MachineLoad.between(a, new MachineLoad.Snapshot(2_000_000_000L, 1, 1100, 50, 7_000_000_000L)).otherBusyCores());
        assertTrue(Double.isNaN(MachineLoad.between(a, new MachineLoad.Snapshot(2_000_000_000L, 1, -1, -1, 1)).otherBusyCores()));
    }

    @Test
    void onLinuxTheCountersAreRead() {
        if (!java.nio.file.Files.exists(java.nio.file.Path.of("/proc/stat"))) return;
        MachineLoad.Snapshot s = MachineLoad.now();
        assertTrue(s.busyTicks() > 0 && s.stealTicks() >= 0 && s.loadAverage() >= 0 && s.ownCpuNanos() > 0, s.toString());
    }
}
