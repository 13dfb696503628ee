package dev.factortwo.model.stats;

import dev.factortwo.model.Interval;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The gate's statistics against reference values computed with SciPy 1.17 (scipy.stats) and R's p.adjust. */
class GateStatisticsTest {

    private final Statistics stats = Statistics.standard();

    @Test
    void welchOneSidedMatchesScipy() {
        double[] a = {101.2, 99.8, 100.5, 98.9, 100.1};
        double[] b = {103.0, 102.2, 104.1, 101.7, 102.9};
        // scipy.stats.ttest_ind(a, b, equal_var=False, alternative='less')
        assertEquals(0.0006770422506897787, stats.welchPValueLess(a, b), 1e-9);
        assertEquals(1 - 0.0006770422506897787, stats.welchPValueLess(b, a), 1e-9);
        // two-sided Welch is twice the smaller one-sided p
        assertEquals(stats.welchPValue(a, b), 2 * stats.welchPValueLess(a, b), 1e-9);
    }

    @Test
    void pairedTMatchesScipy() {
        double[] a = {1.0, 2.0, 3.0, 4.0}, b = {1.1, 2.2, 3.15, 4.05};
        // scipy.stats.ttest_rel(a, b, alternative='less'): t = -3.873, df = 3
        assertEquals(0.01523314583108556, stats.pairedTPValueLess(a, b, VariancePrior.NONE), 1e-9);
        assertEquals(1 - 0.01523314583108556, stats.pairedTPValueLess(b, a, VariancePrior.NONE), 1e-9);
        // a paired test sees what an unpaired one cannot: the same shift inside large between-pair spread
        assertTrue(stats.welchPValueLess(a, b) > 0.4, "Welch p " + stats.welchPValueLess(a, b));
        assertEquals(1.0, stats.pairedTPValueLess(new double[] {1}, new double[] {2}, VariancePrior.NONE), "one pair is no test");
        assertEquals(0.0, stats.pairedTPValueLess(new double[] {1, 2}, new double[] {2, 3}, VariancePrior.NONE), "constant negative difference");
        assertThrows(IllegalArgumentException.class, () -> stats.pairedTPValueLess(new double[] {1, 2}, new double[] {1}, VariancePrior.NONE));
    }

    @Test
    void pairedTModeratedByAPriorBorrowsItsDegreesOfFreedom() {
        double[] a = {1.0, 2.0, 3.0, 4.0}, b = {1.1, 2.2, 3.15, 4.05};
        // differences' variance 0.0125/3 on 3 df; a prior of the same variance on 20 df: t = -3.873 on 23 df
        // scipy.stats.t.cdf(-3.872983346207417, 23)
        VariancePrior prior = new VariancePrior(0.0125 / 3, 20, 200, 50);
        assertEquals(0.00038538855201993044, stats.pairedTPValueLess(a, b, prior), 1e-9);
        assertTrue(stats.pairedTPValueLess(a, b, prior) < stats.pairedTPValueLess(a, b, VariancePrior.NONE));
    }

    @Test
    void pairedRatioIsTheGeometricMeanWithATIntervalMatchingScipy() {
        double[] n = {0.8, 0.75, 0.85, 0.9, 0.7}, d = {1, 1.1, 0.95, 1.05, 1.0};
        // exp(mean(ln n - ln d) -+ t.ppf(0.975, 4) * std(ddof=1) / sqrt(5)) with numpy / scipy.stats.t
        Interval r = stats.pairedRatio(n, d, 0.95);
        assertEquals(0.7822057915643233, r.estimate(), 1e-12);
        assertEquals(0.6734568633843713, r.low(), 1e-9); // Commons Math inverts t to about 1e-11
        assertEquals(0.9085153535773863, r.high(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> stats.pairedRatio(new double[] {1, -1}, new double[] {1, 1}, 0.95));
    }

    @Test
    void detectableSlowdownMatchesScipy() {
        // 1 - exp(-(t.ppf(1 - alpha, df) + t.ppf(power, df)) * sqrt(v * (1/n1 + 1/n2))) with scipy.stats.t
        assertEquals(0.13544755332860192, stats.detectableSlowdown(0.03 * 0.03, 8, 5, 5, 0.01 / 50, 0.95), 1e-9);
        assertEquals(0.0681327281396491, stats.detectableSlowdown(0.03 * 0.03, 8, 5, 5, 0.05, 0.95), 1e-9);
        assertEquals(0.17444184441671184, stats.detectableSlowdown(0.1 * 0.1, 18, 10, 10, 0.01, 0.95), 1e-9);
        assertTrue(Double.isNaN(stats.detectableSlowdown(0.01, 0, 1, 1, 0.05, 0.95)), "no degrees of freedom");
    }

    @Test
    void mannWhitneyExactAndTiedMatchScipy() {
        assertEquals(0.003968253968253968, stats.mannWhitneyPValueLess(
                new double[] {101.2, 99.8, 100.5, 98.9, 100.1}, new double[] {103.0, 102.2, 104.1, 101.7, 102.9}), 1e-12);
        assertEquals(0.08874458874458874, stats.mannWhitneyPValueLess(
                new double[] {1, 2, 3, 4, 9}, new double[] {2.5, 5, 6, 7, 8, 10}), 1e-12);
        // ties: asymptotic with tie and continuity correction
        assertEquals(0.05524601202783401, stats.mannWhitneyPValueLess(
                new double[] {1, 2, 2, 3, 4}, new double[] {2, 3, 5, 5, 6}), 1e-9);
        assertEquals(1 / 6.0, stats.mannWhitneySmallestPValue(2, 2), 1e-15);
        assertEquals(1 / 252.0, stats.mannWhitneySmallestPValue(5, 5), 1e-15);
    }

    @Test
    void holmAndBenjaminiHochbergMatchRPAdjust() {
        double[] p = {0.01, 0.04, 0.03, 0.005, 0.5, Double.NaN};
        assertArrayEquals(new double[] {0.04, 0.09, 0.09, 0.025, 0.5, Double.NaN}, stats.holm(p), 1e-12);
        assertArrayEquals(new double[] {0.025, 0.05, 0.05, 0.025, 0.5, Double.NaN}, stats.benjaminiHochberg(p), 1e-12);
    }

    @Test
    void priorRecoversTheCommonVarianceAndGrowsConfident() {
        SplitMix rng = new SplitMix(42);
        double[] v = new double[200], d = new double[200];
        for (int g = 0; g < 200; g++) {
            double[] x = new double[5], y = new double[5];
            for (int i = 0; i < 5; i++) {
                x[i] = 0.03 * rng.gaussian();
                y[i] = 0.03 * rng.gaussian();
            }
            v[g] = stats.pooledVariance(x, y);
            d[g] = 8;
        }
        VariancePrior prior = stats.variancePrior(v, d);
        assertEquals(0.0009, prior.variance(), 0.0009 * 0.15);
        assertTrue(prior.degreesOfFreedom() > 50, "homogeneous noise should give a strong prior: " + prior);
    }

    @Test
    void priorIsWeakWhenGroupsDisagreeAboutNoise() {
        SplitMix rng = new SplitMix(7);
        double[] v = new double[200], d = new double[200];
        for (int g = 0; g < 200; g++) {
            double sd = g % 2 == 0 ? 0.005 : 0.10;
            double[] x = new double[5], y = new double[5];
            for (int i = 0; i < 5; i++) {
                x[i] = sd * rng.gaussian();
                y[i] = sd * rng.gaussian();
            }
            v[g] = stats.pooledVariance(x, y);
            d[g] = 8;
        }
        VariancePrior prior = stats.variancePrior(v, d);
        assertTrue(prior.degreesOfFreedom() < 3, "a 20x spread of noise should give a weak prior: " + prior);
    }

    @Test
    void moderatedTMatchesStudentWithoutPriorAndShrinksWithOne() {
        double[] a = {1, 2, 3.5}, b = {2, 4, 5, 6};
        // scipy.stats.ttest_ind(a, b, equal_var=True, alternative='less')
        assertEquals(0.06874924284259404, stats.moderatedTPValueLess(a, b, VariancePrior.NONE), 1e-9);
        // s~^2 = (10 * 1.5 + 5 s^2) / 15 on 15 degrees of freedom, by hand in NumPy/SciPy
        assertEquals(0.029889533404284192, stats.moderatedTPValueLess(a, b, new VariancePrior(1.5, 10, 100, 20)), 1e-9);
    }

    @Test
    void trigammaInverseInvertsTrigamma() {
        for (double y : new double[] {0.01, 0.5, 2, 40, 3000}) {
            double x = org.apache.commons.math3.special.Gamma.trigamma(y);
            assertEquals(y, ModeratedTests.trigammaInverse(x), y * 1e-6);
        }
    }

    /** SplitMix64 with Box-Muller: identical on every JDK. */
    private static final class SplitMix {
        private long state;

        SplitMix(long seed) {
            state = seed;
        }

        double uniform() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            return ((z >>> 11) + 0.5) * 0x1.0p-53;
        }

        double gaussian() {
            return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
        }
    }
}
