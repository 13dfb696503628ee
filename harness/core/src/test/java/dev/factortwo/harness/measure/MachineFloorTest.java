package dev.factortwo.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The machine's floor: a fixed loop timed on one thread, and its variation in words. */
class MachineFloorTest {

    @Test
    void aProbeTimesEveryRunAndSaysHowMuchTheyVaried() {
        MachineFloor f = MachineFloor.probe(5, 200_000);
        assertEquals(5, f.runs());
        assertTrue(f.minMillis() > 0 && f.minMillis() <= f.meanMillis() && f.meanMillis() <= f.maxMillis(), f.toString());
        assertTrue(f.cv() >= 0 && Double.isFinite(f.cv()), f.toString());
        assertTrue(f.maxMillis() > f.minMillis() || f.cv() == 0, "no spread, no variation: " + f);
    }

    @Test
    void theWordsCarryTheFigures() {
        assertEquals("a fixed 10.2 ms loop on one thread varied 3.1% (CV over 30 runs, 9.8–11.4 ms) before the cells",
                new MachineFloor(30, 10.2, 0.031, 9.8, 11.4).text());
        assertThrows(IllegalArgumentException.class, () -> MachineFloor.probe(1, 10));
    }
}
