package dev.factortwo.benchmarks;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.model.json.ResultsFormatException;
import dev.factortwo.model.Interval;
import dev.factortwo.model.stats.Statistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The harness's overhead against the bare reference measured in the same run, read from a {@code results.json}
 * alone (the overhead suite, {@code benchmarks/suites/overhead.json}): for each workload and dataset with a bare
 * cell, every training cell's end-to-end and steady-state throughput, and its ratio to the bare loop with a 95%
 * interval paired by repetition: repetition i of every cell ran in pass i of the run's interleaved order, back to
 * back with the bare loop's, so what a pass shared (a neighbour, steal from the hypervisor) cancels in its ratio;
 * the geometric mean of the per-pass ratios with its t interval ({@link Statistics#pairedRatio}). The
 * {@code single} strategy is held to {@link #STEADY_TARGET} and {@link #END_TO_END_TARGET}; other strategies are
 * shown for information. A target is met only when the interval's lower bound reaches it, MISSED when its upper
 * bound is below it, inconclusive otherwise. Stateless.
 *
 * <pre>{@code
 * java -cp ... dev.factortwo.benchmarks.OverheadTargets runs/overhead/results.json
 * }</pre>
 */
public final class OverheadTargets {

    /** Steady-state throughput of {@code single} (rounds after the first) over the bare loop's. */
    public static final double STEADY_TARGET = 0.95;
    /** End-to-end throughput of {@code single} (the whole timed region) over the bare loop's. */
    public static final double END_TO_END_TARGET = 0.80;
    /** The strategy the targets apply to: the one that does what the bare loop does. */
    public static final String TARGET_STRATEGY = "single";
    /** Confidence of the intervals. */
    public static final double CONFIDENCE = 0.95;

    static final String MET = "met";
    static final String MISSED = "MISSED";
    static final String INCONCLUSIVE = "inconclusive";

    private OverheadTargets() {
    }

    /** The lines of every workload that has a bare reference, in the results' cell order. */
    static List<SelfbenchSummary.Line> lines(Results results) {
        Statistics stats = Statistics.standard();
        List<SelfbenchSummary.Line> out = new ArrayList<>();
        for (CellResult bare : results.cells()) {
            if (!bare.key().bare() || !bare.ok()) continue;
            String what = bare.key().workload() + "/" + bare.key().dataset();
            double[] bareEnd = endToEnd(bare);
            // the bare loop times its train steps alone: its end to end is its steady state
            double[] bareSteady = steady(bare).orElse(bareEnd);
            out.add(throughput(what + " bare", bareEnd, bareSteady));
            for (CellResult c : results.cells()) {
                if (c.key().bare() || !c.ok() || !sameWorkload(bare.key(), c.key())) continue;
                String name = what + " " + c.key().tier() + "/" + c.key().state() + "/" + c.key().strategy();
                double[] end = endToEnd(c);
                Optional<double[]> st = steady(c);
                out.add(throughput(name, end, st.orElse(null)));
                boolean targeted = TARGET_STRATEGY.equals(c.key().strategy());
                st.ifPresent(s -> out.add(ratio(name + " / bare steady", paired(stats, s, bareSteady),
                        targeted ? STEADY_TARGET : Double.NaN)));
                out.add(ratio(name + " / bare end to end", paired(stats, end, bareEnd),
                        targeted ? END_TO_END_TARGET : Double.NaN));
            }
        }
        return out;
    }

    /** {@code x / bare} paired by repetition (pass) over the repetitions both have; Fieller when fewer than 2. */
    static Interval paired(Statistics stats, double[] x, double[] bare) {
        int n = Math.min(x.length, bare.length);
        if (n < 2) return stats.ratio(x, bare, CONFIDENCE);
        return stats.pairedRatio(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(bare, n), CONFIDENCE);
    }

    /** met, MISSED or inconclusive for "at least {@code target}", by the interval. */
    static String verdict(Interval r, double target) {
        if (r.low() >= target) return MET;
        if (r.high() < target) return MISSED;
        return INCONCLUSIVE;
    }

    private static boolean sameWorkload(CellKey bare, CellKey c) {
        return bare.workload().equals(c.workload()) && bare.dataset().equals(c.dataset()) && bare.engine().equals(c.engine())
                && bare.device().equals(c.device());
    }

    private static double[] endToEnd(CellResult c) {
        return c.samplesPerSecond().values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Steady-state samples/s per repetition, or empty where the cell did not record them (one round, no rounds). */
    private static Optional<double[]> steady(CellResult c) {
        return c.numbers(CellAttribute.STEADY_SAMPLES_PER_SECOND.key()).filter(x -> Arrays.stream(x).allMatch(Double::isFinite));
    }

    private static SelfbenchSummary.Line throughput(String measure, double[] end, double[] steady) {
        String value = String.format(Locale.ROOT, "%,.0f/s end to end", mean(end))
                + (steady == null ? "" : String.format(Locale.ROOT, ", %,.0f/s steady", mean(steady)))
                + String.format(Locale.ROOT, ", %d reps", end.length);
        return new SelfbenchSummary.Line(measure, value, "", "");
    }

    private static SelfbenchSummary.Line ratio(String measure, Interval r, double target) {
        String value = String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", r.estimate(), r.low(), r.high());
        if (Double.isNaN(target)) return new SelfbenchSummary.Line(measure, value, "", "");
        return new SelfbenchSummary.Line(measure, value, String.format(Locale.ROOT, ">= %.2f", target), verdict(r, target));
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    /** {@code RESULTS.json}: prints the table; exit 1 when the file cannot be read or holds no bare reference. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: OverheadTargets RESULTS.json");
            System.exit(1);
        }
        try {
            List<SelfbenchSummary.Line> lines = lines(ResultsCodec.read(Path.of(args[0])));
            if (lines.isEmpty()) {
                System.err.println("overhead: " + args[0] + ": no bare reference cell (was the run made with --no-bare?)");
                System.exit(1);
            }
            System.out.print(SelfbenchSummary.format(lines));
        } catch (ResultsFormatException e) {
            System.err.println("overhead: " + e.getMessage());
            System.exit(1);
        }
    }
}
