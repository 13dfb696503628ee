package dev.factortwo.reports;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's "what checkpoints cost on each tier": every checkpointed cell of a run ({@code run --checkpoint-every}),
 * with the checkpoints it wrote, the size of one, the tier client's write and read seconds and GB/s, and the share of
 * the training time spent writing, each the median over repetitions of the cell's {@code checkpoint*} attributes
 * ({@link CellAttribute#CHECKPOINTS_WRITTEN} to {@link CellAttribute#CHECKPOINT_SHARE}). A run without checkpointed
 * cells has no rows. The words the HTML, the Markdown and {@code run}'s closing line print are here, so they say the
 * same. Immutable.
 *
 * @param rows one per checkpointed cell, in the order the run lists them
 */
public record CheckpointTable(List<Row> rows) {

    public CheckpointTable {
        rows = List.copyOf(rows);
    }

    /**
     * One checkpointed cell, medians over its repetitions; NaN where not recorded.
     *
     * @param tier           the tier the checkpoints went to, as ids name it ({@link CellKey#tierLabel()})
     * @param configuration  the rest of the cell: workload · dataset · state · strategy · device
     * @param written        checkpoints written in a repetition
     * @param bytes          bytes of one checkpoint (a repetition's bytes written over its checkpoints), manifest included
     * @param writeSeconds   seconds the tier's client spent writing a repetition's checkpoints
     * @param writeGBps      bytes written per second of write time, GB/s (10^9 bytes)
     * @param readSeconds    seconds the tier's client spent reading the newest checkpoint back
     * @param readGBps       bytes read per second of read time, GB/s
     * @param share          write seconds over the measured training time, a fraction
     */
    public record Row(String tier, String configuration, double written, double bytes, double writeSeconds, double writeGBps,
                      double readSeconds, double readGBps, double share) {

        static Row of(CellResult c) {
            CellKey k = c.key();
            double[] written = values(c, CellAttribute.CHECKPOINTS_WRITTEN);
            double[] bytes = values(c, CellAttribute.CHECKPOINT_BYTES_WRITTEN);
            List<Double> each = new ArrayList<>();
            for (int i = 0; i < Math.min(written.length, bytes.length); i++) each.add(written[i] > 0 ? bytes[i] / written[i] : Double.NaN);
            return new Row(k.tierLabel(), String.join(" · ", k.workloadLabel(), k.dataset(), k.state(), k.strategyLabel(), k.deviceLabel()),
                    median(c, CellAttribute.CHECKPOINTS_WRITTEN), TimeSplit.median(each), median(c, CellAttribute.CHECKPOINT_WRITE_SECONDS),
                    median(c, CellAttribute.CHECKPOINT_WRITE_GBPS), median(c, CellAttribute.CHECKPOINT_READ_SECONDS),
                    median(c, CellAttribute.CHECKPOINT_READ_GBPS), median(c, CellAttribute.CHECKPOINT_SHARE));
        }

        private static double median(CellResult c, CellAttribute a) {
            return TimeSplit.median(c.attributes().get(a.key()));
        }

        private static double[] values(CellResult c, CellAttribute a) {
            String v = c.attributes().get(a.key());
            if (v == null) return new double[0];
            return java.util.Arrays.stream(v.split(",")).mapToDouble(s -> {
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }).toArray();
        }
    }

    /** The table of {@code run}. */
    public static CheckpointTable of(RunSummary run) {
        return of(run.results());
    }

    /** The table of {@code results}: its checkpointed cells that ran, failed ones left out. */
    public static CheckpointTable of(Results results) {
        List<Row> rows = new ArrayList<>();
        for (CellResult c : results.cells()) {
            if (c.ok() && c.key().checkpointed() && c.attributes().containsKey(CellAttribute.CHECKPOINT_WRITE_SECONDS.key())) rows.add(Row.of(c));
        }
        return new CheckpointTable(rows);
    }

    /** Column headers. */
    public List<String> headers() {
        return List.of("tier", "configuration", "checkpoints", "size of one", "write", "write GB/s", "read", "read GB/s", "share of training");
    }

    /** The texts of {@code row} under {@link #headers()}, raw (each format escapes them). */
    public List<String> texts(Row row) {
        return List.of(row.tier(), row.configuration(), count(row.written()), size(row.bytes()), NumberFormats.duration(row.writeSeconds()),
                gbps(row.writeGBps()), NumberFormats.duration(row.readSeconds()), gbps(row.readGBps()), NumberFormats.percent(row.share()));
    }

    /** The whole table as texts, for the formats to render. */
    public TextTable text() {
        return new TextTable(headers(), rows.stream().map(this::texts).toList());
    }

    /** What the columns are. */
    public static String explanation() {
        return "Each cell run with checkpoints (run --checkpoint-every), medians over its repetitions. Checkpoints: how many a "
                + "repetition wrote. Size of one: every replica's weights and the driver's last synchronised ones, with the manifest. "
                + "Write: the time the tier's own client spent writing a repetition's checkpoints, and its speed in GB/s (10^9 bytes "
                + "a second). Read: the same for the newest checkpoint read back and verified after each run, outside the measured "
                + "time. Share of training: the write time over the repetition's measured time. Figures from one machine's run; compare tiers within a run.";
    }

    /**
     * The line {@code run} prints at its end when a cell checkpointed: per row, the tier, the checkpoints and their size,
     * the write and read speeds and the share of training; empty without rows.
     */
    public Optional<String> consoleLine() {
        if (rows.isEmpty()) return Optional.empty();
        List<String> parts = new ArrayList<>();
        boolean oneConfiguration = rows.stream().map(Row::configuration).distinct().count() == 1;
        for (Row r : rows) {
            parts.add(r.tier() + (oneConfiguration ? "" : " (" + r.configuration() + ")") + " " + count(r.written()) + " × "
                    + size(r.bytes()) + ", written at " + gbps(r.writeGBps()) + " GB/s, read at " + gbps(r.readGBps()) + " GB/s, "
                    + NumberFormats.percent(r.share()) + " of training");
        }
        return Optional.of("checkpoints (medians per repetition"
                + (oneConfiguration ? ", " + rows.get(0).configuration() : "") + "): " + String.join("; ", parts));
    }

    private static String count(double n) {
        return Double.isFinite(n) ? String.format(Locale.ROOT, "%.0f", n) : "-";
    }

    private static String size(double bytes) {
        return Double.isFinite(bytes) ? NumberFormats.bytes(Math.round(bytes)) : "-";
    }

    private static String gbps(double g) {
        if (!Double.isFinite(g)) return "-";
        return String.format(Locale.ROOT, g < 0.1 ? "%.3f" : "%.2f", g);
    }
}
