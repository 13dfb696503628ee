package dev.factortwo.model.analysis;

import static dev.factortwo.model.analysis.PriceOfReproducibilityTest.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.Reproducibility;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FastestTest {

    private static final Reproducibility NONE = null;

    @Test
    void theBestAndEveryConfigurationNotSignificantlySlowerArePerWorkload() {
        CellResult best = cell("train-mlp", "memory", NONE, 12300, 12500, 12400);
        CellResult noisy = cell("train-mlp", "hdfs", NONE, 9000, 12500, 11200);    // one-sided Welch p = 0.14
        CellResult slower = cell("train-mlp", "s3", NONE, 9700, 9850, 9950);       // p < 0.001
        CellResult once = cell("train-mlp", "local-disk", NONE, 12350);            // one run, close to the best: cannot tie
        CellResult other = cell("infer", "memory", NONE, 10, 11, 12);
        Set<CellResult> fastest = Fastest.bySamplesPerSecond(List.of(slower, noisy, once, best, other));
        assertEquals(Set.of(best.id(), noisy.id(), other.id()),
                fastest.stream().map(CellResult::id).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void onTimeLowerIsFaster() {
        CellResult a = cell("train-mlp", "memory", NONE, 1, 1, 1);
        CellResult b = cell("train-mlp", "hdfs", NONE, 1, 1, 1);
        double[] best = {1.0, 1.0, 1.0};
        assertFalse(Fastest.ties(a, new double[] {1.5, 1.51, 1.52}, b, best, Fastest.Better.LOWER));
        assertTrue(Fastest.ties(a, new double[] {0.6, 1.6, 2.6}, b, best, Fastest.Better.LOWER));
        // the same slower times read as samples/s would be faster, never worse: a tie, whatever the noise
        assertTrue(Fastest.ties(a, new double[] {1.5, 1.51, 1.52}, b, best, Fastest.Better.HIGHER));
    }

    @Test
    void cellsMeasuredInTheSamePassesAreComparedPassByPass() {
        // every pass moves both by the same factor (up to 30%); the candidate is 3% slower in each of them
        double[] bestSpeeds = {1000, 1300, 900, 1200, 1000};
        double[] candidateSpeeds = java.util.Arrays.stream(bestSpeeds).map(x -> x * 0.97).toArray();
        CellResult best = PairingTest.inSeries(cell("train-mlp", "memory", NONE, bestSpeeds), "run-1");
        CellResult candidate = PairingTest.inSeries(cell("train-mlp", "hdfs", NONE, candidateSpeeds), "run-1");
        assertEquals(Set.of(best), Fastest.bySamplesPerSecond(List.of(best, candidate)), "paired: consistently slower, no tie");
        CellResult fromAnotherRun = PairingTest.inSeries(candidate, "run-2");
        assertEquals(Set.of(best, fromAnotherRun), Fastest.bySamplesPerSecond(List.of(best, fromAnotherRun)),
                "unpaired (another series): within the passes' noise, a tie");
    }

    @Test
    void theFastestOfEqualMeansIsTheSmallerIdWhateverTheOrder() {
        CellResult a = cell("infer", "hdfs", NONE, 100);
        CellResult b = cell("infer", "memory", NONE, 100);
        assertEquals(Set.of(a), Fastest.bySamplesPerSecond(List.of(a, b)));
        assertEquals(Set.of(a), Fastest.bySamplesPerSecond(List.of(b, a)));
    }
}
