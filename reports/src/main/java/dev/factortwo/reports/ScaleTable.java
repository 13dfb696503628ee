package dev.factortwo.reports;

import dev.factortwo.model.analysis.ScaleCurve;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The report's "how many accelerators each tier feeds": one row per {@link ScaleCurve} of a run's scale cells
 * ({@code run --accelerators}), with the accelerator utilization at every number swept, the largest number kept at or
 * above 90% and what bounded it. The words the HTML and the Markdown print are here, so they say the same. Immutable.
 *
 * @param curves  one per configuration swept, in plan order
 * @param sweep   every number of accelerators any curve swept, smallest first: the table's columns
 * @param cores   the cores of the machine that measured the run; 0 when the results do not say
 */
public record ScaleTable(List<ScaleCurve> curves, List<Integer> sweep, int cores) {

    public ScaleTable {
        curves = List.copyOf(curves);
        sweep = List.copyOf(sweep);
    }

    /** The table of {@code run}; no rows when it has no scale cells. */
    public static ScaleTable of(RunSummary run) {
        int cores = run.results().environment() != null ? run.results().environment().cores() : 0;
        List<ScaleCurve> curves = ScaleCurve.of(run.results().cells(), cores);
        TreeSet<Integer> sweep = new TreeSet<>();
        curves.forEach(c -> sweep.addAll(c.sweep()));
        return new ScaleTable(curves, new ArrayList<>(sweep), cores);
    }

    /** Column headers: the configuration, AU at each number swept, the largest number held, the bound. */
    public List<String> headers() {
        List<String> h = new ArrayList<>();
        h.add("configuration");
        for (int n : sweep) h.add("AU at " + n);
        h.add(String.format(Locale.ROOT, "largest N at ≥ %.0f%%", ScaleCurve.TARGET_UTILIZATION * 100));
        h.add("bounded by");
        return h;
    }

    /** The texts of {@code curve} under {@link #headers()}, raw (each format escapes them). */
    public List<String> texts(ScaleCurve curve) {
        List<String> t = new ArrayList<>();
        t.add(curve.label());
        for (int n : sweep) {
            t.add(curve.points().stream().filter(p -> p.accelerators() == n).findFirst()
                    .map(p -> p.utilizationText() + mark(p.judgement())).orElse("-"));
        }
        t.add(curve.largestText());
        t.add(boundWord(curve.bound()));
        return t;
    }

    /** One sentence per curve: its verdict with the figures it rests on. */
    public List<String> sentences() {
        return curves.stream().map(c -> c.label() + ": " + c.words() + ".").toList();
    }

    /** What the machine was, and whether workers outnumbered its cores; empty when the results do not say. */
    public String machineText() {
        if (cores <= 0) return "";
        return curves.isEmpty() ? "" : capitalized(ScaleCurve.machineWords(cores, sweep)) + ".";
    }

    /** What the columns are. */
    public static String explanation() {
        return String.format(Locale.ROOT, "MLPerf Storage's question: how many emulated accelerators does each tier keep busy? Each cell ran N workers "
                + "at once (N partitions, N Spark tasks), each reading and decoding its data from the tier and waiting out the device's "
                + "compute per batch. AU is compute time over wall time per accelerator, mean and 95%% interval over repetitions. "
                + "An N holds (✓) when the interval's lower bound is at or above %.0f%%, falls (✗) when its upper bound is below, "
                + "and is unclear (?) otherwise or with one repetition. The largest N is the largest below which every N held; "
                + "what bounded it is read at the first N that did not hold: the CPU when the process kept at least %.0f%% of the "
                + "machine's cores busy, else the tier when input (reading and decoding) took more of the lost time than the rest, "
                + "else Spark (scheduling, rounds).", ScaleCurve.TARGET_UTILIZATION * 100, ScaleCurve.CPU_BOUND_SHARE * 100);
    }

    static String mark(ScaleCurve.Judgement j) {
        return switch (j) {
            case HELD -> " ✓";
            case FELL -> " ✗";
            case UNCLEAR -> " ?";
        };
    }

    static String boundWord(ScaleCurve.Bound b) {
        return switch (b) {
            case NONE -> "- (not reached)";
            case CPU -> "CPU";
            case TIER -> "tier";
            case SPARK -> "Spark";
        };
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
