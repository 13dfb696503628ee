package dev.factortwo.reports;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's "what the format costs on each tier": every cell of a run that ran with the data set stored in another
 * format ({@code run --formats shards,parquet}) beside the same cell on the toolkit's shards, the control, with what
 * each format cost the input: its share of the step, the time to obtain a sample (read and decode), and the bytes the
 * staged split takes on the tier. Read from the cells alone ({@link CellResult#inputSeconds()},
 * {@link CellResult#computeSeconds()}, {@link CellAttribute#DECODE_NANOS_PER_SAMPLE}, {@link CellAttribute#TIER_BYTES});
 * a run without both formats of a cell has no rows. The words the HTML and the Markdown print are here, so they say
 * the same. Immutable.
 *
 * @param rows one per pair of cells, in the order the run lists the other format's cells
 */
public record FormatTable(List<Row> rows) {

    public FormatTable {
        rows = List.copyOf(rows);
    }

    /**
     * One configuration in two formats.
     *
     * @param configuration the cell without its format: workload · dataset · tier · state · strategy · device
     * @param format        the other format, e.g. {@code parquet}
     * @param control       the cell on {@link CellKey#DEFAULT_FORMAT}
     * @param other         the cell on {@link #format}
     */
    public record Row(String configuration, String format, Input control, Input other) {
    }

    /**
     * What the input cost one cell.
     *
     * @param inputShare        input time over input and compute time, means per repetition; NaN when neither was timed
     * @param decodeNanos       median over repetitions of the tasks' nanoseconds per sample to obtain it; NaN when not recorded
     * @param tierBytes         bytes the staged training split takes on the tier; -1 when not recorded
     */
    public record Input(double inputShare, double decodeNanos, long tierBytes) {

        static Input of(CellResult c) {
            double busy = c.inputSeconds() + c.computeSeconds();
            double share = busy > 0 ? c.inputSeconds() / busy : Double.NaN;
            long bytes = -1;
            String tier = c.attributes().get(CellAttribute.TIER_BYTES.key());
            if (tier != null) {
                try {
                    bytes = Long.parseLong(tier.trim());
                } catch (NumberFormatException e) {
                    // not a number: not recorded
                }
            }
            return new Input(share, TimeSplit.median(c.attributes().get(CellAttribute.DECODE_NANOS_PER_SAMPLE.key())), bytes);
        }
    }

    /** The table of {@code run}: its failed and bare cells left out, every other format's cell beside its control. */
    public static FormatTable of(RunSummary run) {
        Map<CellKey, CellResult> controls = new LinkedHashMap<>();
        for (CellResult c : run.results().cells()) {
            if (c.ok() && c.key().defaultFormat() && !c.key().bare()) controls.put(c.key(), c);
        }
        List<Row> rows = new ArrayList<>();
        for (CellResult c : run.results().cells()) {
            if (!c.ok() || c.key().defaultFormat() || c.key().bare()) continue;
            CellResult control = controls.get(c.key().withFormat(CellKey.DEFAULT_FORMAT));
            if (control == null) continue;
            CellKey k = c.key();
            rows.add(new Row(String.join(" · ", k.workloadLabel(), k.dataset(), k.tier(), k.state(), k.strategy(), k.deviceLabel()),
                    k.format(), Input.of(control), Input.of(c)));
        }
        return new FormatTable(rows);
    }

    /** Column headers: each figure for the shards, then for the other format (named when the rows have one). */
    public List<String> headers() {
        List<String> formats = rows.stream().map(Row::format).distinct().toList();
        String other = formats.size() == 1 ? formats.get(0) : "other format";
        String control = CellKey.DEFAULT_FORMAT;
        return List.of("configuration", "format", "input share, " + control, "input share, " + other, "µs a sample, " + control,
                "µs a sample, " + other, "on the tier, " + control, "on the tier, " + other);
    }

    /** The texts of {@code row} under {@link #headers()}, raw (each format escapes them). */
    public List<String> texts(Row row) {
        return List.of(row.configuration(), row.format(), NumberFormats.percent(row.control().inputShare()),
                NumberFormats.percent(row.other().inputShare()), micros(row.control().decodeNanos()), micros(row.other().decodeNanos()),
                bytes(row.control().tierBytes()), bytes(row.other().tierBytes()));
    }

    /** The whole table as texts, for the formats to render. */
    public TextTable text() {
        return new TextTable(headers(), rows.stream().map(this::texts).toList());
    }

    /** What the columns are. */
    public static String explanation() {
        return "The same cells with the data set stored as the toolkit's shards (the control) and in another format (run --formats), "
                + "side by side per tier. Input share: the steps' input time over input and compute time, means per repetition. "
                + "µs a sample: the tasks' time to obtain their partitions' samples (reading and decoding, from the store or Spark's cache; "
                + "0 where a worker's cache of decoded samples served them), per sample, median over repetitions. On the tier: what the "
                + "staged training split takes there (compressed Parquet files, or shards and manifest). Figures from one machine's "
                + "run; compare formats within a row.";
    }

    private static String micros(double nanos) {
        return Double.isFinite(nanos) ? String.format(Locale.ROOT, "%.2f", nanos / 1000) : "-";
    }

    private static String bytes(long b) {
        return b < 0 ? "-" : NumberFormats.bytes(b);
    }
}
