package dev.factortwo.model.stats;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * One-sided t-tests for the gate: Welch's, and limma's moderated t (Smyth 2004, "Linear models and
 * empirical Bayes methods for assessing differential expression in microarray experiments"), whose pooled
 * variance is shrunk towards a prior fitted to many comparisons at once.
 */
final class ModeratedTests {

    private ModeratedTests() {
    }

    /** Fits a {@link VariancePrior} to sample variances {@code v} with residual degrees of freedom {@code dfs}. */
    static VariancePrior prior(double[] v, double[] dfs) {
        if (v.length != dfs.length) throw new IllegalArgumentException("variances and degrees of freedom differ in length");
        int g = 0;
        double totalDf = 0;
        double[] e = new double[v.length];
        double[] tri = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double s2 = v[i], d = dfs[i];
            if (!(s2 > 0) || !(d > 0)) continue;
            e[g] = Math.log(s2) - Gamma.digamma(d / 2) + Math.log(d / 2);
            tri[g] = Gamma.trigamma(d / 2);
            totalDf += d;
            g++;
        }
        if (g < 3) return new VariancePrior(0, 0, totalDf, g);
        double mean = 0, meanTri = 0;
        for (int i = 0; i < g; i++) {
            mean += e[i] / g;
            meanTri += tri[i] / g;
        }
        double ss = 0;
        for (int i = 0; i < g; i++) ss += (e[i] - mean) * (e[i] - mean);
        double excess = ss / (g - 1) - meanTri;
        if (excess <= 0) return new VariancePrior(Math.exp(mean), totalDf, totalDf, g);
        double d0 = 2 * trigammaInverse(excess);
        double s0 = Math.exp(mean + Gamma.digamma(d0 / 2) - Math.log(d0 / 2));
        return new VariancePrior(s0, Math.min(d0, totalDf), totalDf, g);
    }

    /** One-sided p-value of Welch's test for H1: mean(a) < mean(b). */
    static double welchPValueLess(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) return 1.0;
        double va = variance(a) / a.length;
        double vb = variance(b) / b.length;
        double diff = mean(a) - mean(b);
        if (va + vb == 0) return diff < 0 ? 0.0 : 1.0;
        double t = diff / Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        if (df > 1e6) return new NormalDistribution().cumulativeProbability(t);
        return new TDistribution(null, df).cumulativeProbability(t);
    }

    /**
     * One-sided p-value for H1: mean(a) < mean(b) of the two-sample t-test with the pooled within-pair
     * variance (on {@code na + nb - 2} degrees of freedom) moderated by {@code prior} (limma's moderated t).
     */
    static double moderatedTPValueLess(double[] a, double[] b, VariancePrior prior) {
        if (a.length + b.length < 3 || a.length == 0 || b.length == 0) return 1.0;
        double d = a.length + b.length - 2;
        double s2 = prior.moderate(pooledVariance(a, b), d);
        double diff = mean(a) - mean(b);
        if (s2 == 0) return diff < 0 ? 0.0 : 1.0;
        double t = diff / Math.sqrt(s2 * (1.0 / a.length + 1.0 / b.length));
        double df = prior.moderatedDegreesOfFreedom(d);
        if (df > 1e6) return new NormalDistribution().cumulativeProbability(t);
        return new TDistribution(null, df).cumulativeProbability(t);
    }

    /**
     * One-sided p-value for H1: mean(a[i] - b[i]) < 0 of the paired t-test whose variance of the differences (on
     * {@code n - 1} degrees of freedom) is moderated by {@code prior}: the paired twin of {@link #moderatedTPValueLess}.
     */
    static double moderatedPairedTPValueLess(double[] a, double[] b, VariancePrior prior) {
        double[] d = differences(a, b);
        if (d.length < 2) return 1.0;
        double m = mean(d), s2 = prior.moderate(variance(d), d.length - 1);
        if (s2 == 0) return m < 0 ? 0.0 : 1.0;
        double t = m / Math.sqrt(s2 / d.length);
        double df = prior.moderatedDegreesOfFreedom(d.length - 1);
        if (df > 1e6) return new NormalDistribution().cumulativeProbability(t);
        return new TDistribution(null, df).cumulativeProbability(t);
    }

    /** {@code a[i] - b[i]}; the two must have one length. */
    static double[] differences(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) d[i] = a[i] - b[i];
        return d;
    }

    /** Pooled within-sample variance of two samples, {@code na + nb - 2} degrees of freedom. */
    static double pooledVariance(double[] a, double[] b) {
        double ma = mean(a), mb = mean(b), ss = 0;
        for (double x : a) ss += (x - ma) * (x - ma);
        for (double x : b) ss += (x - mb) * (x - mb);
        return ss / (a.length + b.length - 2);
    }

    /** The y with trigamma(y) = x (trigamma is decreasing on (0, inf)). */
    static double trigammaInverse(double x) {
        if (x > 1e7) return 1 / Math.sqrt(x);
        if (x < 1e-6) return 1 / x;
        double lo = 1e-4, hi = 1 / x + 10;
        while (Gamma.trigamma(lo) < x) lo /= 10;
        while (Gamma.trigamma(hi) > x) hi *= 10;
        return new BrentSolver(1e-12, 1e-10).solve(200, y -> Gamma.trigamma(y) - x, lo, hi);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double variance(double[] x) {
        double m = mean(x), ss = 0;
        for (double v : x) ss += (v - m) * (v - m);
        return ss / (x.length - 1);
    }
}
