package dev.factortwo.model.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Summary;
import dev.factortwo.model.stats.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scale sweep's verdict follows the utilization intervals, and names what ran out: the CPU or the tier. */
class ScaleCurveTest {

    static final CellKey BASE = new CellKey("train-mlp", "synthetic", "memory", "spark", "model-averaging", "tensorflow", "emulate:h100");

    /**
     * A scale cell of {@code n} accelerators whose repetitions have utilization {@code au[i]}: 10 s of wall time each,
     * input taking {@code inputShare} of it, the process busy on {@code cpuCores} cores.
     */
    static CellResult cell(CellKey base, int n, double inputShare, double cpuCores, double... au) {
        CellKey key = base.withAccelerators(n);
        List<Repetition> reps = new ArrayList<>();
        for (int i = 0; i < au.length; i++) {
            reps.add(new Repetition(i, 1000, 10, 100, inputShare * 10, au[i] * 10, 0, "sha256:00", Double.NaN, cpuCores * 10, Double.NaN));
        }
        Summary s = Statistics.standard().summarize(reps.stream().mapToDouble(Repetition::samplesPerSecond).toArray(), 0.95);
        return new CellResult(key, new CellSpec(key, 1, 1, 64, 0.1, n, 0, 0, au.length, 0, 0), CellResult.Status.OK, null, reps, s,
                inputShare * 10, 0, 0, 0, "sha256:00", Double.NaN, null, null, List.of(), List.of(), Map.of());
    }

    @Test
    void aCurveThatHoldsToTheLargestNumberSweptSaysAtLeastThatNumber() {
        List<ScaleCurve> curves = ScaleCurve.of(List.of(
                cell(BASE, 4, 0.02, 0.3, 0.96, 0.97, 0.96),
                cell(BASE, 1, 0.01, 0.1, 0.98, 0.99, 0.98),
                cell(BASE, 2, 0.01, 0.2, 0.97, 0.98, 0.97)), 2);
        assertEquals(1, curves.size(), "one configuration, three numbers of accelerators");
        ScaleCurve c = curves.get(0);
        assertEquals(List.of(1, 2, 4), c.sweep(), "smallest first");
        assertEquals(ScaleCurve.Verdict.AT_LEAST, c.verdict());
        assertEquals(4, c.largest());
        assertNull(c.stop());
        assertEquals(ScaleCurve.Bound.NONE, c.bound());
        assertEquals("at least 4", c.largestText());
        assertTrue(c.words().startsWith("every number swept (1, 2 and 4) kept emulated h100 at or above 90%"), c.words());
        assertTrue(c.words().contains("at least 4") && c.words().contains("sweep further"), c.words());
        assertEquals(BASE, c.key(), "the configuration, without the number of accelerators");
    }

    @Test
    void aCurveThatDropsGivesTheLastNumberHeldAndTheFirstThatFell() {
        ScaleCurve c = ScaleCurve.of(List.of(
                cell(BASE, 1, 0.02, 0.2, 0.97, 0.98, 0.97),
                cell(BASE, 2, 0.03, 0.4, 0.95, 0.96, 0.95),
                cell(BASE, 4, 0.30, 0.8, 0.61, 0.60, 0.62),
                cell(BASE, 8, 0.50, 1.0, 0.41, 0.40, 0.42)), 16).get(0);
        assertEquals(ScaleCurve.Verdict.FOUND, c.verdict());
        assertEquals(2, c.largest());
        assertEquals(4, c.stop().accelerators(), "the first that fell, not the last");
        assertEquals(ScaleCurve.Judgement.FELL, c.stop().judgement());
        assertEquals("2", c.largestText());
        assertEquals(ScaleCurve.Bound.TIER, c.bound(), "input took 30% of the wall time, the rest 9%; the CPU was 0.8 of 16 cores");
        assertTrue(c.words().startsWith("2 emulated h100 kept at or above 90%; 4 fell below"), c.words());
    }

    @Test
    void whenTheSmallestNumberAlreadyFallsNoneIsHeld() {
        ScaleCurve c = ScaleCurve.of(List.of(cell(BASE, 1, 0.5, 0.5, 0.40, 0.41, 0.42)), 2).get(0);
        assertEquals(ScaleCurve.Verdict.FOUND, c.verdict());
        assertEquals(0, c.largest());
        assertTrue(c.words().startsWith("not even 1 emulated h100"), c.words());
    }

    @Test
    void anIntervalAcrossTheTargetIsInconclusiveAndSaysSo() {
        ScaleCurve c = ScaleCurve.of(List.of(
                cell(BASE, 1, 0.01, 0.1, 0.98, 0.97, 0.98),
                cell(BASE, 2, 0.05, 0.3, 0.80, 0.99, 0.91),
                cell(BASE, 4, 0.40, 0.5, 0.50, 0.51, 0.52)), 2).get(0);
        assertEquals(ScaleCurve.Judgement.UNCLEAR, c.points().get(1).judgement(), c.points().get(1).utilizationText());
        assertEquals(1.0, c.points().get(1).utilization().ciHigh(), "utilization never exceeds 1, nor does its interval");
        assertEquals(ScaleCurve.Verdict.INCONCLUSIVE, c.verdict(), "2 straddles 90%, so 4 falling below decides nothing about 2");
        assertEquals(1, c.largest());
        assertEquals("at least 1, inconclusive at 2", c.largestText());
        assertTrue(c.words().contains("straddles 90%"), c.words());
    }

    @Test
    void oneRepetitionGivesNoIntervalSoNothingHolds() {
        ScaleCurve c = ScaleCurve.of(List.of(cell(BASE, 1, 0.01, 0.1, 0.99), cell(BASE, 2, 0.01, 0.1, 0.99)), 2).get(0);
        assertEquals(ScaleCurve.Verdict.INCONCLUSIVE, c.verdict(), "a point estimate of 0.99 is not an interval");
        assertEquals("inconclusive", c.largestText());
        assertTrue(c.words().contains("one repetition gives no interval"), c.words());
        assertEquals("0.99 (1 repetition)", c.points().get(0).utilizationText());
        assertEquals(ScaleCurve.Bound.NONE, c.bound(), "nothing fell short of 90%: only the interval is missing");
        assertTrue(!c.words().contains("fell short"), c.words());
    }

    @Test
    void aProcessUsingNearlyEveryCoreIsBoundByTheCpuAndSaysItMeasuredTheMachine() {
        ScaleCurve c = ScaleCurve.of(List.of(
                cell(BASE, 1, 0.02, 0.6, 0.96, 0.97, 0.96),
                cell(BASE, 2, 0.03, 1.1, 0.95, 0.96, 0.95),
                cell(BASE, 4, 0.35, 1.9, 0.55, 0.56, 0.57)), 2).get(0);
        assertEquals(ScaleCurve.Bound.CPU, c.bound(), "1.9 of 2 cores busy: the input time is the CPU's, not the tier's");
        assertTrue(c.boundWords().contains("this machine's 2 cores ran out before the tier"), c.boundWords());
        assertTrue(c.machineWords().startsWith("measured on a machine with 2 cores; 4 workers outnumbered its cores"), c.machineWords());
    }

    @Test
    void theSameFallWithIdleCoresIsTheTierAndWithLittleInputItIsSpark() {
        CellResult held = cell(BASE, 1, 0.02, 0.3, 0.96, 0.97, 0.96);
        ScaleCurve tier = ScaleCurve.of(List.of(held, cell(BASE, 2, 0.35, 0.7, 0.55, 0.56, 0.57)), 2).get(0);
        assertEquals(ScaleCurve.Bound.TIER, tier.bound());
        assertTrue(tier.boundWords().startsWith("the tier (input 35% of the wall time, 0.7 of 2 cores busy"), tier.boundWords());
        ScaleCurve spark = ScaleCurve.of(List.of(held, cell(BASE, 2, 0.05, 0.4, 0.55, 0.56, 0.57)), 2).get(0);
        assertEquals(ScaleCurve.Bound.SPARK, spark.bound(), "39% of the time was neither input nor compute");
        assertTrue(!spark.boundWords().contains("rounds lasted"), "no round times recorded: no advice: " + spark.boundWords());
    }

    @Test
    void sparkBoundShortRoundsSayThatMoreSamplesPerWorkerWouldAskTheTier() {
        CellResult held = cell(BASE, 1, 0.02, 0.3, 0.96, 0.97, 0.96);
        CellResult fell = cell(BASE, 2, 0.05, 0.4, 0.55, 0.56, 0.57);
        CellResult shortRounds = fell.withAttribute(CellAttribute.STEADY_ROUND_SECONDS.key(), "0.04,0.06,NaN");
        String words = ScaleCurve.of(List.of(held, shortRounds), 2).get(0).boundWords();
        assertTrue(words.endsWith("its rounds lasted 0.05 s, mostly Spark's fixed cost per round: more samples per worker"
                + " (--synthetic-samples, --train-samples) would ask the tier instead"), words);
        CellResult longRounds = fell.withAttribute(CellAttribute.STEADY_ROUND_SECONDS.key(), "1.30,1.40");
        assertTrue(!ScaleCurve.of(List.of(held, longRounds), 2).get(0).boundWords().contains("rounds lasted"),
                "1.35 s rounds: Spark's cost there is not its fixed cost per round");
        CellResult oneRound = fell.withAttribute(CellAttribute.STEADY_ROUND_SECONDS.key(), "NaN,NaN")
                .withAttribute(CellAttribute.FIRST_ROUND_SECONDS.key(), "0.20,0.30");
        assertTrue(ScaleCurve.of(List.of(held, oneRound), 2).get(0).boundWords().contains("its rounds lasted 0.25 s"),
                "one round a repetition: that round is what lasted");
    }

    @Test
    void unknownCpuTimeNeverClaimsTheCpu() {
        ScaleCurve c = ScaleCurve.of(List.of(cell(BASE, 1, 0.4, Double.NaN, 0.5, 0.51, 0.52)), 2).get(0);
        assertEquals(ScaleCurve.Bound.TIER, c.bound());
        assertTrue(c.boundWords().contains("CPU time unknown"), c.boundWords());
    }

    @Test
    void configurationsAreCurvesOfTheirOwnAndOtherCellsAreNone() {
        CellKey s3 = new CellKey("train-mlp", "synthetic", "s3", "spark", "model-averaging", "tensorflow", "emulate:h100");
        CellResult plain = cell(BASE, 1, 0.01, 0.1, 0.99, 0.98);
        CellResult notScale = new CellResult(BASE, plain.spec(), CellResult.Status.OK, null, plain.repetitions(), plain.samplesPerSecond(),
                0, 0, 0, 0, "sha256:00", Double.NaN, null, null, List.of(), List.of(), Map.of());
        List<ScaleCurve> curves = ScaleCurve.of(List.of(cell(BASE, 1, 0.01, 0.1, 0.99, 0.98), cell(s3, 1, 0.01, 0.1, 0.99, 0.98),
                cell(s3, 2, 0.01, 0.1, 0.99, 0.98), notScale, CellResult.failed(BASE.withAccelerators(4), null, "boom")), 2);
        assertEquals(2, curves.size());
        assertEquals(List.of(1), curves.get(0).sweep(), "the failed cell of 4 and the cell outside the sweep are no points");
        assertEquals(List.of(1, 2), curves.get(1).sweep());
        assertEquals("train-mlp · s3 · spark · model-averaging · emulate:h100", curves.get(1).label());
    }
}
