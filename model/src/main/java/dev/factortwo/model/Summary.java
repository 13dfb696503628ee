package dev.factortwo.model;

import java.util.List;

/**
 * Per-repetition samples of one quantity with their mean and a confidence interval.
 *
 * @param values      one value per measured repetition, in repetition order
 * @param mean        arithmetic mean of {@code values}
 * @param ciLow       lower bound of the two-sided confidence interval on the mean (Student t). When every value is
 *                    positive (throughput, times) the interval is taken on the log scale and carried to the mean:
 *                    {@code [mean / k, mean * k]} with {@code k = exp(t * sd(log values) / sqrt(n))}, so it is never
 *                    negative; otherwise {@code mean -/+ t * sd / sqrt(n)}
 * @param ciHigh      upper bound; equal to {@code mean} when there is a single value
 * @param confidence  confidence level of the interval, e.g. 0.95
 * @param cv          coefficient of variation (sample standard deviation / mean); 0 for one value
 */
public record Summary(List<Double> values, double mean, double ciLow, double ciHigh, double confidence, double cv) {

    public Summary {
        values = List.copyOf(values);
    }

    /** Coefficient of variation above which a summary is flagged as noisy. */
    public static final double HIGH_CV = 0.10;

    public boolean noisy() {
        return cv > HIGH_CV;
    }

    /**
     * Half the interval's width relative to the mean, on the log scale: {@code sqrt(ciHigh / ciLow) - 1}
     * (0.05 means "within 5%"). Infinite when the interval is not positive; 0 for a single value.
     */
    public double relativeHalfWidth() {
        if (values.size() < 2 || ciHigh == ciLow) return 0;
        if (!(ciLow > 0)) return Double.POSITIVE_INFINITY;
        return Math.sqrt(ciHigh / ciLow) - 1;
    }

    public double[] toArray() {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
