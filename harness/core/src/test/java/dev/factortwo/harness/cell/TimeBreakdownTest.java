package dev.factortwo.harness.cell;

import dev.factortwo.model.CellAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.engine.Measured;
import dev.factortwo.harness.strategy.Round;
import dev.factortwo.harness.strategy.Trained;
import dev.factortwo.harness.task.IoCount;
import dev.factortwo.harness.task.TaskOutcome;
import dev.factortwo.model.HistogramCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Set-up, first round and steady rounds apart, from a repetition's rounds. No Spark. */
class TimeBreakdownTest {

    private static final long MS = 1_000_000L;

    /** Two partitions, 600 samples each per round, 200 ms compute each; rounds of 900, 500 and 500 ms (100 ms outside tasks). */
    static Measured threeRounds(double wallSeconds) {
        List<Round> rounds = List.of(
                new Round(0, List.of(task(0, 700), task(1, 650)), IoCount.NONE, 900 * MS, 0, 200 * MS),
                new Round(1, List.of(task(0, 400), task(1, 380)), IoCount.NONE, 500 * MS, 0, 100 * MS),
                new Round(2, List.of(task(0, 400), task(1, 390)), IoCount.NONE, 500 * MS, 0, 100 * MS));
        Trained t = new Trained(null, "", rounds);
        return new Measured(3600, wallSeconds, 0, 0, List.of(), null, "sha256:0", HistogramCodec.newHistogram(), Double.NaN, t, Double.NaN);
    }

    private static TaskOutcome task(int partition, long computeMs) {
        return new TaskOutcome(partition, null, null, 600, 10, 0, computeMs * MS, "", IoCount.NONE);
    }

    @Test
    void theFirstRoundSteadyRoundsAndSetUpAreApart() {
        TimeBreakdown.Pass p = TimeBreakdown.of(threeRounds(2.1), 1);
        assertEquals(0.2, p.setupSeconds(), 1e-9, "2.1 s timed, 1.9 s in rounds");
        assertEquals(0.9, p.firstRoundSeconds(), 1e-9);
        assertEquals(0.5, p.steadyRoundSeconds(), 1e-9);
        assertEquals(0.4 / 3, p.roundOverheadSeconds(), 1e-9, "scheduling and weight transfer per round");
        assertEquals(2400 / 1.0, p.steadySamplesPerSecond(), 1e-9, "2 steady rounds x 2 x 600 samples in 1.0 s");
        assertEquals((0.4 + 0.38 + 0.4 + 0.39) / 2 / 1.0, p.steadyUtilization(), 1e-9);
        assertTrue(p.steadySamplesPerSecond() > 3600 / 2.1, "steady state is faster than end to end here");
    }

    @Test
    void severalPassesSplitTheWallAndAnEngineWithoutRoundsGivesNothing() {
        TimeBreakdown.Pass p = TimeBreakdown.of(threeRounds(6.3), 3);
        assertEquals(0.2, p.setupSeconds(), 1e-9, "6.3 s over 3 passes");
        Measured noRounds = new Measured(100, 1, 0, 0, List.of(), null, "sha256:0", HistogramCodec.newHistogram(), Double.NaN, null, Double.NaN);
        assertNull(TimeBreakdown.of(noRounds, 1));
        assertEquals(Map.of(), TimeBreakdown.attributes(List.of(noRounds), 1));
        Map<String, String> a = TimeBreakdown.attributes(List.of(threeRounds(2.1), threeRounds(2.2)), 1);
        assertEquals("0.2000,0.3000", a.get(CellAttribute.SETUP_SECONDS.key()));
        assertEquals("2400.0,2400.0", a.get(CellAttribute.STEADY_SAMPLES_PER_SECOND.key()));
    }

    @Test
    void everyPassOfARepetitionCountsNotTheFirstAlone() {
        // a second pass whose rounds took 700, 300 and 300 ms: the repetition's figures are the means of both passes
        List<Round> faster = List.of(
                new Round(0, List.of(task(0, 500), task(1, 450)), IoCount.NONE, 700 * MS, 0, 200 * MS),
                new Round(1, List.of(task(0, 250), task(1, 240)), IoCount.NONE, 300 * MS, 0, 50 * MS),
                new Round(2, List.of(task(0, 250), task(1, 250)), IoCount.NONE, 300 * MS, 0, 50 * MS));
        Measured second = new Measured(3600, 1.5, 0, 0, List.of(), null, "sha256:0", HistogramCodec.newHistogram(), Double.NaN,
                new Trained(null, "", faster), Double.NaN);
        Measured both = CellAssembly.combine(List.of(threeRounds(2.1), second));
        assertEquals(2, both.passes().size());
        TimeBreakdown.Pass p = TimeBreakdown.of(both, 2);
        assertEquals(0.2, p.setupSeconds(), 1e-9, "3.6 s over 2 passes, 1.6 s of rounds per pass");
        assertEquals(0.8, p.firstRoundSeconds(), 1e-9);
        assertEquals(0.4, p.steadyRoundSeconds(), 1e-9);
        assertEquals(4800 / 1.6, p.steadySamplesPerSecond(), 1e-9, "4 steady rounds x 1200 samples in 1.6 s");
        assertEquals((0.4 + 0.38 + 0.4 + 0.39 + 0.25 + 0.24 + 0.25 + 0.25) / 2 / 1.6, p.steadyUtilization(), 1e-9);
    }

    @Test
    void oneTaskPerRoundIsOneWorkerWhateverThePartitions() {
        // the single strategy: one task over every partition's samples, 2 partitions in the spec
        List<Round> rounds = List.of(
                new Round(0, List.of(task(0, 700)), IoCount.NONE, 900 * MS, 0, 200 * MS),
                new Round(1, List.of(task(0, 400)), IoCount.NONE, 500 * MS, 0, 100 * MS));
        Measured m = new Measured(1200, 1.4, 0, 0, List.of(), null, "sha256:0", HistogramCodec.newHistogram(), Double.NaN,
                new Trained(null, "", rounds), Double.NaN);
        assertEquals(0.4 / 0.5, TimeBreakdown.of(m, 1).steadyUtilization(), 1e-9, "400 ms of compute in a 500 ms round, one worker");
    }
}
