package dev.factortwo.model.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.Summary;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Throughput intervals are taken on the log scale: never negative, and their relative half-width is what the run stops on. */
class SummaryIntervalTest {

    private final Statistics stats = Statistics.standard();

    @Test
    void twoNoisyRepetitionsGiveAPositiveInterval() {
        // the t interval of these two values is [-82,128, 118,350] samples/s; on the log scale it stays positive
        Summary s = stats.summarize(new double[] {26000, 10222}, 0.95);
        assertEquals(18111, s.mean(), 1e-9);
        assertTrue(s.ciLow() > 0, "low bound " + s.ciLow());
        // reference: numpy, exp(t_{0.975,1} * sd(log v) / sqrt(2)) around the mean
        assertEquals(48.101284, s.ciLow(), 1e-4);
        assertEquals(6819117.75, s.ciHigh(), 0.1);
    }

    @Test
    void relativeHalfWidthIsTheMultiplicativeFactorMinusOne() {
        Summary s = stats.summarize(new double[] {100, 102, 98, 101, 99}, 0.95);
        assertEquals(98.055651, s.ciLow(), 1e-4);
        assertEquals(101.982904, s.ciHigh(), 1e-4);
        assertEquals(0.0198290, s.relativeHalfWidth(), 1e-6);
        assertEquals(0, stats.summarize(new double[] {5}, 0.95).relativeHalfWidth());
    }

    @Test
    void valuesThatAreNotAllPositiveKeepTheStudentInterval() {
        Summary s = stats.summarize(new double[] {-1, 1, 3}, 0.95);
        assertEquals(1 - 4.302652729911275 * 2 / Math.sqrt(3), s.ciLow(), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, s.relativeHalfWidth());
    }

    @Test
    void theIntervalAlwaysHoldsTheMeanAndNeverGoesNegative() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 500; i++) {
            int n = 2 + r.nextInt(10);
            double[] v = new double[n];
            for (int j = 0; j < n; j++) v[j] = 1 + r.nextDouble() * 1e5;
            Summary s = stats.summarize(v, 0.95);
            assertTrue(s.ciLow() > 0 && s.ciLow() <= s.mean() && s.mean() <= s.ciHigh(), s.toString());
        }
    }

    /** Fieller's lower bound goes below 0 when the numerator's mean is not bounded away from 0; speeds and times cannot. */
    @org.junit.jupiter.api.Test
    void aRatioOfPositiveValuesNeverHasANegativeLowerBound() {
        Statistics stats = Statistics.standard();
        dev.factortwo.model.Interval wide = stats.ratio(new double[] {0.6, 1.6, 2.6}, new double[] {1.0, 1.0, 1.0}, 0.95);
        org.junit.jupiter.api.Assertions.assertEquals(1.6, wide.estimate(), 1e-12);
        org.junit.jupiter.api.Assertions.assertEquals(0.0, wide.low(), 0.0, "clamped at 0: " + wide);
        org.junit.jupiter.api.Assertions.assertTrue(wide.high() > 4, wide.toString());
        dev.factortwo.model.Interval signed = stats.ratio(new double[] {-1.0, 1.0, 3.0}, new double[] {1.0, 1.0, 1.0}, 0.95);
        org.junit.jupiter.api.Assertions.assertTrue(signed.low() < 0, "values that can be negative keep Fieller's bound: " + signed);
    }
}
