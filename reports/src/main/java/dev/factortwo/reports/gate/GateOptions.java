package dev.factortwo.reports.gate;

import dev.factortwo.model.Defaults;
import dev.factortwo.model.UserError;
import java.util.Objects;

/**
 * How strict the gate is, and how strict the report is when it calls a cell slower than its baseline (both
 * apply {@link SlowdownTest}). The defaults live in {@link Defaults} ({@code GATE_*}); {@link #defaults()}
 * builds them, and the CLI's {@code --help} shows the same constants.
 *
 * <p><b>What counts as a regression.</b> A speed check fails when the candidate is slower than the
 * baseline <em>both</em> significantly and by more than {@code maxSlowdown}:
 * <ol>
 *   <li>the one-sided test of "candidate slower" (H0: not slower) has a p-value, adjusted by
 *       {@code correction} across every speed check of the comparison, below {@code 1 - confidence}; and
 *   <li>the point estimate of the speed ratio candidate/baseline is below {@code 1 - maxSlowdown}.
 * </ol>
 * Significance bounds the false alarms (family-wise at {@code 1 - confidence} with Holm); the threshold on
 * the point estimate keeps a significant but tiny slowdown (many repetitions make 1% significant) from
 * failing CI. We deliberately do not require the <em>interval</em> to lie below {@code 1 - maxSlowdown}
 * (a test of H0: ratio >= 1 - maxSlowdown): that tests only the excess over the threshold, needs about four
 * times the repetitions for the same power, and would let a real 10% slowdown through at 5 repetitions.
 * The Fieller interval on the ratio is reported for every speed check either way.
 *
 * <p><b>Why 5 repetitions.</b> With the default test ({@link Test#MODERATED_T}), Holm at 0.99 over
 * 50 cells and 3% noise (coefficient of variation), 5 repetitions per side is the smallest count that
 * detects a 10% slowdown of a single cell with at least 95% power (measured by {@code GateSimulationTest}
 * over 1000 seeded suites: 97.3%; 4 repetitions give 90.3%). The false-alarm rate of a whole 50-cell suite
 * with no change is 0.4% (1000 suites), and 0.9% when the cells' noise ranges from 0.75% to 12%. The plain Welch test needs 8: with 5 its power is about 35%,
 * because 4 degrees of freedom per side make the t critical value at 0.01/50 enormous. Mann-Whitney needs
 * 8 as well: with 5 vs 5 its smallest possible p-value is 1/252 = 0.004, above 0.01/50.
 *
 * @param maxSlowdown        largest tolerated slowdown, as a fraction (0.05 = 5% slower)
 * @param confidence         confidence level; {@code 1 - confidence} is the family-wise error rate (Holm) or
 *                           false discovery rate (BH), and the Fieller interval's level
 * @param maxAccuracyDrop    largest tolerated drop of test accuracy, absolute (0.005 = half a point)
 * @param correction         multiple-comparison correction across all speed checks
 * @param test               significance test for "candidate slower"
 * @param strictEnvironment  when true (the default), an environment mismatch fails the gate; false
 *                           ({@code --allow-environment-change}) makes it a warning
 */
public record GateOptions(double maxSlowdown, double confidence, double maxAccuracyDrop,
                          Correction correction, Test test, boolean strictEnvironment) {

    /** Repetitions per cell the defaults are designed for (see the class comment): {@link Defaults#REPETITIONS_SUITE}. */
    public static final int RECOMMENDED_REPETITIONS = Defaults.REPETITIONS_SUITE;

    /** Multiple-comparison correction across all speed checks of one comparison. */
    public enum Correction {
        /** Holm's step-down: family-wise error rate at most {@code 1 - confidence}. */
        HOLM,
        /** Benjamini-Hochberg: false discovery rate at most {@code 1 - confidence}; more power, more false alarms. */
        BH
    }

    /** The one-sided significance test, on per-repetition (or per-fork) samples. */
    public enum Test {
        /**
         * limma's moderated t (Smyth 2004) on log speed: each cell's pooled within-cell variance (baseline and
         * candidate together, {@code 2n - 2} degrees of freedom) is shrunk towards a prior fitted to all cells
         * of the comparison. Cells that agree about their noise lend each other degrees of freedom; when they
         * disagree the prior weakens and the test becomes Student's t on log speed. The default: it reaches
         * 95% power at 5 repetitions. Equal repetition counts on both sides make the pooled variance robust
         * to a candidate that became noisier.
         */
        MODERATED_T,
        /** Welch's unequal-variance t-test on the raw values of each cell alone. */
        WELCH,
        /** Mann-Whitney U (exact without ties): no normality assumption, needs 8+ repetitions for a lone cell among 50. */
        MANN_WHITNEY,
        /**
         * A paired t on log speed: the i-th baseline and candidate values were measured side by side (the per-round
         * means of {@code compare}, whose rounds run both builds back to back in a seeded order), so the load a round
         * shared cancels in its difference. Each cell's variance of the differences is moderated towards a prior
         * fitted to all cells, as {@link #MODERATED_T} does (Student's paired t where the cells disagree about their
         * noise). Needs equal counts on both sides; the unit is the round, not the repetition (repetitions inside
         * one JVM are not independent of it).
         */
        PAIRED_T
    }

    public GateOptions {
        Objects.requireNonNull(correction, "correction");
        Objects.requireNonNull(test, "test");
        // these hold --max-slowdown, --confidence and --max-accuracy-drop as given: out of range is the user's mistake
        if (!(maxSlowdown >= 0 && maxSlowdown < 1)) {
            throw new UserError("maxSlowdown must be in [0, 1), e.g. 0.05 for 5%; was " + maxSlowdown);
        }
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new UserError("confidence must be in (0.5, 1), e.g. 0.99; was " + confidence);
        }
        if (!(maxAccuracyDrop >= 0 && maxAccuracyDrop <= 1)) {
            throw new UserError("maxAccuracyDrop must be in [0, 1], absolute, e.g. 0.005; was " + maxAccuracyDrop);
        }
    }

    /** The defaults, all from {@link Defaults}: 5% slowdown, 0.99 confidence, 0.005 accuracy, Holm, moderated t, another environment refused. */
    public static GateOptions defaults() {
        return new GateOptions(Defaults.GATE_MAX_SLOWDOWN, Defaults.GATE_CONFIDENCE, Defaults.GATE_MAX_ACCURACY_DROP,
                Correction.valueOf(Defaults.GATE_CORRECTION), Test.valueOf(Defaults.GATE_TEST), Defaults.GATE_STRICT_ENVIRONMENT);
    }

    /** The significance level {@code 1 - confidence}. */
    public double alpha() {
        return 1 - confidence;
    }

    public GateOptions withMaxSlowdown(double v) {
        return new GateOptions(v, confidence, maxAccuracyDrop, correction, test, strictEnvironment);
    }

    public GateOptions withConfidence(double v) {
        return new GateOptions(maxSlowdown, v, maxAccuracyDrop, correction, test, strictEnvironment);
    }

    public GateOptions withMaxAccuracyDrop(double v) {
        return new GateOptions(maxSlowdown, confidence, v, correction, test, strictEnvironment);
    }

    public GateOptions withCorrection(Correction v) {
        return new GateOptions(maxSlowdown, confidence, maxAccuracyDrop, v, test, strictEnvironment);
    }

    public GateOptions withTest(Test v) {
        return new GateOptions(maxSlowdown, confidence, maxAccuracyDrop, correction, v, strictEnvironment);
    }

    public GateOptions withStrictEnvironment(boolean v) {
        return new GateOptions(maxSlowdown, confidence, maxAccuracyDrop, correction, test, v);
    }
}
