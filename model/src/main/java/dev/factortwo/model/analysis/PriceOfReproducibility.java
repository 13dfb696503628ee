package dev.factortwo.model.analysis;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.stats.Interval;
import dev.factortwo.model.stats.Statistics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What reproducibility costs for one workload on one machine: the throughput of the fastest
 * configuration overall divided by the throughput of the fastest configuration whose result can be
 * recomputed ({@link Reproducibility#reproducible()}), with a Fieller confidence interval on that
 * ratio of mean samples per second, and a verdict in plain words against Léon Bottou's rule of thumb
 * that reproducibility is worth about a factor of two in speed.
 *
 * <p>A price of 1.0 means the fastest configuration is itself reproducible: reproducibility is free.
 * A price of 1.5 means giving up a third of the throughput to get a result that can be recomputed.
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
 * @param price                {@code fastest / fastestReproducible} mean samples per second with its
 *                             confidence interval, or null when there is no reproducible cell
 * @param cells                successful cells of this workload that were compared
 * @param checked              how many of them had a reproducibility check (verdict other than not-checked)
 * @param sentence             the verdict in plain words, e.g. "reproducibility costs 1.31x [1.22, 1.41]
 *                             here: less than Bottou's factor of two"
 */
public record PriceOfReproducibility(String workload, Kind kind, CellResult fastest,
                                     CellResult fastestReproducible, Interval price, int cells,
                                     int checked, String sentence) {

    /** Bottou's factor of two: the speed a reproducible result is said to be worth. */
    public static final double BOTTOU_FACTOR = 2.0;

    /** Confidence level of the interval on the price. */
    public static final double CONFIDENCE = 0.95;

    /** The cases a workload's price falls into. */
    public enum Kind {
        /** The fastest configuration is not reproducible; a slower one is: the price is a ratio above 1. */
        PRICED,
        /** The fastest configuration is itself reproducible: the price is exactly 1. */
        FREE,
        /** Some configurations were checked, none is reproducible: reproducibility cannot be had here. */
        NONE_REPRODUCIBLE,
        /** No configuration had a reproducibility check: the price is unknown. */
        NOT_CHECKED,
        /** No configuration of the workload succeeded. */
        NO_RESULTS
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
                .filter(c -> c.ok() && c.samplesPerSecond() != null && !c.samplesPerSecond().values().isEmpty())
                .toList();
        if (measured.isEmpty()) {
            return new PriceOfReproducibility(workload, Kind.NO_RESULTS, null, null, null, 0, 0,
                    "no configuration of " + workload + " succeeded, so the price of reproducibility is unknown");
        }
        Comparator<CellResult> bySpeed = Comparator
                .comparingDouble((CellResult c) -> c.samplesPerSecond().mean()).reversed()
                .thenComparing(CellResult::id);
        CellResult fastest = measured.stream().min(bySpeed).orElseThrow();
        int checked = (int) measured.stream().filter(PriceOfReproducibility::wasChecked).count();
        Optional<CellResult> reproducible = measured.stream()
                .filter(c -> c.reproducibility() != null && c.reproducibility().reproducible())
                .min(bySpeed);
        int n = measured.size();
        if (reproducible.isEmpty()) {
            if (checked == 0) {
                return new PriceOfReproducibility(workload, Kind.NOT_CHECKED, fastest, null, null, n, 0,
                        "no configuration was checked for reproducibility, so its price is unknown");
            }
            String unchecked = checked < n ? " (" + (n - checked) + " of " + n + " not checked)" : "";
            return new PriceOfReproducibility(workload, Kind.NONE_REPRODUCIBLE, fastest, null, null, n, checked,
                    "no configuration gave a result that can be recomputed" + unchecked
                            + ": reproducibility is not available here at any speed");
        }
        CellResult repro = reproducible.get();
        if (repro == fastest) {
            Interval one = new Interval(1.0, 1.0, 1.0, CONFIDENCE);
            return new PriceOfReproducibility(workload, Kind.FREE, fastest, repro, one, n, checked,
                    "reproducibility is free here: the fastest configuration is itself reproducible (1.00x)");
        }
        Interval price = Statistics.standard().ratio(
                fastest.samplesPerSecond().toArray(), repro.samplesPerSecond().toArray(), CONFIDENCE);
        return new PriceOfReproducibility(workload, Kind.PRICED, fastest, repro, price, n, checked,
                "reproducibility costs " + format(price) + " here: " + againstBottou(price));
    }

    /** {@code 1.31x [1.22, 1.41]}, or {@code 1.31x [unbounded]} when the data do not bound it. */
    public static String format(Interval price) {
        if (price.low() == price.high()) return String.format(Locale.ROOT, "%.2fx", price.estimate());
        if (!price.bounded()) return String.format(Locale.ROOT, "%.2fx [unbounded]", price.estimate());
        return String.format(Locale.ROOT, "%.2fx [%.2f, %.2f]", price.estimate(), price.low(), price.high());
    }

    /** How {@code price} compares with Bottou's factor of two, in words. */
    static String againstBottou(Interval price) {
        if (!price.bounded()) {
            return "too noisy to compare with Bottou's factor of two (the interval is unbounded)";
        }
        if (price.high() < BOTTOU_FACTOR) {
            return price.low() <= 1.0
                    ? "within noise of free, less than Bottou's factor of two"
                    : "less than Bottou's factor of two";
        }
        if (price.low() > BOTTOU_FACTOR) return "more than Bottou's factor of two";
        return "about Bottou's factor of two (the interval includes 2)";
    }

    private static boolean wasChecked(CellResult c) {
        Reproducibility r = c.reproducibility();
        return r != null && (!Reproducibility.NOT_CHECKED.equals(r.verdict()) || !r.faults().isEmpty());
    }
}
