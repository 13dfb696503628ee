package dev.factortwo.model.stats;

import java.util.List;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * Welch's t-test with each side's variance shrunk towards a prior estimated from many groups
 * (the empirical-Bayes "moderated t" of Smyth 2004, limma, applied per side so that unequal variances
 * stay Welch's).
 */
final class ModeratedWelch {

    private ModeratedWelch() {
    }

    /** Fits a {@link VariancePrior} to the sample variances of {@code groups} (each with at least 2 values). */
    static VariancePrior prior(List<double[]> groups) {
        int g = 0;
        double totalDf = 0;
        double[] e = new double[groups.size()];
        double[] tri = new double[groups.size()];
        for (double[] x : groups) {
            if (x.length < 2) continue;
            double s2 = variance(x);
            if (!(s2 > 0)) continue;
            double d = x.length - 1;
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

    /** One-sided p-value for H1: mean(a) < mean(b), with variances moderated by {@code prior}. */
    static double pValueLess(double[] a, double[] b, VariancePrior prior) {
        if (a.length < 2 || b.length < 2) return 1.0;
        double dfa = a.length - 1, dfb = b.length - 1;
        double va = prior.moderate(variance(a), dfa) / a.length;
        double vb = prior.moderate(variance(b), dfb) / b.length;
        double diff = mean(a) - mean(b);
        if (va + vb == 0) return diff < 0 ? 0.0 : 1.0;
        double t = diff / Math.sqrt(va + vb);
        double ma = prior.moderatedDegreesOfFreedom(dfa), mb = prior.moderatedDegreesOfFreedom(dfb);
        double df = (va + vb) * (va + vb) / (va * va / ma + vb * vb / mb);
        if (df > 1e6) return new NormalDistribution().cumulativeProbability(t);
        return new TDistribution(null, df).cumulativeProbability(t);
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
