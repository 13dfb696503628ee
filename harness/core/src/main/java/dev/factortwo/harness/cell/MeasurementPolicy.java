package dev.factortwo.harness.cell;

import dev.factortwo.model.stats.Statistics;
import dev.factortwo.model.Summary;
import java.util.List;

/**
 * How long and how often a cell is measured, the way JMH does it: every measured repetition lasts at least
 * {@code minRepetitionSeconds} (reached by running the cell's whole training or inference pass several times back
 * to back; the count is fixed by the first measured repetition and recorded in the cell), and repetitions are added
 * beyond the cell's own count until the 95% throughput interval's half-width (log scale) is at most
 * {@code targetHalfWidth}, or {@code maxRepetitions} is reached, or the added repetitions would take longer than
 * the asked ones did ({@code extraTimeShare} of their time, at least {@value #EXTRA_TIME_FLOOR_SECONDS} s), so that a
 * cell of one-minute passes does not run ten of them. In a suite the repetitions of all cells are interleaved in an
 * order drawn from {@code orderSeed}, so that drift in the machine hits every cell alike.
 *
 * @param minRepetitionSeconds  shortest measured repetition, seconds; 0 = one pass per repetition
 * @param targetHalfWidth       relative half-width of the 95% interval to stop at, e.g. 0.05; 0 = never add repetitions
 * @param maxRepetitions        the most repetitions a cell gets; at least the cell's own count
 * @param orderSeed             seed of the interleaved order
 * @param extraTimeShare        the measured time added repetitions may take, as a share of the asked repetitions'
 *                              (at least {@value #EXTRA_TIME_FLOOR_SECONDS} s); 0 = no limit but the cap
 */
public record MeasurementPolicy(double minRepetitionSeconds, double targetHalfWidth, int maxRepetitions, long orderSeed,
                                double extraTimeShare) {

    /** One pass per repetition, exactly the cell's own count, in cell order: the measurement before this policy. */
    public static final MeasurementPolicy FIXED = new MeasurementPolicy(0, 0, 0, 0);

    /** Added repetitions may always take this long, seconds, however short the asked ones were. */
    public static final double EXTRA_TIME_FLOOR_SECONDS = 30;

    public MeasurementPolicy {
        if (!(minRepetitionSeconds >= 0)) throw new IllegalArgumentException("minimum repetition seconds must be >= 0, was " + minRepetitionSeconds);
        if (!(targetHalfWidth >= 0 && targetHalfWidth < 1)) throw new IllegalArgumentException("target half-width must be in [0, 1), was " + targetHalfWidth);
        if (maxRepetitions < 0) throw new IllegalArgumentException("maximum repetitions must be >= 0, was " + maxRepetitions);
        if (!(extraTimeShare >= 0)) throw new IllegalArgumentException("extra time share must be >= 0, was " + extraTimeShare);
    }

    /** A policy whose added repetitions are limited by the cap alone. */
    public MeasurementPolicy(double minRepetitionSeconds, double targetHalfWidth, int maxRepetitions, long orderSeed) {
        this(minRepetitionSeconds, targetHalfWidth, maxRepetitions, orderSeed, 0);
    }

    /**
     * True when a cell that asked for {@code wanted} repetitions has measured enough with {@code throughput}, its
     * repetitions having lasted {@code wallSeconds} (measured time, one per repetition).
     */
    public boolean enough(int wanted, List<Double> throughput, List<Double> wallSeconds) {
        int n = throughput.size();
        if (n < wanted) return false;
        if (targetHalfWidth == 0 || n >= Math.max(wanted, maxRepetitions) || n < 2) return true;
        return halfWidth(throughput) <= targetHalfWidth || overBudget(wanted, wallSeconds);
    }

    /** Why a cell stopped at {@code throughput.size()} repetitions, in words, for its attributes. */
    public String stopReason(int wanted, List<Double> throughput, List<Double> wallSeconds) {
        int n = throughput.size();
        double hw = n < 2 ? Double.NaN : halfWidth(throughput);
        String interval = Double.isNaN(hw) ? "" : String.format(" (95%% interval +/-%.1f%%)", hw * 100);
        if (targetHalfWidth == 0 || n <= wanted && !(hw <= targetHalfWidth)) return n + " repetitions as asked" + interval;
        if (hw <= targetHalfWidth) return String.format("interval within +/-%.0f%% after %d repetitions%s", targetHalfWidth * 100, n, interval);
        if (n < Math.max(wanted, maxRepetitions) && overBudget(wanted, wallSeconds)) {
            return String.format(java.util.Locale.ROOT, "time for added repetitions spent (%d beyond the %d asked, %.0f s of at most %.0f s) before the"
                    + " interval was within +/-%.0f%%%s", n - wanted, wanted, extraSeconds(wanted, wallSeconds), budget(wanted, wallSeconds),
                    targetHalfWidth * 100, interval);
        }
        return String.format("cap of %d repetitions reached before the interval was within +/-%.0f%%%s", n, targetHalfWidth * 100, interval);
    }

    /** True when one more repetition, as long as the mean one so far, would take the added ones past their time. */
    boolean overBudget(int wanted, List<Double> wallSeconds) {
        if (!(extraTimeShare > 0) || wallSeconds.size() < wanted || wallSeconds.isEmpty()) return false;
        double next = wallSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return extraSeconds(wanted, wallSeconds) + next > budget(wanted, wallSeconds);
    }

    private double budget(int wanted, List<Double> wallSeconds) {
        double asked = wallSeconds.stream().limit(wanted).mapToDouble(Double::doubleValue).sum();
        return Math.max(EXTRA_TIME_FLOOR_SECONDS, asked * extraTimeShare);
    }

    private static double extraSeconds(int wanted, List<Double> wallSeconds) {
        return wallSeconds.stream().skip(wanted).mapToDouble(Double::doubleValue).sum();
    }

    static double halfWidth(List<Double> throughput) {
        Summary s = Statistics.standard().summarize(throughput.stream().mapToDouble(Double::doubleValue).toArray(), 0.95);
        return s.relativeHalfWidth();
    }
}
