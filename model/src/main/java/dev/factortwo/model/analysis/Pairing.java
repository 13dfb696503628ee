package dev.factortwo.model.analysis;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Interval;
import dev.factortwo.model.stats.Statistics;
import dev.factortwo.model.stats.VariancePrior;
import java.util.Arrays;
import java.util.Collection;

/**
 * Which cells' repetitions were measured side by side, and the comparisons that use it. A suite measures its cells
 * in passes: pass i measures repetition i of every cell that still needs one, in a seeded order. Cells measured in
 * one such series carry the same {@link CellAttribute#INTERLEAVED_SERIES} attribute, so repetition i of each ran in the same pass,
 * minutes apart at most. What a pass shared (a neighbour, the hypervisor's steal, a slower stretch of the machine)
 * moves both, and cancels in their per-pass ratio: measured over four quick suites here, the spread of the log
 * ratio between two cells of a workload was 10-50% smaller paired than unpaired (docs/measured-here.md).
 *
 * <p>Cells from different runs, or resumed from an earlier one, carry other series (or none, in files written
 * before it was kept) and are compared unpaired, as before. Stateless and thread-safe.
 *
 * <pre>{@code
 * Interval price = Pairing.ratio(fastest, fastest.samplesPerSecond().toArray(), repro, repro.samplesPerSecond().toArray(), 0.95);
 * }</pre>
 */
public final class Pairing {

    /**
     * The attribute naming the interleaved series a cell was measured in (its start and order seed); repetition i of
     * every cell of one series ran in its pass i.
     */

    private Pairing() {
    }

    /** True when {@code a} and {@code b} were measured in the same interleaved series. */
    public static boolean paired(CellResult a, CellResult b) {
        String s = a.attributes().get(CellAttribute.INTERLEAVED_SERIES.key());
        return s != null && !s.isBlank() && s.equals(b.attributes().get(CellAttribute.INTERLEAVED_SERIES.key()));
    }

    /** True when every one of {@code cells} (at least one) was measured in one interleaved series. */
    public static boolean paired(Collection<CellResult> cells) {
        if (cells.isEmpty()) return false;
        CellResult first = cells.iterator().next();
        return cells.stream().allMatch(c -> paired(first, c));
    }

    /**
     * {@code mean(num) / mean(den)} with a 95%-style interval at {@code confidence}: paired by pass (the geometric mean
     * of the per-pass ratios with its t interval, {@link Statistics#pairedRatio}) over the passes both cells have when
     * they share a series and at least 2 passes, else unpaired (Fieller's interval of the ratio of means,
     * {@link Statistics#ratio}).
     *
     * @param numCell the cell {@code num} was measured by, one value per repetition
     * @param denCell the cell {@code den} was measured by, one value per repetition
     */
    public static Interval ratio(CellResult numCell, double[] num, CellResult denCell, double[] den, double confidence) {
        int n = Math.min(num.length, den.length);
        if (paired(numCell, denCell) && n >= 2 && positive(num, n) && positive(den, n)) {
            return Statistics.standard().pairedRatio(Arrays.copyOf(num, n), Arrays.copyOf(den, n), confidence);
        }
        return Statistics.standard().ratio(num, den, confidence);
    }

    /**
     * One-sided p-value for "values of {@code a} are lower than those of {@code b}": the paired t-test on log values
     * over the passes both have when the two cells share a series and at least 2 passes, else Welch's t-test on the
     * values. 1.0 when a side has fewer than 2 values.
     */
    public static double pValueLess(CellResult aCell, double[] a, CellResult bCell, double[] b) {
        if (a.length < 2 || b.length < 2) return 1.0;
        int n = Math.min(a.length, b.length);
        if (paired(aCell, bCell) && positive(a, n) && positive(b, n)) {
            return Statistics.standard().pairedTPValueLess(logs(a, n), logs(b, n), VariancePrior.NONE);
        }
        return Statistics.standard().welchPValueLess(a, b);
    }

    private static boolean positive(double[] x, int n) {
        for (int i = 0; i < n; i++) if (!(x[i] > 0) || Double.isInfinite(x[i])) return false;
        return true;
    }

    private static double[] logs(double[] x, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = Math.log(x[i]);
        return out;
    }
}
