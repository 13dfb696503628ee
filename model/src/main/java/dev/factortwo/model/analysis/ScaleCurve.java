package dev.factortwo.model.analysis;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Summary;
import dev.factortwo.model.stats.Statistics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How many emulated accelerators one configuration keeps busy: the scale cells of a sweep ({@code run --accelerators
 * 1,2,4,...}, {@link CellKey#accelerators()}) that differ only in the number of accelerators, with their accelerator
 * utilization (AU) by number, the largest number kept at or above {@value #TARGET_UTILIZATION} (MLPerf Storage's rule)
 * and what bounded it. Immutable; the factory is stateless and thread-safe.
 *
 * <p>AU is each repetition's {@code computeSeconds / wallSeconds} (compute per accelerator over the timed region), with
 * the 95% interval of its mean ({@link Statistics#summarize}, its upper bound capped at 1). A number of accelerators <em>held</em> when the interval's
 * lower bound is at or above the target, <em>fell</em> when its upper bound is below it, and is <em>unclear</em>
 * otherwise, or with fewer than 2 repetitions (no interval). The sweep is read from the smallest number up and stops at
 * the first that did not hold, so {@link #largest()} is the largest number below which every swept number held.
 *
 * <p>At that first number, the bound is the CPU when the measuring process spent at least {@value #CPU_BOUND_SHARE} of the
 * machine's cores ({@link Repetition#cpuSeconds()} per wall second against {@code cores}); else the tier when the workers'
 * input time (reading and decoding) is the larger part of the time they did not compute; else Spark (scheduling, rounds).
 *
 * <pre>{@code
 * for (ScaleCurve c : ScaleCurve.of(results.cells(), results.environment().cores())) System.out.println(c.label() + ": " + c.words());
 * }</pre>
 *
 * @param key     the configuration: a scale cell's key with {@code accelerators} 0
 * @param points  one per number of accelerators swept, smallest first
 * @param verdict how the sweep ended
 * @param largest the largest number of accelerators kept at or above the target (0: not even the smallest)
 * @param stop    the point where the sweep stopped holding: the first that fell or was unclear; null when every one held
 * @param bound   what bounded the sweep at {@code stop}; {@link Bound#NONE} when every number held, or when {@code stop} is
 *                unclear with a mean at or above the target
 * @param cores   the cores of the machine that measured it (from the results' environment)
 */
public record ScaleCurve(CellKey key, List<Point> points, Verdict verdict, int largest, Point stop, Bound bound, int cores) {

    /** MLPerf Storage's threshold: the accelerators' utilization must stay at or above 90%. */
    public static final double TARGET_UTILIZATION = 0.90;

    /** Share of the machine's cores the measuring process must use for the CPU to count as what ran out. */
    public static final double CPU_BOUND_SHARE = 0.85;

    /** Confidence of the utilization intervals. */
    public static final double CONFIDENCE = 0.95;

    public ScaleCurve {
        points = List.copyOf(points);
    }

    /** How one number of accelerators did against {@link #TARGET_UTILIZATION}. */
    public enum Judgement {
        /** The interval's lower bound is at or above the target. */
        HELD,
        /** The interval's upper bound is below the target. */
        FELL,
        /** The interval straddles the target, or there was one repetition (no interval). */
        UNCLEAR
    }

    /** How the sweep ended. */
    public enum Verdict {
        /** Every swept number held: the limit lies beyond the sweep ("at least N"). */
        AT_LEAST,
        /** The numbers held up to {@link #largest()} and the next one fell below the target. */
        FOUND,
        /** A number's interval straddles the target before any fell: more repetitions would decide. */
        INCONCLUSIVE
    }

    /** What ran out first at the sweep's {@link #stop()}. */
    public enum Bound {
        /** Nothing: every swept number held, or the first that did not has a mean at the target and too wide an interval. */
        NONE,
        /** The measuring process used nearly all of the machine's cores ({@link #CPU_BOUND_SHARE}). */
        CPU,
        /** The workers waited mostly on input: reading and decoding the data from the tier. */
        TIER,
        /** Neither: the time lost was mostly outside the workers' input and compute (Spark's scheduling, rounds). */
        SPARK
    }

    /**
     * One number of accelerators.
     *
     * @param cell          the scale cell
     * @param accelerators  how many ran at once
     * @param utilization   AU per repetition, with mean and interval
     * @param cpuCores      mean CPU seconds of the measuring process per wall second (cores busy); NaN where unknown
     * @param inputShare    mean input time per accelerator over wall time
     * @param judgement     against {@link #TARGET_UTILIZATION}
     */
    public record Point(CellResult cell, int accelerators, Summary utilization, double cpuCores, double inputShare, Judgement judgement) {

        /** Wall time per accelerator spent neither computing nor reading input, as a share of the wall time. */
        public double otherShare() {
            return Math.max(0, 1 - utilization.mean() - inputShare);
        }

        /** {@code 0.93 [0.91, 0.95]}, or {@code 0.93 (1 repetition)}. */
        public String utilizationText() {
            if (utilization.values().size() < 2) return String.format(Locale.ROOT, "%.2f (1 repetition)", utilization.mean());
            return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", utilization.mean(), utilization.ciLow(), utilization.ciHigh());
        }
    }

    /**
     * The curves of the successful scale cells among {@code cells}, one per configuration, in order of first appearance.
     *
     * @param cores the cores of the machine that measured them ({@code Environment.cores()})
     */
    public static List<ScaleCurve> of(List<CellResult> cells, int cores) {
        Map<CellKey, List<Point>> byConfig = new LinkedHashMap<>();
        for (CellResult c : cells) {
            if (!c.ok() || !c.key().scale() || c.repetitions().isEmpty()) continue;
            byConfig.computeIfAbsent(c.key().withAccelerators(0), k -> new ArrayList<>()).add(point(c));
        }
        List<ScaleCurve> out = new ArrayList<>();
        byConfig.forEach((k, ps) -> out.add(curve(k, ps, cores)));
        return List.copyOf(out);
    }

    static Point point(CellResult c) {
        List<Repetition> reps = c.repetitions();
        double[] au = reps.stream().mapToDouble(r -> r.computeSeconds() / r.wallSeconds()).toArray();
        Summary raw = Statistics.standard().summarize(au, CONFIDENCE);
        // no accelerator computes longer than the wall time: the interval of a few wide repetitions stops at 1
        Summary s = new Summary(raw.values(), raw.mean(), raw.ciLow(), Math.min(raw.ciHigh(), 1.0), raw.confidence(), raw.cv());
        double cpu = reps.stream().mapToDouble(r -> r.cpuSeconds() / r.wallSeconds()).average().orElse(Double.NaN);
        double input = reps.stream().mapToDouble(r -> r.inputSeconds() / r.wallSeconds()).average().orElse(Double.NaN);
        Judgement j = au.length < 2 ? Judgement.UNCLEAR
                : s.ciLow() >= TARGET_UTILIZATION ? Judgement.HELD
                : s.ciHigh() < TARGET_UTILIZATION ? Judgement.FELL : Judgement.UNCLEAR;
        return new Point(c, c.key().accelerators(), s, cpu, input, j);
    }

    static ScaleCurve curve(CellKey key, List<Point> points, int cores) {
        List<Point> sorted = points.stream().sorted(Comparator.comparingInt(Point::accelerators)).toList();
        int largest = 0;
        for (Point p : sorted) {
            if (p.judgement() == Judgement.HELD) {
                largest = p.accelerators();
                continue;
            }
            Verdict v = p.judgement() == Judgement.FELL ? Verdict.FOUND : Verdict.INCONCLUSIVE;
            // an unclear number whose mean is at the target fell short of nothing: only its interval is too wide
            Bound b = p.utilization().mean() < TARGET_UTILIZATION ? bound(p, cores) : Bound.NONE;
            return new ScaleCurve(key, sorted, v, largest, p, b, cores);
        }
        return new ScaleCurve(key, sorted, Verdict.AT_LEAST, largest, null, Bound.NONE, cores);
    }

    /** What bounded {@code p}: the CPU when the process used nearly every core, else the larger of input and the rest. */
    static Bound bound(Point p, int cores) {
        if (Double.isFinite(p.cpuCores()) && cores > 0 && p.cpuCores() >= CPU_BOUND_SHARE * cores) return Bound.CPU;
        return p.inputShare() >= p.otherShare() ? Bound.TIER : Bound.SPARK;
    }

    /** {@code train-mlp · memory · spark · model-averaging · emulate:h100}. */
    public String label() {
        return key.workloadLabel() + " · " + key.withinWorkload();
    }

    /** The emulated device's name without its prefix: {@code h100}. */
    public String deviceName() {
        String d = key.device();
        return d.startsWith(CellKey.EMULATED_DEVICE_PREFIX) ? d.substring(CellKey.EMULATED_DEVICE_PREFIX.length()) : d;
    }

    /** The numbers of accelerators swept, smallest first. */
    public List<Integer> sweep() {
        return points.stream().map(Point::accelerators).toList();
    }

    /** The largest number of accelerators in words that follow the interval: {@code at least 16}, {@code 4}, {@code inconclusive}. */
    public String largestText() {
        return switch (verdict) {
            case AT_LEAST -> "at least " + largest;
            case FOUND -> String.valueOf(largest);
            case INCONCLUSIVE -> largest > 0 ? "at least " + largest + ", inconclusive at " + stop.accelerators() : "inconclusive";
        };
    }

    /** The verdict in a sentence, with the figures it rests on. */
    public String words() {
        String target = String.format(Locale.ROOT, "%.0f%%", TARGET_UTILIZATION * 100);
        String device = "emulated " + deviceName();
        return switch (verdict) {
            case AT_LEAST -> "every number swept (" + listed(sweep()) + ") kept " + device + " at or above " + target
                    + " utilization (lower bound of the 95% interval): at least " + largest + "; sweep further to find the limit";
            case FOUND -> (largest > 0 ? largest + " " + device + " kept at or above " + target + "; " : "not even "
                    + stop.accelerators() + " " + device + " kept at " + target + ": ") + stop.accelerators() + " fell below (AU "
                    + stop.utilizationText() + "), bounded by " + boundWords();
            case INCONCLUSIVE -> (largest > 0 ? "at least " + largest + " " + device + " kept at or above " + target + "; " : "")
                    + stop.accelerators() + " is inconclusive (AU " + stop.utilizationText() + (stop.utilization().values().size() < 2
                    ? ": one repetition gives no interval; measure with --repetitions 2 or more)"
                    : ": the interval straddles " + target + "; more repetitions would decide)")
                    + (bound == Bound.NONE ? "" : "; what fell short there: " + boundWords());
        };
    }

    /** {@code 4}, {@code 4 and 8}, {@code 4, 8 and 16}. */
    static String listed(List<Integer> numbers) {
        if (numbers.size() < 2) return numbers.isEmpty() ? "" : String.valueOf(numbers.get(0));
        List<String> s = numbers.stream().map(String::valueOf).toList();
        return String.join(", ", s.subList(0, s.size() - 1)) + " and " + s.get(s.size() - 1);
    }

    /** What bounded the sweep, in words with its figures; empty when nothing did. */
    public String boundWords() {
        if (stop == null) return "";
        String cpu = Double.isFinite(stop.cpuCores())
                ? String.format(Locale.ROOT, "%.1f of %d cores busy", stop.cpuCores(), cores)
                : "CPU time unknown (tasks in other JVMs)";
        String input = String.format(Locale.ROOT, "input %.0f%% of the wall time", stop.inputShare() * 100);
        return switch (bound) {
            case NONE -> "";
            case CPU -> "the CPU (" + cpu + "): this machine's " + cores + " cores ran out before the tier did, so the figure"
                    + " measures the machine, not the tier";
            case TIER -> "the tier (" + input + ", " + cpu + ")";
            case SPARK -> String.format(Locale.ROOT, "Spark's scheduling and rounds (%.0f%% of the wall time outside input and compute; %s, %s)",
                    stop.otherShare() * 100, input, cpu) + shortRounds(stop.cell());
        };
    }

    /** Rounds shorter than this are mostly Spark's fixed cost per round (about 50 ms here): the tier is not what they ask. */
    static final double SHORT_ROUND_SECONDS = 1.0;

    /**
     * Where {@code cell}'s rounds were short (its steady rounds; a one-round repetition's only round): what they lasted,
     * and that more samples per worker would ask the tier instead; empty otherwise or when unknown.
     */
    static String shortRounds(CellResult cell) {
        double lasted = roundSeconds(cell, CellAttribute.STEADY_ROUND_SECONDS);
        if (Double.isNaN(lasted)) lasted = roundSeconds(cell, CellAttribute.FIRST_ROUND_SECONDS);
        if (Double.isNaN(lasted) || lasted >= SHORT_ROUND_SECONDS) return "";
        return String.format(Locale.ROOT, "; its rounds lasted %.2f s, mostly Spark's fixed cost per round: more samples per worker"
                + " (--synthetic-samples, --train-samples) would ask the tier instead", lasted);
    }

    /** The mean of {@code cell}'s recorded round times under {@code attribute}, those known only; NaN when none is. */
    private static double roundSeconds(CellResult cell, CellAttribute attribute) {
        return java.util.Arrays.stream(cell.numbers(attribute.key()).orElse(new double[0])).filter(r -> Double.isFinite(r) && r > 0)
                .average().orElse(Double.NaN);
    }

    /**
     * What the sweep says about the machine: {@code measured on 2 cores; 4, 8 and 16 workers outnumbered them, which an
     * emulated accelerator allows (its compute is a wait that leaves the cores idle)}.
     */
    public String machineWords() {
        return machineWords(cores, sweep());
    }

    /** {@link #machineWords()} for a machine of {@code cores} cores and the numbers of accelerators {@code sweep}. */
    public static String machineWords(int cores, List<Integer> sweep) {
        List<Integer> over = sweep.stream().filter(n -> n > cores).toList();
        String base = "measured on a machine with " + cores + (cores == 1 ? " core" : " cores");
        if (over.isEmpty()) return base;
        return base + "; " + listed(over) + " workers outnumbered its cores, which an emulated accelerator allows: its compute is a wait"
                + " that leaves the cores idle, so only input and Spark compete for them";
    }
}
