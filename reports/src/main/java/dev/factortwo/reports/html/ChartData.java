package dev.factortwo.reports.html;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.HistogramCodec;
import dev.factortwo.model.Repetition;
import dev.factortwo.reports.CellLabel;
import dev.factortwo.reports.CellRow;
import dev.factortwo.reports.NumberFormats;
import dev.factortwo.reports.RunSummary;
import dev.factortwo.reports.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * The numbers behind every chart, as plain maps and lists for JSON. Everything is computed here so
 * that the page's script only draws. Groups are workloads (prefixed with the run when there are several).
 */
final class ChartData {

    /** Known tiers, in the order the charts show them; others follow in order of appearance. */
    private static final List<String> TIER_ORDER = List.of("memory", "local-disk", "hdfs", "s3");

    /** Percentiles drawn on the latency curves (the maximum is added at the end). */
    private static final double[] PERCENTILES = {0, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999};

    private ChartData() {
    }

    static Map<String, Object> of(List<RunSummary> runs, boolean severalRuns) {
        List<Group> groups = new ArrayList<>();
        int cellCount = 0;
        for (RunSummary run : runs) {
            Map<String, List<CellRow>> byWorkload = new LinkedHashMap<>();
            for (CellRow row : run.rows()) {
                byWorkload.computeIfAbsent(row.cell().key().workload(), w -> new ArrayList<>()).add(row);
                cellCount++;
            }
            byWorkload.forEach((w, rows) -> groups.add(new Group(severalRuns ? "run " + (run.index() + 1) + ": " + w : w, rows,
                    run.prices().stream().filter(p -> p.workload().equals(w) && p.known())
                            .map(p -> NumberFormats.ratio(p.price().estimate()) + (p.tied() ? ", a tie for fastest" : ""))
                            .findFirst().orElse(null))));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("cellCount", cellCount);
        data.put("levels", levels());
        data.put("frontier", frontier(groups));
        data.put("throughput", throughput(groups));
        data.put("time", time(groups));
        data.put("latency", latency(groups));
        data.put("faults", faults(groups));
        return data;
    }

    private record Group(String name, List<CellRow> rows, String price) {
    }

    private static List<Map<String, Object>> levels() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            if (v == Verdict.FAILED || v == Verdict.EMULATED) continue; // emulated cells sit at not-checked's level
            out.add(map("level", v.level(), "label", v.label(), "css", v.cssName()));
        }
        return out;
    }

    /** Per workload: each cell at (% of fastest, reproducibility level), and the staircase of the best speed at each level or above. */
    private static List<Map<String, Object>> frontier(List<Group> groups) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Group g : groups) {
            List<Map<String, Object>> points = new ArrayList<>();
            double[] bestAtLeast = new double[Verdict.RECOMPUTABLE.level() + 1];
            java.util.Arrays.fill(bestAtLeast, Double.NaN);
            for (CellRow r : g.rows()) {
                if (!r.cell().ok() || !Double.isFinite(r.relativeToFastest())) continue;
                double x = 100 * r.relativeToFastest();
                points.add(map("x", x, "y", r.verdict().level(), "label", CellLabel.withinWorkload(r.cell().key()),
                        "rate", r.mean(), "verdict", r.verdict().label(), "css", r.verdict().cssName()));
                for (int l = 0; l <= r.verdict().level(); l++) {
                    if (!(bestAtLeast[l] >= x)) bestAtLeast[l] = x;
                }
            }
            List<Map<String, Object>> line = new ArrayList<>();
            for (int l = bestAtLeast.length - 1; l >= 0; l--) {
                if (Double.isNaN(bestAtLeast[l])) continue;
                if (!line.isEmpty()) line.add(map("x", line.get(line.size() - 1).get("x"), "y", l));
                line.add(map("x", bestAtLeast[l], "y", l));
                if (bestAtLeast[l] >= 100) break;
            }
            out.add(map("group", g.name(), "price", g.price(), "points", points, "line", line));
        }
        return out;
    }

    /** Per workload: tiers on the x axis, one series per state (and strategy/device where they vary), mean with CI. */
    private static List<Map<String, Object>> throughput(List<Group> groups) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Group g : groups) {
            Set<String> tiers = new LinkedHashSet<>();
            for (String t : TIER_ORDER) if (g.rows().stream().anyMatch(r -> r.cell().key().tier().equals(t))) tiers.add(t);
            for (CellRow r : g.rows()) tiers.add(r.cell().key().tier());
            boolean strategyVaries = g.rows().stream().map(r -> r.cell().key().strategy()).distinct().count() > 1;
            boolean deviceVaries = g.rows().stream().map(r -> r.cell().key().device()).distinct().count() > 1;
            Map<String, Map<String, CellRow>> bySeries = new LinkedHashMap<>();
            Map<String, String> stateOfSeries = new LinkedHashMap<>();
            for (CellRow r : g.rows()) {
                CellKey k = r.cell().key();
                String series = "state " + k.state() + (strategyVaries ? " · " + k.strategy() : "") + (deviceVaries ? " · " + k.device() : "");
                bySeries.computeIfAbsent(series, s -> new LinkedHashMap<>()).put(k.tier(), r);
                stateOfSeries.put(series, k.state());
            }
            List<Map<String, Object>> series = new ArrayList<>();
            bySeries.forEach((name, byTier) -> {
                List<Object> means = new ArrayList<>(), lows = new ArrayList<>(), highs = new ArrayList<>();
                List<Object> verdicts = new ArrayList<>(), labels = new ArrayList<>();
                for (String t : tiers) {
                    CellRow r = byTier.get(t);
                    boolean has = r != null && r.cell().ok() && r.cell().samplesPerSecond() != null;
                    means.add(has ? finite(r.mean()) : null);
                    lows.add(has ? finite(r.cell().samplesPerSecond().ciLow()) : null);
                    highs.add(has ? finite(r.cell().samplesPerSecond().ciHigh()) : null);
                    verdicts.add(r == null ? null : r.verdict().cssName());
                    labels.add(r == null ? null : r.verdict().label() + (r.cell().ok() ? "" : ": " + r.cell().error()));
                }
                series.add(map("name", name, "state", stateOfSeries.get(name), "means", means, "lows", lows, "highs", highs,
                        "verdicts", verdicts, "verdictLabels", labels));
            });
            out.add(map("group", g.name(), "tiers", List.copyOf(tiers), "series", series));
        }
        return out;
    }

    /** Per cell: share of wall time waiting for input, computing, and the rest. */
    private static Map<String, Object> time(List<Group> groups) {
        List<Object> labels = new ArrayList<>(), input = new ArrayList<>(), compute = new ArrayList<>(), other = new ArrayList<>();
        for (Group g : groups) {
            for (CellRow r : g.rows()) {
                CellResult c = r.cell();
                if (!c.ok()) continue;
                double wall = c.repetitions().stream().mapToDouble(Repetition::wallSeconds).average().orElse(Double.NaN);
                if (!(wall > 0)) wall = c.acceleratorUtilization() > 0 ? c.computeSeconds() / c.acceleratorUtilization() : c.inputSeconds() + c.computeSeconds();
                if (!(wall > 0)) continue;
                double in = Math.min(100, 100 * c.inputSeconds() / wall);
                double comp = Math.min(100 - in, 100 * c.computeSeconds() / wall);
                labels.add(g.name() + " · " + CellLabel.withinWorkload(c.key()));
                input.add(round(in));
                compute.add(round(comp));
                other.add(round(Math.max(0, 100 - in - comp)));
            }
        }
        return map("labels", labels, "input", input, "compute", compute, "other", other);
    }

    /** Per workload: each cell's step-latency percentiles from its decoded histogram, x = 1 / (1 - p). */
    private static List<Map<String, Object>> latency(List<Group> groups) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Group g : groups) {
            List<Map<String, Object>> series = new ArrayList<>();
            for (CellRow r : g.rows()) {
                CellResult c = r.cell();
                if (!c.ok() || c.latency() == null || c.latency().histogram() == null) continue;
                Histogram h = HistogramCodec.decode(c.latency().histogram());
                long n = h.getTotalCount();
                if (n == 0) continue;
                List<Map<String, Object>> points = new ArrayList<>();
                for (double p : PERCENTILES) {
                    if (p / 100 > 1 - 1.0 / n) break;
                    points.add(map("x", 1 / (1 - p / 100), "y", h.getValueAtPercentile(p) / 1000.0, "p", p));
                }
                points.add(map("x", (double) Math.max(n, 2), "y", h.getMaxValue() / 1000.0, "p", 100.0));
                series.add(map("name", CellLabel.withinWorkload(c.key()), "points", points));
            }
            if (!series.isEmpty()) out.add(map("group", g.name(), "series", series));
        }
        return out;
    }

    /** One bar per injected fault: recovery seconds, coloured by outcome. */
    private static Map<String, Object> faults(List<Group> groups) {
        List<Object> labels = new ArrayList<>(), seconds = new ArrayList<>(), outcomes = new ArrayList<>(), explanations = new ArrayList<>();
        for (Group g : groups) {
            for (CellRow r : g.rows()) {
                if (r.cell().reproducibility() == null) continue;
                for (FaultOutcome f : r.cell().reproducibility().faults()) {
                    if (f.notApplicable()) continue;
                    labels.add(g.name() + " · " + CellLabel.withinWorkload(r.cell().key()) + " · " + f.fault());
                    seconds.add(finite(f.recoverySeconds()));
                    outcomes.add(f.outcome().word());
                    explanations.add(f.explanation() == null ? "" : f.explanation());
                }
            }
        }
        return map("labels", labels, "seconds", seconds, "outcomes", outcomes, "explanations", explanations);
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
