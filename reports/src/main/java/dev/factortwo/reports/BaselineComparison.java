package dev.factortwo.reports;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.stats.Interval;
import dev.factortwo.model.stats.Statistics;
import java.util.Optional;

/**
 * One cell against the same cell in a baseline: the throughput ratio {@code current / baseline} with a
 * Fieller confidence interval, Welch's p-value, and whether the reproducibility verdict changed.
 *
 * @param ratio        mean samples per second now over the baseline's, with its interval
 * @param pValue       two-sided Welch p-value on the per-repetition samples per second
 * @param significant  true when {@code pValue < 1 - CONFIDENCE}
 * @param before       the baseline's verdict
 * @param after        this run's verdict
 */
public record BaselineComparison(Interval ratio, double pValue, boolean significant, Verdict before, Verdict after) {

    /** Confidence level of the ratio interval and the significance test. */
    public static final double CONFIDENCE = 0.95;

    /** Empty when either side has no throughput to compare. */
    public static Optional<BaselineComparison> of(CellResult current, CellResult baseline) {
        if (!current.ok() || !baseline.ok() || current.samplesPerSecond() == null || baseline.samplesPerSecond() == null
                || current.samplesPerSecond().values().isEmpty() || baseline.samplesPerSecond().values().isEmpty()) {
            return Optional.empty();
        }
        double[] now = current.samplesPerSecond().toArray();
        double[] then = baseline.samplesPerSecond().toArray();
        Statistics stats = Statistics.standard();
        double p = stats.welchPValue(now, then);
        return Optional.of(new BaselineComparison(stats.ratio(now, then, CONFIDENCE), p, p < 1 - CONFIDENCE,
                Verdict.of(baseline), Verdict.of(current)));
    }

    /** {@code faster}, {@code slower}, or {@code no significant change}. */
    public String direction() {
        if (!significant) return "no significant change";
        return ratio.estimate() >= 1 ? "faster" : "slower";
    }

    /** {@code 1.12x [1.05, 1.19]}. */
    public String ratioText() {
        if (ratio.low() == ratio.high()) return NumberFormats.ratio(ratio.estimate());
        if (!ratio.bounded()) return NumberFormats.ratio(ratio.estimate()) + " [unbounded]";
        return NumberFormats.ratio(ratio.estimate()) + " [" + NumberFormats.ratio(ratio.low()).replace("x", "")
                + ", " + NumberFormats.ratio(ratio.high()).replace("x", "") + "]";
    }

    /** True when the verdict changed between the baseline and now. */
    public boolean verdictChanged() {
        return before != after;
    }
}
