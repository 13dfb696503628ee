package dev.factortwo.model.stats;

import dev.factortwo.model.Summary;

/**
 * The one place statistics are computed, so that the run, the report and the gate never disagree.
 * Implementations are stateless and thread-safe.
 *
 * <pre>{@code
 * Statistics stats = Statistics.standard();
 * Summary s = stats.summarize(new double[] {812.0, 799.5, 805.1}, 0.95);
 * }</pre>
 */
public interface Statistics {

    /** Mean, Student-t confidence interval at {@code confidence}, and coefficient of variation. */
    Summary summarize(double[] values, double confidence);

    /** Two-sided p-value of Welch's unequal-variance t-test; 1.0 when either side has fewer than 2 values
     * or both have zero variance and equal means, 0.0 when both have zero variance and different means. */
    double welchPValue(double[] a, double[] b);

    /** True when Welch's test rejects equal means at {@code 1 - confidence}. */
    default boolean isDifferent(double[] a, double[] b, double confidence) {
        return welchPValue(a, b) < 1 - confidence;
    }

    /**
     * Ratio of means {@code mean(numerator) / mean(denominator)} of two independent samples with a
     * Fieller confidence interval (Welch-Satterthwaite degrees of freedom). With fewer than two values
     * on a side the interval is the point estimate alone; when the denominator is not bounded away from
     * zero the interval is unbounded.
     */
    Interval ratio(double[] numerator, double[] denominator, double confidence);

    static Statistics standard() {
        return CommonsMathStatistics.INSTANCE;
    }
}
