package dev.factortwo.reports;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellResult;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one training cell's time went, read from the figures the harness records per repetition in the cell's
 * attributes (one comma-separated value per repetition, written by the harness's {@code TimeBreakdown}), as the
 * median over repetitions. Tolerant: {@code NaN} or unreadable entries are skipped (a cell of one round has no
 * steady figures), and a missing attribute or one with no number left gives NaN.
 *
 * <pre>{@code
 * TimeSplit.of(cell).ifPresent(s -> System.out.println(s.firstRoundSeconds())); // e.g. 0.325
 * }</pre>
 *
 * Immutable and thread-safe.
 *
 * @param setupSeconds            timed region outside every round: the strategy's set-up, seconds
 * @param firstRoundSeconds       the first round (epoch): builds TensorFlow graphs and sessions in the workers and, in
 *                                local state, loads the data into them, seconds
 * @param steadyRoundSeconds      mean wall time of the later rounds, seconds; NaN with one round
 * @param roundOverheadSeconds    mean time per round outside the slowest task (Spark scheduling and weight transfer), seconds
 * @param steadySamplesPerSecond  samples of the later rounds over their wall time; NaN with one round
 * @param steadyUtilization       accelerator utilization in the later rounds, 0 to 1; NaN with one round
 */
public record TimeSplit(double setupSeconds, double firstRoundSeconds, double steadyRoundSeconds, double roundOverheadSeconds,
                        double steadySamplesPerSecond, double steadyUtilization) {

    /** Every attribute of the split, in the record's order. */
    public static final List<CellAttribute> ATTRIBUTES = List.of(CellAttribute.SETUP_SECONDS, CellAttribute.FIRST_ROUND_SECONDS,
            CellAttribute.STEADY_ROUND_SECONDS, CellAttribute.ROUND_OVERHEAD_SECONDS, CellAttribute.STEADY_SAMPLES_PER_SECOND,
            CellAttribute.STEADY_UTILIZATION);

    /** The split of {@code cell}, or empty when it failed or recorded none of {@link #ATTRIBUTES}. */
    public static Optional<TimeSplit> of(CellResult cell) {
        if (!cell.ok() || ATTRIBUTES.stream().noneMatch(x -> x.in(cell).isPresent())) return Optional.empty();
        double[] m = ATTRIBUTES.stream().mapToDouble(x -> median(x.in(cell).orElse(null))).toArray();
        return Optional.of(new TimeSplit(m[0], m[1], m[2], m[3], m[4], m[5]));
    }

    /** Median of the finite numbers in comma-separated {@code values}; NaN when null or none is a finite number. */
    static double median(String values) {
        if (values == null) return Double.NaN;
        double[] v = Arrays.stream(values.split(",")).mapToDouble(TimeSplit::parse).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** Median of {@code values}, NaN ones skipped; NaN when none is left. */
    static double median(List<Double> values) {
        return median(String.join(",", values.stream().map(String::valueOf).toList()));
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
