package dev.factortwo.model.analysis;

import dev.factortwo.model.CellResult;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one rule for "fastest": the best configuration by mean, and every other one that is not significantly
 * worse than it (a one-sided t-test at {@value #TIE_ALPHA}: paired by pass where both were measured in one
 * interleaved series, {@link Pairing}, else Welch's), so that noise does not pick a single winner.
 * A configuration measured once ties only when it is the best. The report's "fastest" column and
 * {@link PriceOfReproducibility} both decide with it, so they cannot disagree.
 *
 * <pre>{@code
 * Set<CellResult> fastest = Fastest.bySamplesPerSecond(results.cells()); // per workload: the best and its ties
 * boolean tie = Fastest.ties(candidate, times(candidate), best, times(best), Fastest.Better.LOWER);
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class Fastest {

    /** Significance level under which a configuration counts as slower than the best of its workload. */
    public static final double TIE_ALPHA = 0.05;

    /** Which way a measure improves. */
    public enum Better {
        /** Samples per second: more is faster. */
        HIGHER,
        /** Seconds to the accuracy target: less is faster. */
        LOWER
    }

    /**
     * The fastest of a workload by mean samples per second: the highest mean, and among equal means the smaller
     * {@link CellResult#id()}, so the choice never depends on the order of the cells.
     */
    public static final Comparator<CellResult> BY_SAMPLES_PER_SECOND = Comparator
            .comparingDouble((CellResult c) -> c.samplesPerSecond().mean()).reversed()
            .thenComparing(CellResult::id);

    private Fastest() {
    }

    /**
     * True when {@code candidate} is not significantly worse than {@code best}: the one-sided p-value for "candidate is
     * worse" is at least {@value #TIE_ALPHA} ({@link Pairing#pValueLess}: paired by pass when both cells were measured
     * in one interleaved series). False when either side has fewer than 2 values (a single measurement cannot tie).
     *
     * @param candidateCell the configuration that may tie
     * @param candidate     one value per repetition of it
     * @param bestCell      the best configuration
     * @param best          one value per repetition of it
     * @param better        which way the measure improves
     */
    public static boolean ties(CellResult candidateCell, double[] candidate, CellResult bestCell, double[] best, Better better) {
        if (candidate.length < 2 || best.length < 2) return false;
        double p = better == Better.HIGHER
                ? Pairing.pValueLess(candidateCell, candidate, bestCell, best)
                : Pairing.pValueLess(bestCell, best, candidateCell, candidate);
        return p >= TIE_ALPHA;
    }

    /**
     * Per workload of {@code cells}, the fastest successful cell by mean samples per second
     * ({@link #BY_SAMPLES_PER_SECOND}) and every other one that {@link #ties} with it. Failed cells and cells
     * without throughput are never fastest.
     */
    public static Set<CellResult> bySamplesPerSecond(Collection<CellResult> cells) {
        Map<String, CellResult> best = new LinkedHashMap<>();
        for (CellResult c : cells) {
            if (measured(c)) best.merge(c.key().workload(), c, (a, b) -> BY_SAMPLES_PER_SECOND.compare(b, a) < 0 ? b : a);
        }
        Set<CellResult> out = new HashSet<>(best.values());
        for (CellResult c : cells) {
            CellResult top = best.get(c.key().workload());
            if (top == null || c == top || !measured(c)) continue;
            if (ties(c, c.samplesPerSecond().toArray(), top, top.samplesPerSecond().toArray(), Better.HIGHER)) out.add(c);
        }
        return out;
    }

    /** True when {@code c} succeeded and recorded samples per second. */
    static boolean measured(CellResult c) {
        return c.ok() && c.samplesPerSecond() != null && !c.samplesPerSecond().values().isEmpty();
    }
}
