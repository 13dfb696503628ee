package dev.factortwo.reports;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Summary;
import java.util.Optional;

/**
 * One cell as the tables show it, with every figure already written as text, so the HTML and the
 * Markdown formats print the same digits. Values are raw (not escaped); each format escapes them.
 *
 * @param run               which results file the cell comes from (0-based)
 * @param cell              the result itself
 * @param verdict           its reproducibility badge
 * @param fastest           true when it is the fastest successful cell of its workload in its run, or not significantly
 *                          slower than it (a tie: one-sided Welch t-test at 5%)
 * @param relativeToFastest mean samples per second over that of its workload's fastest cell (NaN when failed)
 * @param baseline          comparison with the baseline's cell of the same key, when there is one
 * @param relativeToBare    mean samples per second over that of the bare reference of its workload and dataset in
 *                          the same run (the engine's limit); NaN when there is none, for the bare cell itself and
 *                          when failed
 */
public record CellRow(int run, CellResult cell, Verdict verdict, boolean fastest, double relativeToFastest,
                      Optional<BaselineComparison> baseline, double relativeToBare) {

    /** True when it ties for fastest without being the fastest itself. */
    public boolean tiedForFastest() {
        return fastest && relativeToFastest < 1;
    }

    /** {@code 100% of fastest} text followed by {@code , 62% of bare} where the run measured a bare reference. */
    public String relativeWithBareText() {
        String rel = cell.key().bare() ? "bare reference" : relativeText();
        return Double.isFinite(relativeToBare) ? rel + ", " + NumberFormats.percent(relativeToBare) + " of bare" : rel;
    }

    /** Mean samples per second, or NaN for a failed cell. */
    public double mean() {
        return cell.ok() && cell.samplesPerSecond() != null ? cell.samplesPerSecond().mean() : Double.NaN;
    }

    /** {@code 12,345 ± 210} (95% CI half-width), {@code 12,345 (1 run)}, or {@code -}. */
    public String throughputText() {
        Summary s = cell.samplesPerSecond();
        if (!cell.ok() || s == null) return "-";
        if (s.values().size() < 2) return NumberFormats.rate(s.mean()) + " (1 run)";
        return NumberFormats.rate(s.mean()) + " ± " + NumberFormats.rate(Math.max(s.ciHigh() - s.mean(), s.mean() - s.ciLow()));
    }

    /** True when repetitions vary more than {@link Summary#HIGH_CV}. */
    public boolean noisy() {
        return cell.ok() && cell.samplesPerSecond() != null && cell.samplesPerSecond().noisy();
    }

    /** {@code noisy: cv 14% (over 10%)}: why a cell is flagged noisy. */
    public String noisyText() {
        return "noisy: cv " + NumberFormats.percent(cell.samplesPerSecond().cv()) + " (over "
                + NumberFormats.percent(Summary.HIGH_CV) + "); differences may be noise";
    }

    /** The emulated accelerator's name (from the {@code emulated} attribute or an {@code emulate:} device), if any. */
    public Optional<String> emulated() {
        String attr = cell.attributes().get(CellAttribute.EMULATED.key());
        if (attr != null && !attr.isBlank() && !"false".equalsIgnoreCase(attr)) {
            return Optional.of("true".equalsIgnoreCase(attr) ? deviceName() : attr);
        }
        if (cell.key().deviceEmulated()) return Optional.of(deviceName());
        return Optional.empty();
    }

    /** True when the emulation's numbers are an estimate, not a measurement (its profile says so). */
    public boolean estimate() {
        return emulated().isPresent() && cell.notes().stream().anyMatch(n -> n.contains("ESTIMATE"));
    }

    /** The cell's note saying a cache served later epochs instead of the store, if any. */
    public Optional<String> cached() {
        return cell.notes().stream().filter(n -> n.startsWith("served by a cache")).findFirst();
    }

    private String deviceName() {
        String d = cell.key().device();
        int colon = d.indexOf(':');
        return colon < 0 ? d : d.substring(colon + 1);
    }

    public String relativeText() {
        return Double.isFinite(relativeToFastest) ? NumberFormats.percent(relativeToFastest) : "-";
    }

    public String utilizationText() {
        return cell.ok() ? NumberFormats.percent(cell.acceleratorUtilization()) : "-";
    }

    public String p99Text() {
        return cell.ok() && cell.latency() != null ? NumberFormats.millis(cell.latency().p99Ms()) : "-";
    }

    public double p99Ms() {
        return cell.ok() && cell.latency() != null ? cell.latency().p99Ms() : Double.NaN;
    }

    public String accuracyText() {
        return cell.ok() ? NumberFormats.accuracy(cell.testAccuracy()) : "-";
    }

    /** The badge's tooltip: its meaning, the repeat check and each fault, one per line. */
    public String verdictExplanation() {
        return String.join("\n", Verdict.explain(cell));
    }
}
