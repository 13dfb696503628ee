package dev.factortwo.reports;

import dev.factortwo.model.CellResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's "where the time goes": one row per training cell that recorded its {@link TimeSplit}, beside its end-to-end
 * throughput and, where the run measured a bare reference, both as a share of the bare loop. The words the HTML and the
 * Markdown print are here, so they say the same. Immutable.
 *
 * @param rows      one row per cell with a split, in plan order (bare references are not rows: they are the reference)
 * @param leftOut   cells of the run, bare references aside, without a split
 * @param cells     cells of the run, bare references aside
 */
public record TimeSplitTable(List<Row> rows, int leftOut, int cells) {

    public TimeSplitTable {
        rows = List.copyOf(rows);
    }

    /**
     * One cell.
     *
     * @param cell                      the cell
     * @param split                     its split, medians over repetitions
     * @param endToEndSamplesPerSecond  median over repetitions of its samples per second over the whole timed region
     * @param bareSamplesPerSecond      mean samples per second of its bare reference; NaN when the run has none for it
     */
    public record Row(CellResult cell, TimeSplit split, double endToEndSamplesPerSecond, double bareSamplesPerSecond) {

        /** {@code train-mlp · memory · spark · single · cpu}. */
        public String label() {
            return CellLabel.full(cell.key());
        }

        /** Steady samples per second over the bare loop's mean; NaN when either is unknown. */
        public double steadyOfBare() {
            return split.steadySamplesPerSecond() / bareSamplesPerSecond;
        }

        /** End-to-end samples per second over the bare loop's mean; NaN when there is no bare reference. */
        public double endToEndOfBare() {
            return endToEndSamplesPerSecond / bareSamplesPerSecond;
        }
    }

    /** The table of {@code run}. */
    public static TimeSplitTable of(RunSummary run) {
        List<Row> rows = new ArrayList<>();
        int cells = 0;
        for (CellRow r : run.rows()) {
            CellResult c = r.cell();
            if (c.key().bare()) continue;
            cells++;
            TimeSplit.of(c).ifPresent(s -> rows.add(new Row(c, s, TimeSplit.median(c.samplesPerSecond() == null ? List.of()
                    : c.samplesPerSecond().values()), run.bareSamplesPerSecond(c.key()).orElse(Double.NaN))));
        }
        return new TimeSplitTable(rows, cells - rows.size(), cells);
    }

    /** True when no row has a bare reference: the % of bare columns are left out. */
    public boolean noBare() {
        return rows.stream().noneMatch(r -> Double.isFinite(r.bareSamplesPerSecond()));
    }

    /** The column headers, without the % of bare ones when {@link #noBare()}. */
    public List<String> headers() {
        List<String> h = new ArrayList<>(List.of("cell", "set-up", "first round", "steady round (mean)", "Spark overhead per round",
                "steady samples/s", "steady AU", "end-to-end samples/s"));
        if (!noBare()) h.addAll(List.of("steady % of bare", "end-to-end % of bare"));
        return h;
    }

    /** The texts of {@code row} under {@link #headers()}, raw (each format escapes them). */
    public List<String> texts(Row row) {
        TimeSplit s = row.split();
        List<String> t = new ArrayList<>(List.of(row.label(), NumberFormats.duration(s.setupSeconds()),
                NumberFormats.duration(s.firstRoundSeconds()), NumberFormats.duration(s.steadyRoundSeconds()),
                NumberFormats.duration(s.roundOverheadSeconds()), NumberFormats.rate(s.steadySamplesPerSecond()),
                NumberFormats.percent(s.steadyUtilization()), NumberFormats.rate(row.endToEndSamplesPerSecond())));
        if (!noBare()) t.addAll(List.of(NumberFormats.percent(row.steadyOfBare()), NumberFormats.percent(row.endToEndOfBare())));
        return t;
    }

    /** What the columns are. */
    public static String explanation() {
        return "Each training cell's time, medians over its repetitions: the strategy's set-up (the timed region outside every "
                + "round), the first round (it builds the TensorFlow graphs and sessions in the workers and, in local state, loads "
                + "the data into them), the mean of the later, steady rounds, and per round the time outside the slowest task "
                + "(Spark scheduling and weight transfer). Steady samples/s and AU are those of the later rounds alone; end to end "
                + "is the whole timed region. - where a figure was not recorded (a cell of one round has no steady rounds).";
    }

    /** The footnote on the % of bare columns. */
    public static String bareFootnote() {
        return "% of bare: the cell's median samples/s over the mean samples/s of the bare reference of its workload, dataset, "
                + "engine and device. The bare loop's timed region is train steps only, so its mean is already its steady figure: "
                + "steady % compares like with like, end-to-end % adds the set-up, the first round and Spark's overhead. "
                + "Medians here, so end to end may differ by a point from the cells table, which uses means.";
    }

    /** Why there are no % of bare columns, or empty when there are. */
    public String noBareText() {
        return noBare() ? "No % of bare: this run measured no bare reference for these cells (results from before it was "
                + "measured, or a suite without it)." : "";
    }

    /** How many cells are left out and why, or empty when none is. */
    public String leftOutText() {
        if (leftOut == 0) return "";
        return leftOut + " of " + cells + (cells == 1 ? " cell is" : " cells are") + " left out: they recorded no per-round "
                + "times (inference, MLlib and emulated cells, failed cells and results written before this split record none).";
    }
}
