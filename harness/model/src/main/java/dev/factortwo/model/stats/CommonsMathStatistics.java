package dev.factortwo.model.stats;

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
        double t = new TDistribution(values.length - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double half = t * sd / Math.sqrt(values.length);
        double cv = mean == 0 ? 0 : sd / Math.abs(mean);
        return new Summary(boxed, mean, mean - half, mean + half, confidence, cv);
    }

    @Override
    public double welchPValue(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) return 1.0;
        double va = variance(a), vb = variance(b);
        if (va == 0 && vb == 0) return mean(a) == mean(b) ? 1.0 : 0.0;
        return new TTest().tTest(a, b);
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
