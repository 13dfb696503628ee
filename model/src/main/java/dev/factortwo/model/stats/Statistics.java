package dev.factortwo.model.stats;

import dev.factortwo.model.Interval;
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
     * zero the interval is unbounded. For positive values on both sides (speeds, times) the lower bound is at least 0.
     */
    Interval ratio(double[] numerator, double[] denominator, double confidence);

    /**
     * One-sided p-value of Welch's t-test for the alternative {@code mean(a) < mean(b)}; 1.0 when either
     * side has fewer than 2 values. With zero variance on both sides: 0.0 when {@code mean(a) < mean(b)},
     * else 1.0.
     */
    double welchPValueLess(double[] a, double[] b);

    /**
     * One-sided p-value of the Mann-Whitney U test for the alternative "values of {@code a} tend to be
     * smaller than values of {@code b}". Exact (no ties) or normal approximation with tie and continuity
     * correction (ties); 1.0 when a side is empty.
     */
    double mannWhitneyPValueLess(double[] a, double[] b);

    /**
     * The smallest one-sided p-value the exact Mann-Whitney test can give for sample sizes {@code n1} and
     * {@code n2}: {@code 1 / C(n1 + n2, n1)}. E.g. 1/6 for 2 vs 2, 1/252 for 5 vs 5.
     */
    double mannWhitneySmallestPValue(int n1, int n2);

    /**
     * Holm-adjusted p-values (controls the family-wise error rate); same order as {@code p}. NaN entries
     * are not tests: they stay NaN and do not count towards the family size.
     */
    double[] holm(double[] p);

    /** Benjamini-Hochberg-adjusted p-values (controls the false discovery rate); NaN handled as in {@link #holm}. */
    double[] benjaminiHochberg(double[] p);

    /**
     * Fits an empirical-Bayes prior to sample variances {@code variances}, each on {@code degreesOfFreedom[i]}
     * residual degrees of freedom (e.g. the pooled within-cell variances of many cells). Entries with zero
     * variance or zero degrees of freedom are skipped.
     */
    VariancePrior variancePrior(double[] variances, double[] degreesOfFreedom);

    /** Pooled within-sample variance of two samples, on {@code a.length + b.length - 2} degrees of freedom. */
    double pooledVariance(double[] a, double[] b);

    /**
     * One-sided p-value for {@code mean(a) < mean(b)} of the two-sample t-test whose pooled variance is shrunk
     * to {@code prior} (limma's moderated t, Smyth 2004): {@code s~^2 = (d0 s0^2 + d s^2) / (d0 + d)} on
     * {@code d0 + d} degrees of freedom (at most the prior's total). With {@link VariancePrior#NONE} it is
     * Student's pooled t-test. 1.0 when a side is empty or there are fewer than 3 values in all.
     */
    double moderatedTPValueLess(double[] a, double[] b, VariancePrior prior);

    /**
     * How far one new value {@code x} lies from the mean of {@code sample}, with a two-sided prediction
     * interval at {@code confidence}: {@code x - mean +- t(n-1) s sqrt(1 + 1/n)}. It answers "is this run
     * slower than the runs before it, beyond their noise?". Unbounded with fewer than 2 values in the sample.
     */
    Interval differenceFromSample(double[] sample, double x, double confidence);

    /**
     * The smallest slowdown a one-sided two-sample t-test on log speed detects with probability {@code power} at
     * level {@code alpha}: {@code 1 - exp(-(t[1-alpha, df] + t[power, df]) * sqrt(variance * (1/n1 + 1/n2)))},
     * e.g. 0.07 for "a 7% slowdown would be caught 95% of the time". {@code variance} is the (pooled, possibly
     * moderated) variance of log speed on {@code df} degrees of freedom. NaN when {@code df < 1} or a side is empty.
     */
    double detectableSlowdown(double variance, double df, int n1, int n2, double alpha, double power);

    /**
     * One-sided p-value of the paired t-test for the alternative {@code mean(a[i] - b[i]) < 0}: {@code a[i]} and
     * {@code b[i]} were measured side by side (e.g. log speeds of two builds in the same round of an interleaved
     * comparison), so each pair's shared conditions cancel. The variance of the differences ({@code n - 1} degrees of
     * freedom) is shrunk to {@code prior} as in {@link #moderatedTPValueLess} (limma's moderated t on paired
     * differences); with {@link VariancePrior#NONE} it is Student's paired t. 1.0 with fewer than 2 pairs; with zero
     * (moderated) variance 0.0 when the mean difference is negative, else 1.0.
     *
     * @throws IllegalArgumentException when the two arrays differ in length
     */
    double pairedTPValueLess(double[] a, double[] b, VariancePrior prior);

    /** Sample variance of the paired differences {@code a[i] - b[i]}, on {@code n - 1} degrees of freedom. */
    double pairedVariance(double[] a, double[] b);

    /**
     * The geometric mean of the ratios {@code numerator[i] / denominator[i]} of positive paired values, with the
     * Student t interval of the mean log ratio carried back: {@code exp(mean d +- t[n-1] sd(d) / sqrt n)}, where
     * {@code d[i] = ln numerator[i] - ln denominator[i]}. Never negative. With one pair the interval is the
     * estimate alone.
     *
     * @throws IllegalArgumentException when the arrays differ in length, are empty, or hold a non-positive value
     */
    Interval pairedRatio(double[] numerator, double[] denominator, double confidence);

    static Statistics standard() {
        return CommonsMathStatistics.INSTANCE;
    }
}
