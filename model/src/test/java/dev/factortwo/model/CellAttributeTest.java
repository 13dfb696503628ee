package dev.factortwo.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellAttributeTest {

    @Test
    void everyKeyIsOneFieldNamedAsResultsJsonAlwaysNamedIt() {
        assertEquals(CellAttribute.values().length, Arrays.stream(CellAttribute.values()).map(CellAttribute::key).distinct().count());
        // files written before the enum: the keys are a public contract and must not move
        assertEquals("timeToAccuracyByRepetition", CellAttribute.TIME_TO_TARGET_BY_REPETITION.key());
        assertEquals("stealCores", CellAttribute.STEAL_CORES.key());
        assertEquals("steadySamplesPerSecond", CellAttribute.STEADY_SAMPLES_PER_SECOND.key());
        assertEquals("roundSamplesPerSecond", CellAttribute.ROUND_SAMPLES_PER_SECOND.key());
    }

    @Test
    void numbersAreReadPerRepetitionAndAbsenceIsEmpty() {
        CellKey key = new CellKey("infer", "synthetic", "memory", "spark", "embedded", "tensorflow", "cpu");
        CellResult failed = CellResult.failed(key, null, "x");
        CellResult withSteal = new CellResult(key, null, failed.status(), null, List.of(), null, 0, 0, 0, 0, null, Double.NaN, null, null,
                List.of(), List.of(), Map.of("stealCores", "0.1,0.02"));
        assertArrayEquals(new double[] {0.1, 0.02}, CellAttribute.STEAL_CORES.numbers(withSteal).orElseThrow());
        assertTrue(CellAttribute.OTHER_BUSY_CORES.numbers(withSteal).isEmpty());
        assertTrue(CellAttribute.EMULATED.in(failed).isEmpty());
    }
}
