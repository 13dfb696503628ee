package dev.factortwo.model.stats;

import dev.factortwo.model.Interval;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A percentile bootstrap of the ratio between the best of all configurations and the best of a subset of them, where
 * "best" is chosen anew in every resample. Which configuration is fastest is itself a noisy choice: a ratio between
 * the two cells that happened to win covers their noise but not the choice, so a price can read "free (1.00x)" in one
 * run and "1.11x" in the next. Resampling each configuration's repetitions with replacement and taking the best of each
 * set every time covers both.
 *
 * <p>When every configuration was measured in the same passes ({@code byPass}: repetition i of each ran in pass i of
 * one interleaved series) and all have the same number of repetitions, a resample draws passes, not repetitions: the
 * same drawn pass indices for every configuration, so what a pass shared stays shared in the resample (a block
 * bootstrap). Otherwise each configuration's repetitions are drawn on their own.
 *
 * <p>The ratio is oriented so that it is at least 1 in every resample: best of all over best of the subset when
 * higher is better (samples per second), best of the subset over best of all when lower is better (seconds).
 * Deterministic: the same input gives the same interval (a fixed seed). Stateless, thread-safe.
 *
 * <pre>{@code
 * Interval p = BestOfBootstrap.ratio(List.of(fastA, fastB, slowRecomputable), List.of(slowRecomputable), true, 0.95);
 * }</pre>
 */
public final class BestOfBootstrap {

    /** Resamples drawn: enough for a stable 95% percentile interval (its ends move by well under 1% between seeds). */
    public static final int RESAMPLES = 4000;

    private static final long SEED = 0x5eed_f2L;

    private BestOfBootstrap() {
    }

    /**
     * The ratio of the best mean of {@code all} to the best mean of {@code subset} (each an array of one configuration's
     * repetitions; {@code subset}'s arrays are among {@code all}'s), with its percentile bootstrap interval at
     * {@code confidence}.
     *
     * @param higherIsBetter true for speeds, false for times
     * @throws IllegalArgumentException when a set is empty or a configuration has no repetition
     */
    public static Interval ratio(List<double[]> all, List<double[]> subset, boolean higherIsBetter, double confidence) {
        return ratio(all, subset, higherIsBetter, confidence, false);
    }

    /**
     * As {@link #ratio(List, List, boolean, double)}, drawing whole passes when {@code byPass} and every configuration
     * has the same number of repetitions (see the class comment), else repetitions of each configuration on their own.
     */
    public static Interval ratio(List<double[]> all, List<double[]> subset, boolean higherIsBetter, double confidence,
                                 boolean byPass) {
        if (all.isEmpty() || subset.isEmpty()) throw new IllegalArgumentException("no configuration to take the best of");
        for (double[] x : all) if (x.length == 0) throw new IllegalArgumentException("a configuration without repetitions");
        int[] inSubset = subset.stream().mapToInt(s -> indexOf(all, s)).toArray();
        double[] means = all.stream().mapToDouble(BestOfBootstrap::mean).toArray();
        double estimate = oriented(best(means, null, higherIsBetter), best(means, inSubset, higherIsBetter), higherIsBetter);
        SplittableRandom random = new SplittableRandom(SEED);
        double[] ratios = new double[RESAMPLES];
        double[] resampled = new double[all.size()];
        int passes = all.get(0).length;
        boolean joint = byPass && all.stream().allMatch(x -> x.length == passes);
        int[] drawn = new int[passes];
        for (int b = 0; b < RESAMPLES; b++) {
            if (joint) {
                for (int i = 0; i < passes; i++) drawn[i] = random.nextInt(passes);
            }
            for (int c = 0; c < all.size(); c++) {
                double[] x = all.get(c);
                double s = 0;
                for (int i = 0; i < x.length; i++) s += x[joint ? drawn[i] : random.nextInt(x.length)];
                resampled[c] = s / x.length;
            }
            ratios[b] = oriented(best(resampled, null, higherIsBetter), best(resampled, inSubset, higherIsBetter), higherIsBetter);
        }
        Arrays.sort(ratios);
        double alpha = (1 - confidence) / 2;
        double low = ratios[(int) Math.floor(alpha * (RESAMPLES - 1))];
        double high = ratios[(int) Math.ceil((1 - alpha) * (RESAMPLES - 1))];
        return new Interval(estimate, Math.min(low, estimate), Math.max(high, estimate), confidence);
    }

    private static int indexOf(List<double[]> all, double[] x) {
        for (int i = 0; i < all.size(); i++) if (all.get(i) == x) return i;
        throw new IllegalArgumentException("a configuration of the subset is not among all configurations");
    }

    private static double best(double[] means, int[] among, boolean higherIsBetter) {
        double best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        int n = among == null ? means.length : among.length;
        for (int k = 0; k < n; k++) {
            double m = means[among == null ? k : among[k]];
            best = higherIsBetter ? Math.max(best, m) : Math.min(best, m);
        }
        return best;
    }

    private static double oriented(double bestOfAll, double bestOfSubset, boolean higherIsBetter) {
        return higherIsBetter ? bestOfAll / bestOfSubset : bestOfSubset / bestOfAll;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }
}
