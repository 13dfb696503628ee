package dev.factortwo.reports;

import dev.factortwo.model.Interval;
import dev.factortwo.reports.gate.GateOptions;
import dev.factortwo.reports.gate.Numbers;
import dev.factortwo.reports.gate.SlowdownTest;
import java.util.Locale;

/**
 * One cell against the same cell in a baseline, as the gate sees it: the decision of {@link SlowdownTest} (the
 * one rule for "slower than the baseline", over every cell of the run at once), the throughput ratio
 * {@code current / baseline} with its Fieller interval, and whether the reproducibility verdict changed. The
 * report says "slower" exactly where {@code factortwo gate} with the same options fails the cell's speed check.
 *
 * @param decision  the rule's outcome for this cell
 * @param options   the options the rule ran with (limit, confidence, test, correction)
 * @param before    the baseline's verdict
 * @param after     this run's verdict
 */
public record BaselineComparison(SlowdownTest.Decision decision, GateOptions options, Verdict before, Verdict after) {

    /** Mean samples per second now over the baseline's, with its interval at the rule's confidence. */
    public Interval ratio() {
        Numbers n = decision.check().numbers();
        return new Interval(n.ratio(), n.ratioLow(), n.ratioHigh(), options.confidence());
    }

    /** The corrected one-sided p-value in the direction of the change (NaN when not tested). */
    public double pValue() {
        return decision.adjustedPInDirection();
    }

    /** True when the rule calls the cell slower or faster. */
    public boolean significant() {
        return decision.change() == SlowdownTest.Change.SLOWER || decision.change() == SlowdownTest.Change.FASTER;
    }

    /** {@code slower}, {@code faster}, {@code within 5%}, {@code not significant} or {@code not tested}. */
    public String direction() {
        return switch (decision.change()) {
            case SLOWER -> "slower";
            case FASTER -> "faster";
            case WITHIN_LIMIT -> "within " + percent(options.maxSlowdown());
            case NOT_SIGNIFICANT -> "not significant";
            case NOT_TESTED -> "not tested";
        };
    }

    /** {@code 1.12x [1.05, 1.19]}. */
    public String ratioText() {
        Interval ratio = ratio();
        if (Double.isNaN(ratio.estimate())) return "-";
        if (ratio.low() == ratio.high() || Double.isNaN(ratio.low())) return NumberFormats.ratio(ratio.estimate());
        if (!ratio.bounded()) return NumberFormats.ratio(ratio.estimate()) + " [unbounded]";
        return NumberFormats.ratio(ratio.estimate()) + " [" + NumberFormats.ratio(ratio.low()).replace("x", "")
                + ", " + NumberFormats.ratio(ratio.high()).replace("x", "") + "]";
    }

    /** True when the verdict changed between the baseline and now. */
    public boolean verdictChanged() {
        return before != after;
    }

    /** How the rule decides, in one sentence for a report's legend, from the options it ran with. */
    public static String rule(GateOptions o) {
        String correction = o.correction() == GateOptions.Correction.HOLM ? "Holm" : "Benjamini-Hochberg";
        String test = switch (o.test()) {
            case MODERATED_T -> "moderated t on log speed";
            case WELCH -> "Welch's t";
            case MANN_WHITNEY -> "Mann-Whitney U";
            case PAIRED_T -> "moderated paired t on log speed over the rounds of 'compare'";
        };
        String interval = o.test() == GateOptions.Test.PAIRED_T ? " paired (geometric mean of the rounds' ratios) interval; "
                : " Fieller interval; ";
        return "now / baseline mean samples per second with a " + percent(o.confidence()) + interval
                + "slower (the gate fails) or faster means beyond " + percent(o.maxSlowdown())
                + " and significant at " + trim(o.alpha()) + " (one-sided " + test + ", " + correction
                + "-adjusted over every cell of the run); p is that adjusted p-value in the direction of the change";
    }

    private static String percent(double fraction) {
        return trim(fraction * 100) + "%";
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
