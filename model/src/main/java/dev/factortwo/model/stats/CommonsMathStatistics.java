package dev.factortwo.model.stats;

import dev.factortwo.model.Interval;
import dev.factortwo.model.Summary;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/** {@link Statistics} on Apache Commons Math 3. */
final class CommonsMathStatistics implements Statistics {

    static final CommonsMathStatistics INSTANCE = new CommonsMathStatistics();

    private CommonsMathStatistics() {
    }

    @Override
    public Summary summarize(double[] values, double confidence) {
        if (values.length == 0) throw new IllegalArgumentException("no values to summarize");
        if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence must be in (0,1): " + confidence);
        SummaryStatistics s = new SummaryStatistics();
        for (double v : values) s.addValue(v);
        double mean = s.getMean();
        List<Double> boxed = Arrays.stream(values).boxed().toList();
        if (values.length < 2) return new Summary(boxed, mean, mean, mean, confidence, 0);
        double sd = s.getStandardDeviation();
        double t = new TDistribution(null, values.length - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double cv = mean == 0 ? 0 : sd / Math.abs(mean);
        if (Arrays.stream(values).allMatch(v -> v > 0)) {
            // on the log scale: throughput is positive and its noise multiplicative, so the interval is the
            // t interval of the logs carried to the mean (mean / k, mean * k): never negative, wider above
            SummaryStatistics logs = new SummaryStatistics();
            for (double v : values) logs.addValue(Math.log(v));
            double k = Math.exp(t * logs.getStandardDeviation() / Math.sqrt(values.length));
            return new Summary(boxed, mean, mean / k, mean * k, confidence, cv);
        }
        double half = t * sd / Math.sqrt(values.length);
        return new Summary(boxed, mean, mean - half, mean + half, confidence, cv);
    }

    @Override
    public Interval differenceFromSample(double[] sample, double x, double confidence) {
        int n = sample.length;
        if (n == 0) throw new IllegalArgumentException("no sample to compare with");
        double mean = java.util.Arrays.stream(sample).average().orElse(0);
        if (n < 2) return new Interval(x - mean, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, confidence);
        double sd = new org.apache.commons.math3.stat.descriptive.moment.StandardDeviation().evaluate(sample);
        double t = new org.apache.commons.math3.distribution.TDistribution(n - 1).inverseCumulativeProbability(0.5 + confidence / 2);
        double half = t * sd * Math.sqrt(1 + 1.0 / n);
        return new Interval(x - mean, x - mean - half, x - mean + half, confidence);
    }

    @Override
    public double welchPValue(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) return 1.0;
        double va = variance(a), vb = variance(b);
        if (va == 0 && vb == 0) return mean(a) == mean(b) ? 1.0 : 0.0;
        return new TTest().tTest(a, b);
    }

    @Override
    public Interval ratio(double[] a, double[] b, double confidence) {
        if (a.length == 0 || b.length == 0) throw new IllegalArgumentException("ratio needs values on both sides");
        double ma = mean(a), mb = mean(b);
        double r = ma / mb;
        if (a.length < 2 || b.length < 2) return new Interval(r, r, r, confidence);
        double va = variance(a) / a.length, vb = variance(b) / b.length;
        if (va == 0 && vb == 0) return new Interval(r, r, r, confidence);
        double df = (va + vb) * (va + vb)
                / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double t = new TDistribution(null, Math.max(1, df)).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double t2 = t * t;
        double denom = mb * mb - t2 * vb;
        if (denom <= 0) return new Interval(r, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, confidence);
        double disc = va * mb * mb + vb * ma * ma - t2 * va * vb;
        double root = t * Math.sqrt(Math.max(0, disc));
        double low = (ma * mb - root) / denom;
        // a ratio of speeds or times cannot be negative: where the numerator's mean is not bounded away from 0, Fieller's
        // lower bound is, and says only that the ratio may be as small as 0
        if (positive(a) && positive(b)) low = Math.max(0, low);
        return new Interval(r, low, (ma * mb + root) / denom, confidence);
    }

    private static boolean positive(double[] x) {
        for (double v : x) if (!(v > 0)) return false;
        return true;
    }

    @Override
    public double welchPValueLess(double[] a, double[] b) {
        return ModeratedTests.welchPValueLess(a, b);
    }

    @Override
    public double mannWhitneyPValueLess(double[] a, double[] b) {
        return MannWhitney.pValueLess(a, b);
    }

    @Override
    public double mannWhitneySmallestPValue(int n1, int n2) {
        return MannWhitney.smallestPValue(n1, n2);
    }

    @Override
    public double[] holm(double[] p) {
        return MultipleComparisons.holm(p);
    }

    @Override
    public double[] benjaminiHochberg(double[] p) {
        return MultipleComparisons.benjaminiHochberg(p);
    }

    @Override
    public VariancePrior variancePrior(double[] variances, double[] degreesOfFreedom) {
        return ModeratedTests.prior(variances, degreesOfFreedom);
    }

    @Override
    public double pooledVariance(double[] a, double[] b) {
        return ModeratedTests.pooledVariance(a, b);
    }

    @Override
    public double moderatedTPValueLess(double[] a, double[] b, VariancePrior prior) {
        return ModeratedTests.moderatedTPValueLess(a, b, prior);
    }

    @Override
    public double detectableSlowdown(double variance, double df, int n1, int n2, double alpha, double power) {
        if (!(df >= 1) || n1 < 1 || n2 < 1 || !(variance >= 0)) return Double.NaN;
        if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) throw new IllegalArgumentException("alpha and power must be in (0, 1)");
        TDistribution t = new TDistribution(null, df);
        double shift = (t.inverseCumulativeProbability(1 - alpha) + t.inverseCumulativeProbability(power))
                * Math.sqrt(variance * (1.0 / n1 + 1.0 / n2));
        return 1 - Math.exp(-shift);
    }

    @Override
    public double pairedTPValueLess(double[] a, double[] b, VariancePrior prior) {
        return ModeratedTests.moderatedPairedTPValueLess(a, b, prior);
    }

    @Override
    public double pairedVariance(double[] a, double[] b) {
        return ModeratedTests.variance(ModeratedTests.differences(a, b));
    }

    @Override
    public Interval pairedRatio(double[] numerator, double[] denominator, double confidence) {
        if (numerator.length == 0) throw new IllegalArgumentException("no pairs for a paired ratio");
        double[] d = ModeratedTests.differences(logs(numerator), logs(denominator));
        double m = ModeratedTests.mean(d);
        if (d.length < 2) return new Interval(Math.exp(m), Math.exp(m), Math.exp(m), confidence);
        double half = new TDistribution(null, d.length - 1).inverseCumulativeProbability(0.5 + confidence / 2)
                * Math.sqrt(ModeratedTests.variance(d) / d.length);
        return new Interval(Math.exp(m), Math.exp(m - half), Math.exp(m + half), confidence);
    }

    /** Natural logs of positive values. */
    private static double[] logs(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0)) throw new IllegalArgumentException("paired ratio of a non-positive value at pair " + i + ": " + x[i]);
            out[i] = Math.log(x[i]);
        }
        return out;
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    private static double variance(double[] x) {
        double m = mean(x), ss = 0;
        for (double v : x) ss += (v - m) * (v - m);
        return ss / (x.length - 1);
    }
}
