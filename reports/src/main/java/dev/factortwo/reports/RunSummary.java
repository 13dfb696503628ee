package dev.factortwo.reports;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.Environment;
import dev.factortwo.model.Results;
import dev.factortwo.model.analysis.Fastest;
import dev.factortwo.model.analysis.PriceOfReproducibility;
import dev.factortwo.reports.gate.Gate;
import dev.factortwo.reports.gate.SlowdownTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything the headline and the tables say about one results file: what ran, where, one row per
 * cell, and the price of reproducibility per workload.
 *
 * @param index    0-based position among the report's results files
 * @param results  the results file
 * @param rows     one row per cell, in plan order
 * @param prices   price of reproducibility per workload, in order of first appearance
 */
public record RunSummary(int index, Results results, List<CellRow> rows, List<PriceOfReproducibility> prices) {

    public RunSummary {
        rows = List.copyOf(rows);
        prices = List.copyOf(prices);
    }

    /** One summary per results file of {@code input}, each compared with the baseline when there is one. */
    public static List<RunSummary> all(ReportInput input) {
        List<RunSummary> out = new ArrayList<>();
        for (int i = 0; i < input.runs().size(); i++) out.add(of(i, input.runs().get(i), input));
        return List.copyOf(out);
    }

    static RunSummary of(int index, Results results, ReportInput input) {
        Map<String, Double> fastestByWorkload = new HashMap<>();
        Map<String, Double> bareByWorkload = new HashMap<>();
        List<CellResult> ranked = results.cells().stream().filter(c -> !c.key().bare()).toList();
        for (CellResult c : results.cells()) {
            if (c.ok() && c.samplesPerSecond() != null) {
                if (c.key().bare()) bareByWorkload.put(bareKey(c.key()), c.samplesPerSecond().mean());
                else fastestByWorkload.merge(c.key().workload(), c.samplesPerSecond().mean(), Math::max);
            }
        }
        List<PriceOfReproducibility> prices = PriceOfReproducibility.perWorkload(ranked);
        Set<CellResult> fastestCells = fastest(ranked);
        Map<CellKey, SlowdownTest.Decision> speed = input.baseline()
                .map(b -> Gate.speed(b, results, input.rule())).orElse(Map.of());
        List<CellRow> rows = new ArrayList<>();
        for (CellResult c : results.cells()) {
            double relative = Double.NaN, ofBare = Double.NaN;
            if (c.ok() && c.samplesPerSecond() != null && !c.key().bare()) {
                relative = c.samplesPerSecond().mean() / fastestByWorkload.get(c.key().workload());
                Double bare = bareByWorkload.get(bareKey(c.key()));
                if (bare != null) ofBare = c.samplesPerSecond().mean() / bare;
            }
            Optional<BaselineComparison> cmp = Optional.ofNullable(speed.get(c.key())).flatMap(d -> input.baselineOf(c)
                    .map(b -> new BaselineComparison(d, input.rule(), Verdict.of(b), Verdict.of(c))));
            rows.add(new CellRow(index, c, Verdict.of(c), fastestCells.contains(c), relative, cmp, ofBare));
        }
        return new RunSummary(index, results, rows, prices);
    }

    /** Significance level under which a configuration counts as slower than the best of its workload: {@link Fastest#TIE_ALPHA}. */
    public static final double TIE_ALPHA = Fastest.TIE_ALPHA;

    /**
     * Per workload, the configuration with the highest mean throughput and every other one not significantly
     * slower than it: {@link Fastest#bySamplesPerSecond}, the rule the price of reproducibility uses too.
     */
    static Set<CellResult> fastest(List<CellResult> cells) {
        return Fastest.bySamplesPerSecond(cells);
    }

    /**
     * Mean samples per second of the bare reference for {@code key}'s workload, dataset, engine and device in this run,
     * or empty when the run measured none (or it failed).
     */
    public OptionalDouble bareSamplesPerSecond(CellKey key) {
        return rows.stream().filter(r -> r.cell().key().bare() && r.cell().ok() && r.cell().samplesPerSecond() != null
                && bareKey(r.cell().key()).equals(bareKey(key))).mapToDouble(CellRow::mean).findFirst();
    }

    private static String bareKey(CellKey k) {
        return k.workload() + "|" + k.dataset() + "|" + k.engine() + "|" + k.device();
    }

    /**
     * The harness's overhead per workload where the run measured a bare reference, one sentence each, e.g.
     * {@code train-mlp on fashion-mnist: bare loop 70,012 samples/s; the cells reach 31%-61% of it (best: ...)}.
     * Empty when the run has no bare reference.
     */
    public List<String> overheads() {
        List<String> out = new ArrayList<>();
        for (CellRow bare : rows) {
            if (!bare.cell().key().bare() || !bare.cell().ok()) continue;
            CellKey b = bare.cell().key();
            List<CellRow> same = rows.stream().filter(r -> !r.cell().key().bare() && Double.isFinite(r.relativeToBare())
                    && bareKey(r.cell().key()).equals(bareKey(b))).toList();
            StringBuilder s = new StringBuilder(b.workload() + " on " + b.dataset() + ": bare loop "
                    + NumberFormats.rate(bare.mean()) + " samples/s");
            if (same.isEmpty()) {
                s.append("; no cell to compare");
            } else {
                CellRow best = same.stream().max(java.util.Comparator.comparingDouble(CellRow::relativeToBare)).orElseThrow();
                double low = same.stream().mapToDouble(CellRow::relativeToBare).min().orElseThrow();
                s.append("; the cells reach ").append(NumberFormats.percent(low)).append("-").append(NumberFormats.percent(best.relativeToBare()))
                        .append(" of it (best: ").append(CellLabel.withinWorkload(best.cell().key())).append(", harness overhead ")
                        .append(NumberFormats.percent(1 - best.relativeToBare())).append(")");
            }
            out.add(s.toString());
        }
        return List.copyOf(out);
    }

    /** A short name for the run: the suite and its devices, e.g. {@code quick on cpu}. */
    public String name() {
        return results.suite() + " on " + String.join(", ", distinct(CellKey::device));
    }

    /** What ran: suite, cell counts and the values of each axis. */
    public String what() {
        long failed = results.cells().stream().filter(c -> !c.ok()).count();
        StringBuilder b = new StringBuilder();
        b.append("suite ").append(results.suite()).append(": ").append(results.cells().size()).append(" cells");
        if (failed > 0) b.append(" (").append(failed).append(" failed)");
        b.append(" over workloads ").append(String.join(", ", distinct(CellKey::workload)));
        b.append("; tiers ").append(String.join(", ", distinct(CellKey::tier)));
        b.append("; states ").append(String.join(", ", distinct(CellKey::state)));
        b.append("; strategies ").append(String.join(", ", distinct(CellKey::strategy)));
        b.append("; datasets ").append(String.join(", ", distinct(CellKey::dataset)));
        return b.toString();
    }

    /** Where it ran: devices (emulation marked), CPU, memory, GPU, JDK and commit. */
    public String where() {
        Environment e = results.environment();
        List<String> devices = new ArrayList<>();
        for (String d : distinct(CellKey::device)) {
            boolean emulated = rows.stream().anyMatch(r -> r.cell().key().device().equals(d) && r.emulated().isPresent());
            devices.add(emulated ? d + " (emulated, not real hardware)" : d);
        }
        StringBuilder b = new StringBuilder("devices ").append(String.join(", ", devices));
        if (e != null) {
            b.append("; CPU ").append(e.cpuModel()).append(" (").append(e.cores()).append(" cores, ")
                    .append(NumberFormats.bytes(e.memoryBytes())).append(")");
            b.append("; GPU ").append(e.gpu());
            b.append("; ").append(e.os()).append("; JDK ").append(e.jdk());
            b.append("; commit ").append(e.gitCommit()).append(e.gitDirty() ? " (uncommitted changes)" : "");
        }
        if (results.createdAt() != null) b.append("; started ").append(results.createdAt());
        return b.toString();
    }

    /** The answer to "is reproducibility worth it here?" in one sentence over all workloads. */
    public String answer() {
        List<PriceOfReproducibility> known = prices.stream().filter(PriceOfReproducibility::known).toList();
        List<String> untested = prices.stream().filter(p -> p.kind() == PriceOfReproducibility.Kind.NOT_FAULT_TESTED)
                .map(PriceOfReproducibility::workload).toList();
        String notTested = untested.isEmpty() ? ""
                : " Not tested against faults, so no price (repeatable is not recomputable; add --faults): " + String.join(", ", untested) + ".";
        if (known.isEmpty()) {
            return "Unknown here: no workload has a configuration whose result was recomputed after a fault." + notTested;
        }
        long under = known.stream().filter(p -> p.price().bounded() && p.price().high() < PriceOfReproducibility.BOTTOU_FACTOR).count();
        PriceOfReproducibility dearest = known.stream()
                .max(java.util.Comparator.comparingDouble(p -> p.price().estimate())).orElseThrow();
        String head = under == prices.size()
                ? "Yes: for every workload a recomputable result costs less than Bottou's factor of two"
                : under + " of " + prices.size() + " workloads get a recomputable result for less than Bottou's factor of two";
        return head + " (largest price " + PriceOfReproducibility.format(dearest.price()) + ", " + dearest.workload() + ")." + notTested;
    }

    private List<String> distinct(Function<CellKey, String> axis) {
        Set<String> values = new LinkedHashSet<>();
        for (CellResult c : results.cells()) values.add(axis.apply(c.key()));
        return List.copyOf(values);
    }
}
