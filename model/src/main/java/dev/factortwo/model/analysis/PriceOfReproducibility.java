package dev.factortwo.model.analysis;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.stats.BestOfBootstrap;
import dev.factortwo.model.Interval;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What reproducibility costs for one workload on one machine, with a confidence interval and a
 * verdict in plain words against Léon Bottou's rule of thumb that reproducibility is worth about a factor
 * of two in speed. For training cells that recorded their time to the accuracy target per repetition
 * ({@link CellAttribute#TIME_TO_TARGET_BY_REPETITION}), the headline is what users wait for: the time to the target of the fastest
 * recomputable configuration ({@link Reproducibility#recomputable()}: bit-identical repeats and every applicable fault
 * hit, with evidence, and recomputed identically; repeatable alone never counts) over that of the fastest
 * configuration; a configuration that did not reach the target in every repetition is "not reached" and
 * never the fastest. Otherwise (inference, older results) it is the throughput of the fastest
 * configuration over that of the fastest recomputable one. The throughput price is always given as well
 * ({@link #throughput}), secondary for training.
 *
 * <p>The interval covers both the noise of the two configurations compared and the choice of which configurations
 * those are. The pair's interval is paired by pass when both were measured in one interleaved series (the geometric
 * mean of the per-pass ratios, {@link Pairing#ratio}), else Fieller's interval for their ratio of means. It is widened
 * to a percentile bootstrap that re-chooses the fastest and the fastest recomputable configuration in every resample
 * ({@link BestOfBootstrap}; drawing whole passes when all the workload's configurations share one series). So when the fastest
 * configuration happens to be recomputable the price is 1.00x with an interval above 1 as wide as the runner-up's
 * chance of being fastest, and two runs of one commit do not contradict each other's words.
 *
 * <p>The words follow the interval: "free" only when its upper bound is below {@value #FREE_BOUND}
 * (also when the fastest configuration is itself recomputable), "less than Bottou's factor of two" only when its
 * upper bound is below 2, "more than" only when its lower bound is above 2, otherwise "inconclusive",
 * with the repetitions that would narrow the interval enough to settle it at the same estimate and noise.
 *
 * <p>When the fastest recomputable configuration is not significantly slower than the fastest one on the
 * measure priced ({@link Fastest#ties}, the rule the report's "fastest" column uses), the sentence says it ties
 * for fastest ({@link #tied}); the kind and the words still follow the interval, so a tie is "free" only when
 * the whole interval is below {@value #FREE_BOUND}.
 *
 * <p>A price of 1.0 means the fastest configuration is itself recomputable: reproducibility is free.
 * A price of 1.5 means waiting half as long again (or giving up a third of the throughput) for a result
 * that can be recomputed.
 *
 * <pre>{@code
 * for (PriceOfReproducibility p : PriceOfReproducibility.perWorkload(results.cells())) {
 *     System.out.println(p.workload() + ": " + p.sentence());
 *     // train-cnn: reproducibility costs 1.31x [1.22, 1.41] here: less than Bottou's factor of two
 * }
 * }</pre>
 *
 * Immutable and thread-safe.
 *
 * @param workload             the workload, e.g. {@code train-cnn}
 * @param kind                 which case applies (priced, free, none reproducible, not checked, no results)
 * @param fastest              the fastest successful cell, or null when no cell succeeded
 * @param fastestReproducible  the fastest reproducible cell, or null when there is none
 * @param price                the headline price with its confidence interval (time to the target,
 *                             or samples per second; see {@code measure}), or null when unknown
 * @param cells                successful cells of this workload that were compared
 * @param checked              how many of them had a reproducibility check (verdict other than not-checked)
 * @param sentence             the verdict in plain words, e.g. "reproducibility costs 1.31x [1.22, 1.41]
 *                             here: less than Bottou's factor of two"
 * @param measure              what the headline price compares: time to the accuracy target or samples per second
 * @param throughput           fastest over fastest recomputable mean samples per second, or null when unknown
 * @param tied                 true when the fastest recomputable configuration is another one than the fastest but not
 *                             significantly slower than it on {@code measure} ({@link Fastest#ties}): it ties for fastest
 */
public record PriceOfReproducibility(String workload, Kind kind, CellResult fastest,
                                     CellResult fastestReproducible, Interval price, int cells,
                                     int checked, String sentence, Measure measure, Interval throughput, boolean tied) {

    /** What a price compares. */
    public enum Measure {
        /** Seconds until held-out accuracy first reaches the target, per repetition. */
        TIME_TO_TARGET("time to accuracy target", " in time to the accuracy target"),
        /** Samples per second of wall time, per repetition. */
        THROUGHPUT("samples/s", " in samples/s");

        private final String label;
        private final String in;

        Measure(String label, String in) {
            this.label = label;
            this.in = in;
        }

        /** Its name in a heading, e.g. {@code samples/s}. */
        public String label() {
            return label;
        }
    }

    /** Below this upper bound a price is called free: within 10% of no cost at all. */
    public static final double FREE_BOUND = 1.10;

    /** Bottou's factor of two: the speed a reproducible result is said to be worth. */
    public static final double BOTTOU_FACTOR = 2.0;

    /** Confidence level of the interval on the price. */
    public static final double CONFIDENCE = 0.95;

    /** The cases a workload's price falls into. */
    public enum Kind {
        /**
         * The fastest configuration is not reproducible; a slower one is, or one that ties with it ({@link #tied}):
         * the price is the ratio of the two.
         */
        PRICED,
        /** The fastest configuration is itself recomputable: the price is exactly 1. */
        FREE,
        /** Some configurations were tested against faults, none recomputed identically: recomputation cannot be had here. */
        NONE_REPRODUCIBLE,
        /**
         * Repeats were checked, but no fault was injected into any configuration: none is known to be recomputable
         * (repeatable is not recomputable), so the price is not given.
         */
        NOT_FAULT_TESTED,
        /** No configuration had a reproducibility check: the price is unknown. */
        NOT_CHECKED,
        /** No configuration of the workload succeeded. */
        NO_RESULTS,
        /** Priced on time to the target, but no recomputable configuration reached the target. */
        NOT_REACHED
    }

    /** True when the price is known (a reproducible configuration exists). */
    public boolean known() {
        return price != null;
    }

    /**
     * The price for each workload in {@code cells}, in order of first appearance. Failed cells and
     * cells without throughput are ignored for speed, but a workload whose cells all failed still gets
     * an entry of kind {@link Kind#NO_RESULTS}.
     */
    public static List<PriceOfReproducibility> perWorkload(Collection<CellResult> cells) {
        Map<String, List<CellResult>> byWorkload = new LinkedHashMap<>();
        for (CellResult c : cells) byWorkload.computeIfAbsent(c.key().workload(), w -> new ArrayList<>()).add(c);
        List<PriceOfReproducibility> out = new ArrayList<>(byWorkload.size());
        byWorkload.forEach((w, cs) -> out.add(of(w, cs)));
        return List.copyOf(out);
    }

    /** The price for {@code workload}, computed over those of {@code cells} that belong to it. */
    public static PriceOfReproducibility of(String workload, Collection<CellResult> cells) {
        List<CellResult> measured = cells.stream()
                .filter(c -> c.key().workload().equals(workload))
                .filter(Fastest::measured)
                .toList();
        if (measured.isEmpty()) {
            return new PriceOfReproducibility(workload, Kind.NO_RESULTS, null, null, null, 0, 0,
                    "no configuration of " + workload + " succeeded, so the price of reproducibility is unknown", Measure.THROUGHPUT, null, false);
        }
        Comparator<CellResult> bySpeed = Fastest.BY_SAMPLES_PER_SECOND;
        int n = measured.size();
        int checked = (int) measured.stream().filter(PriceOfReproducibility::wasChecked).count();
        CellResult fastestBySpeed = measured.stream().min(bySpeed).orElseThrow();
        Optional<CellResult> reproBySpeed = measured.stream().filter(PriceOfReproducibility::recomputable).min(bySpeed);
        if (reproBySpeed.isEmpty()) {
            if (checked == 0) {
                return new PriceOfReproducibility(workload, Kind.NOT_CHECKED, fastestBySpeed, null, null, n, 0,
                        "no configuration was checked for reproducibility, so its price is unknown", Measure.THROUGHPUT, null, false);
            }
            if (measured.stream().noneMatch(c -> c.reproducibility() != null && c.reproducibility().faultTested())) {
                long repeatable = measured.stream().filter(c -> c.reproducibility() != null && c.reproducibility().repeatable()).count();
                return new PriceOfReproducibility(workload, Kind.NOT_FAULT_TESTED, fastestBySpeed, null, null, n, checked,
                        repeatable + " of " + n + " configurations are repeatable (bit-identical repeats), but no fault was injected,"
                                + " so none is known to be recomputable: add --faults to price recomputation", Measure.THROUGHPUT, null, false);
            }
            String unchecked = checked < n ? " (" + (n - checked) + " of " + n + " not checked)" : "";
            return new PriceOfReproducibility(workload, Kind.NONE_REPRODUCIBLE, fastestBySpeed, null, null, n, checked,
                    "no configuration gave a result that can be recomputed" + unchecked
                            + ": reproducibility is not available here at any speed", Measure.THROUGHPUT, null, false);
        }
        Interval throughput = coveringTheChoice(reproBySpeed.get() == fastestBySpeed ? new Interval(1.0, 1.0, 1.0, CONFIDENCE)
                        : Pairing.ratio(fastestBySpeed, fastestBySpeed.samplesPerSecond().toArray(),
                                reproBySpeed.get(), reproBySpeed.get().samplesPerSecond().toArray(), CONFIDENCE),
                measured, c -> c.samplesPerSecond().toArray(), true);
        boolean timed = measured.stream().anyMatch(c -> c.attributes().containsKey(CellAttribute.TIME_TO_TARGET_BY_REPETITION.key()));
        if (!timed) {
            return priced(workload, fastestBySpeed, reproBySpeed.get(), throughput, n, checked, Measure.THROUGHPUT, throughput, "");
        }
        Comparator<CellResult> byTime = Comparator.comparingDouble((CellResult c) -> mean(times(c))).thenComparing(CellResult::id);
        List<CellResult> reached = measured.stream().filter(c -> times(c).length > 0).toList();
        String bySpeedWords = "; by samples/s " + format(throughput);
        long notReached = n - reached.size();
        String missed = notReached == 0 ? "" : " (" + notReached + " of " + n + " configurations did not reach it: not reached)";
        if (reached.isEmpty()) {
            return new PriceOfReproducibility(workload, Kind.NOT_REACHED, fastestBySpeed, null, null, n, checked,
                    "no configuration reached the accuracy target, so the price in time to it is not reached" + bySpeedWords,
                    Measure.TIME_TO_TARGET, throughput, false);
        }
        CellResult fastest = reached.stream().min(byTime).orElseThrow();
        Optional<CellResult> repro = reached.stream().filter(PriceOfReproducibility::recomputable).min(byTime);
        if (repro.isEmpty()) {
            return new PriceOfReproducibility(workload, Kind.NOT_REACHED, fastest, null, null, n, checked,
                    "no recomputable configuration reached the accuracy target: the price in time to it is not reached"
                            + missed + bySpeedWords, Measure.TIME_TO_TARGET, throughput, false);
        }
        Interval price = coveringTheChoice(repro.get() == fastest ? new Interval(1.0, 1.0, 1.0, CONFIDENCE)
                : Pairing.ratio(repro.get(), times(repro.get()), fastest, times(fastest), CONFIDENCE), reached, PriceOfReproducibility::times, false);
        return priced(workload, fastest, repro.get(), price, n, checked, Measure.TIME_TO_TARGET, throughput, missed + bySpeedWords);
    }

    private static PriceOfReproducibility priced(String workload, CellResult fastest, CellResult repro, Interval price, int n,
                                                 int checked, Measure measure, Interval throughput, String more) {
        String in = measure.in;
        int reps = Math.min(repetitions(fastest, measure), repetitions(repro, measure));
        if (repro == fastest) {
            String by = in.replace(" in ", " by ");
            String sentence = price.high() < FREE_BOUND
                    ? "reproducibility is free here: the fastest configuration" + by + " is itself recomputable (" + format(price) + ")"
                    : "the fastest configuration" + by + " is recomputable in this run, but which configuration is fastest is"
                            + " within noise: reproducibility costs " + format(price) + in + " here: " + againstBottou(price, reps);
            return new PriceOfReproducibility(workload, Kind.FREE, fastest, repro, price, n, checked, sentence + more, measure,
                    throughput, false);
        }
        boolean tied = measure == Measure.TIME_TO_TARGET
                ? Fastest.ties(repro, times(repro), fastest, times(fastest), Fastest.Better.LOWER)
                : Fastest.ties(repro, repro.samplesPerSecond().toArray(), fastest, fastest.samplesPerSecond().toArray(), Fastest.Better.HIGHER);
        String tie = tied ? "the fastest recomputable configuration (" + repro.key().withinWorkload() + ") ties for fastest with "
                + fastest.key().withinWorkload() + " (not significantly slower" + in + ", one-sided " + (Pairing.paired(repro, fastest)
                ? "t-test paired by pass" : "Welch t-test") + " at "
                + String.format(Locale.ROOT, "%.0f%%", Fastest.TIE_ALPHA * 100) + "): " : "";
        // words follow the interval: one that reaches 1.00x does not show that reproducibility costs anything
        String cost = "reproducibility costs " + format(price) + in + " here"
                + (price.bounded() && price.low() <= 1.0 ? ", not shown to cost anything (the interval reaches 1.00x)" : "") + ": ";
        return new PriceOfReproducibility(workload, Kind.PRICED, fastest, repro, price, n, checked,
                tie + cost + againstBottou(price, reps) + more, measure, throughput, tied);
    }

    /**
     * {@code pair} (the two chosen cells' ratio and its interval) widened to cover the choice itself: a percentile
     * bootstrap of the best of {@code cells} over the best of their recomputable ones, re-choosing both in every
     * resample ({@link BestOfBootstrap}). The estimate stays the pair's.
     */
    private static Interval coveringTheChoice(Interval pair, List<CellResult> cells, java.util.function.Function<CellResult, double[]> values,
                                              boolean higherIsBetter) {
        List<double[]> all = new ArrayList<>();
        List<double[]> repro = new ArrayList<>();
        List<CellResult> used = new ArrayList<>();
        for (CellResult c : cells) {
            double[] v = values.apply(c);
            if (v.length == 0) continue;
            all.add(v);
            used.add(c);
            if (recomputable(c)) repro.add(v);
        }
        if (repro.isEmpty()) return pair;
        Interval choice = BestOfBootstrap.ratio(all, repro, higherIsBetter, CONFIDENCE, Pairing.paired(used));
        if (!pair.bounded()) return pair;
        return new Interval(pair.estimate(), Math.min(pair.low(), choice.low()), Math.max(pair.high(), choice.high()), CONFIDENCE);
    }

    /** Seconds to the target of each repetition, or empty when some repetition did not reach it (or none recorded). */
    static double[] times(CellResult c) {
        return c.numbers(CellAttribute.TIME_TO_TARGET_BY_REPETITION.key()).orElse(new double[0]); // "not reached" is not a number
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static int repetitions(CellResult c, Measure measure) {
        return measure == Measure.TIME_TO_TARGET ? times(c).length : c.samplesPerSecond().values().size();
    }

    /** Recomputable, derived from the verdict and the fault outcomes ({@link Reproducibility#recomputable()}). */
    private static boolean recomputable(CellResult c) {
        return c.reproducibility() != null && c.reproducibility().recomputable();
    }

    /** {@code 1.31x [1.22, 1.41]}, or {@code 1.31x [unbounded]} when the data do not bound it. */
    public static String format(Interval price) {
        if (price.low() == price.high()) return String.format(Locale.ROOT, "%.2fx", price.estimate());
        if (!price.bounded()) return String.format(Locale.ROOT, "%.2fx [unbounded]", price.estimate());
        return String.format(Locale.ROOT, "%.2fx [%.2f, %.2f]", price.estimate(), price.low(), price.high());
    }

    /** How {@code price} compares with Bottou's factor of two, in words that follow its interval. */
    static String againstBottou(Interval price) {
        return againstBottou(price, 0);
    }

    /**
     * How {@code price} compares with Bottou's factor of two, in words that follow its interval; when it is
     * inconclusive, how many repetitions (of the {@code repetitions} measured) would settle it.
     */
    static String againstBottou(Interval price, int repetitions) {
        if (!price.bounded()) {
            return "inconclusive: the interval is unbounded, too few or too noisy repetitions to compare with Bottou's factor of two";
        }
        if (price.high() < FREE_BOUND) return "free (the whole interval is below " + String.format(Locale.ROOT, "%.2f", FREE_BOUND) + "x)";
        if (price.high() < BOTTOU_FACTOR) return "less than Bottou's factor of two";
        if (price.low() > BOTTOU_FACTOR) return "more than Bottou's factor of two";
        return "inconclusive: the interval includes Bottou's factor of two" + settle(price, repetitions);
    }

    /**
     * {@code , about N repetitions would settle it}: the interval's half-width shrinks as one over the square root of
     * the repetitions, so at the same estimate and noise it excludes 2 after {@code n * (halfWidth / |estimate - 2|)^2}.
     */
    static String settle(Interval price, int repetitions) {
        double distance = Math.abs(price.estimate() - BOTTOU_FACTOR);
        double half = price.estimate() < BOTTOU_FACTOR ? price.high() - price.estimate() : price.estimate() - price.low();
        if (repetitions < 2 || distance < 1e-9 || !(half > 0)) {
            return " (at this estimate no number of repetitions would settle it)";
        }
        long needed = (long) Math.ceil(repetitions * (half / distance) * (half / distance));
        return String.format(Locale.ROOT, " (about %d repetitions, not %d, would settle it)", Math.max(needed, repetitions + 1L), repetitions);
    }

    private static boolean wasChecked(CellResult c) {
        Reproducibility r = c.reproducibility();
        return r != null && (r.verdict() != Reproducibility.Verdict.NOT_CHECKED || !r.faults().isEmpty());
    }
}
