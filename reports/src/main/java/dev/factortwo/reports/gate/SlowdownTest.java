package dev.factortwo.reports.gate;

import dev.factortwo.model.Interval;
import dev.factortwo.model.stats.Statistics;
import dev.factortwo.model.stats.VariancePrior;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one decision rule for "slower than the baseline", used by the gate and by the HTML and Markdown reports
 * alike, so that the report never calls a cell slower where the gate passes it, nor the other way round.
 *
 * <p>It runs over every subject (cell or JMH benchmark) of one comparison at once: a one-sided test per subject,
 * the correction across all of them, then the rule of {@link GateOptions}: <b>slower</b> when the corrected
 * p-value of "candidate slower" is below {@code 1 - confidence} AND the speed ratio's point estimate is below
 * {@code 1 - maxSlowdown} (the gate fails). The mirror image, with the same test, prior and correction, says
 * <b>faster</b> (ratio above {@code 1 + maxSlowdown}); the gate ignores it. Stateless, thread-safe.
 *
 * <pre>{@code
 * Map<CellKey, SlowdownTest.Decision> d = Gate.speed(baseline, candidate, GateOptions.defaults());
 * boolean slower = d.get(key).change() == SlowdownTest.Change.SLOWER;   // exactly where the gate fails
 * }</pre>
 */
public final class SlowdownTest {

    private final Statistics stats;
    private final GateOptions options;
    private final boolean intervals;

    SlowdownTest(Statistics stats, GateOptions options) {
        this(stats, options, true);
    }

    /** {@code intervals = false} skips the Fieller interval (reported, never decisive): for simulations only. */
    SlowdownTest(Statistics stats, GateOptions options, boolean intervals) {
        this.stats = stats;
        this.options = options;
        this.intervals = intervals;
    }

    /** What the rule says about one subject's speed. */
    public enum Change {
        /** Significantly slower by more than {@code maxSlowdown}: the gate fails this subject. */
        SLOWER,
        /** Significantly faster by more than {@code maxSlowdown} (same test, prior and correction, mirrored). */
        FASTER,
        /** The point estimate is within {@code maxSlowdown} either way (whether or not that small change is significant). */
        WITHIN_LIMIT,
        /** The point estimate is beyond {@code maxSlowdown}, but the change is not significant. */
        NOT_SIGNIFICANT,
        /** Not tested: no, non-positive or too few samples, or too few to ever reach significance among this many. */
        NOT_TESTED
    }

    /**
     * The rule's outcome for one subject.
     *
     * @param subject         cell id or JMH benchmark key
     * @param change          what the rule decided
     * @param check           the gate's speed check: status, numbers ({@code pValue} for "candidate slower") and message
     * @param fasterP         raw one-sided p-value for "candidate faster" (NaN when not tested)
     * @param fasterAdjustedP that p-value after the same correction across all subjects
     */
    public record Decision(String subject, Change change, CheckResult check, double fasterP, double fasterAdjustedP) {

        /** The corrected one-sided p-value in the direction of the point estimate (slower below 1, faster above). */
        public double adjustedPInDirection() {
            return check.numbers().ratio() < 1 ? check.numbers().adjustedPValue() : fasterAdjustedP;
        }
    }

    /**
     * The decisions, in the order of the series, and the variance prior fitted for the moderated t
     * ({@link VariancePrior#NONE} for other tests).
     */
    public record Outcome(List<Decision> decisions, VariancePrior prior) {

        public Outcome {
            decisions = List.copyOf(decisions);
        }

        /** The gate's speed checks, one per subject. */
        public List<CheckResult> results() {
            return decisions.stream().map(Decision::check).toList();
        }
    }

    Outcome check(List<SpeedSeries> series) {
        int m = series.size();
        double[][] yb = new double[m][], yc = new double[m][];
        boolean[] testable = new boolean[m];
        int minPerSide = options.test() == GateOptions.Test.MANN_WHITNEY ? 1 : 2;
        List<Double> pooled = new ArrayList<>(), dfs = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            SpeedSeries s = series.get(i);
            yb[i] = s.logSpeed(s.baseline());
            yc[i] = s.logSpeed(s.candidate());
            testable[i] = yb[i] != null && yc[i] != null
                    && s.baseline().length >= minPerSide && s.candidate().length >= minPerSide
                    && (options.test() != GateOptions.Test.PAIRED_T || s.paired() && s.baseline().length == s.candidate().length);
            if (testable[i] && options.test() == GateOptions.Test.PAIRED_T) {
                if (yb[i].length > 1) {
                    pooled.add(stats.pairedVariance(yc[i], yb[i]));
                    dfs.add((double) (yb[i].length - 1));
                }
            } else if (testable[i]) {
                if (yb[i].length + yc[i].length > 2) {
                    pooled.add(stats.pooledVariance(yb[i], yc[i]));
                    dfs.add((double) (yb[i].length + yc[i].length - 2));
                }
            }
        }
        VariancePrior prior = switch (options.test()) {
            case MODERATED_T, PAIRED_T -> stats.variancePrior(pooled.stream().mapToDouble(Double::doubleValue).toArray(),
                    dfs.stream().mapToDouble(Double::doubleValue).toArray());
            default -> VariancePrior.NONE;
        };

        double[] p = new double[m], q = new double[m];
        Arrays.fill(p, Double.NaN);
        Arrays.fill(q, Double.NaN);
        for (int i = 0; i < m; i++) {
            if (testable[i]) {
                p[i] = pValue(series.get(i), yb[i], yc[i], prior, true);
                q[i] = pValue(series.get(i), yb[i], yc[i], prior, false);
            }
        }
        double[] adjusted = adjust(p), fasterAdjusted = adjust(q);
        int family = (int) Arrays.stream(p).filter(v -> !Double.isNaN(v)).count();

        List<Decision> out = new ArrayList<>(m);
        for (int i = 0; i < m; i++) out.add(decide(series.get(i), testable[i], p[i], adjusted[i], q[i], fasterAdjusted[i], family, prior));
        return new Outcome(out, prior);
    }

    private double[] adjust(double[] p) {
        return options.correction() == GateOptions.Correction.HOLM ? stats.holm(p) : stats.benjaminiHochberg(p);
    }

    /** One-sided p-value of "candidate slower" ({@code slower}) or of "candidate faster" (the mirror). */
    private double pValue(SpeedSeries s, double[] yb, double[] yc, VariancePrior prior, boolean slower) {
        double[] lowB = s.higherIsBetter() ? s.candidate() : s.baseline(), highB = s.higherIsBetter() ? s.baseline() : s.candidate();
        double[] lo = slower ? lowB : highB, hi = slower ? highB : lowB;
        return switch (options.test()) {
            case MODERATED_T -> slower ? stats.moderatedTPValueLess(yc, yb, prior) : stats.moderatedTPValueLess(yb, yc, prior);
            case WELCH -> stats.welchPValueLess(lo, hi);
            case MANN_WHITNEY -> stats.mannWhitneyPValueLess(lo, hi);
            case PAIRED_T -> slower ? stats.pairedTPValueLess(yc, yb, prior) : stats.pairedTPValueLess(yb, yc, prior);
        };
    }

    /** The smallest raw p-value the chosen test can give for these sample sizes. */
    private double smallestPossiblePValue(int nb, int nc) {
        if (options.test() == GateOptions.Test.MANN_WHITNEY) return stats.mannWhitneySmallestPValue(nc, nb);
        return nb >= 2 && nc >= 2 ? 0 : 1;
    }

    private Decision decide(SpeedSeries s, boolean testable, double p, double adjusted, double fasterP, double fasterAdjusted,
                            int family, VariancePrior prior) {
        int nb = s.baseline().length, nc = s.candidate().length;
        String note = s.note().isEmpty() ? "" : " (" + s.note() + ")";
        if (nb == 0 || nc == 0) {
            return new Decision(s.subject(), Change.NOT_TESTED, new CheckResult(s.subject(), Check.SPEED, Status.WARN, Numbers.NONE,
                    "no samples on the " + (nb == 0 ? "baseline" : "candidate") + " side: not compared" + note), fasterP, fasterAdjusted);
        }
        double bMean = mean(s.baseline()), cMean = mean(s.candidate());
        boolean paired = options.test() == GateOptions.Test.PAIRED_T && testable;
        double[] num = s.higherIsBetter() ? s.candidate() : s.baseline(), den = s.higherIsBetter() ? s.baseline() : s.candidate();
        Interval r = !intervals ? new Interval(s.higherIsBetter() ? cMean / bMean : bMean / cMean, Double.NaN, Double.NaN, options.confidence())
                : paired ? stats.pairedRatio(num, den, options.confidence())
                : stats.ratio(num, den, options.confidence());
        Numbers n = new Numbers(bMean, cMean, r.estimate(), r.low(), r.high(), p, adjusted, nb, nc, s.unit());
        String ratioText = String.format(Locale.ROOT, "speed ratio %.3f, %s%% CI [%s, %s]", r.estimate(),
                trim(options.confidence() * 100), bound(r.low()), bound(r.high()));
        double alpha = options.alpha();
        double threshold = 1 - options.maxSlowdown();
        boolean slowerThanThreshold = r.estimate() < threshold;
        boolean fasterThanThreshold = r.estimate() > 1 + options.maxSlowdown();
        String change = r.estimate() < 1
                ? String.format(Locale.ROOT, "%.1f%% slower", (1 - r.estimate()) * 100)
                : String.format(Locale.ROOT, "%.1f%% faster", (r.estimate() - 1) * 100);
        if (!testable) {
            String why = s.logSpeed(s.baseline()) == null || s.logSpeed(s.candidate()) == null
                    ? "non-positive or infinite samples"
                    : options.test() == GateOptions.Test.PAIRED_T && !s.paired()
                    ? "the paired t needs rounds measured side by side; these results are not from 'factortwo compare'"
                    : options.test() == GateOptions.Test.PAIRED_T && nb != nc && nb >= 2 && nc >= 2
                    ? nb + " vs " + nc + " rounds: the paired t needs the same rounds on both sides"
                    : nb + " vs " + nc + " samples (" + testName() + " needs at least "
                    + (options.test() == GateOptions.Test.MANN_WHITNEY ? 1 : 2) + " per side)";
            return new Decision(s.subject(), Change.NOT_TESTED, new CheckResult(s.subject(), Check.SPEED, Status.WARN, n,
                    change + ", not tested: " + why + "; " + ratioText + note), fasterP, fasterAdjusted);
        }
        String pText = String.format(Locale.ROOT, "p=%s, %s-adjusted p=%s over %d checks", num(p),
                options.correction() == GateOptions.Correction.HOLM ? "Holm" : "BH", num(adjusted), family);
        if (adjusted < alpha && slowerThanThreshold) {
            return new Decision(s.subject(), Change.SLOWER, new CheckResult(s.subject(), Check.SPEED, Status.FAIL, n,
                    String.format(Locale.ROOT, "regression: %s (limit %s%%), significant at %s (%s); %s%s",
                            change, trim(options.maxSlowdown() * 100), trim(alpha), pText, ratioText, note)), fasterP, fasterAdjusted);
        }
        // the mirror image: the gate passes either way, the report says faster
        Change otherwise = fasterAdjusted < alpha && fasterThanThreshold ? Change.FASTER
                : slowerThanThreshold || fasterThanThreshold ? Change.NOT_SIGNIFICANT : Change.WITHIN_LIMIT;
        // a lone regression among `family` checks must reach alpha / family under Holm and BH alike
        double needed = alpha / Math.max(1, family);
        double smallest = smallestPossiblePValue(nb, nc);
        if (smallest >= needed) {
            return new Decision(s.subject(), otherwise == Change.FASTER ? Change.FASTER : Change.NOT_TESTED,
                    new CheckResult(s.subject(), Check.SPEED, Status.WARN, n, String.format(Locale.ROOT,
                    "%s, but %s with %d vs %d samples cannot detect a lone regression: its smallest possible p=%s"
                            + " is above the %s needed among %d checks; add repetitions; %s%s",
                    change, testName(), nb, nc, num(smallest), num(needed), family, ratioText, note)), fasterP, fasterAdjusted);
        }
        String power = detectable(s, needed, prior);
        if (slowerThanThreshold) {
            return new Decision(s.subject(), otherwise, new CheckResult(s.subject(), Check.SPEED, Status.WARN, n,
                    String.format(Locale.ROOT, "%s (limit %s%%) but not significant (%s); %s%s%s", change,
                            trim(options.maxSlowdown() * 100), pText, ratioText, power, note)), fasterP, fasterAdjusted);
        }
        String verdict = r.estimate() < 1 && adjusted < alpha
                ? change + ", significant but within the " + trim(options.maxSlowdown() * 100) + "% limit"
                : change + ", within limits";
        return new Decision(s.subject(), otherwise,
                new CheckResult(s.subject(), Check.SPEED, Status.PASS, n, verdict + " (" + pText + "); " + ratioText + power + note),
                fasterP, fasterAdjusted);
    }

    /** Power at this cell's measured noise and repetitions. */
    static final double POWER = 0.95;

    /**
     * {@code "; detects 7.3%+ at 95% power"}: the smallest slowdown of this cell alone that the gate would catch
     * with probability {@link #POWER}, given its pooled noise on log speed (moderated towards the prior under the
     * moderated t; Student's pooled t as the approximation for Welch and Mann-Whitney), its repetitions, and the
     * level {@code alphaLone} a lone regression must reach after correction. Empty when it cannot be computed.
     */
    private String detectable(SpeedSeries s, double alphaLone, VariancePrior prior) {
        double[] lb = s.logSpeed(s.baseline()), lc = s.logSpeed(s.candidate());
        if (lb == null || lc == null || lb.length < 2 || lc.length < 2) return "";
        double df = lb.length + lc.length - 2;
        double v = stats.pooledVariance(lb, lc);
        if (options.test() == GateOptions.Test.PAIRED_T && s.paired() && lb.length == lc.length) {
            // the (moderated) variance of the differences, halved, so that v (1/n + 1/n) = var(d) / n
            df = lb.length - 1;
            v = stats.pairedVariance(lc, lb);
            if (prior != null) {
                v = prior.moderate(v, df);
                df = prior.moderatedDegreesOfFreedom(df);
            }
            v /= 2;
        } else if (options.test() == GateOptions.Test.MODERATED_T && prior != null) {
            v = prior.moderate(v, df);
            df = prior.moderatedDegreesOfFreedom(df);
        }
        double d = stats.detectableSlowdown(v, df, lb.length, lc.length, alphaLone, POWER);
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "; detects %.1f%%+ at %.0f%% power", d * 100, POWER * 100);
    }

    private String testName() {
        return switch (options.test()) {
            case MODERATED_T -> "moderated t";
            case WELCH -> "Welch";
            case MANN_WHITNEY -> "Mann-Whitney";
            case PAIRED_T -> "paired t";
        };
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v == 0) return "0";
        if (Math.abs(v) < 1e-3) return String.format(Locale.ROOT, "%.1e", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String bound(double v) {
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
