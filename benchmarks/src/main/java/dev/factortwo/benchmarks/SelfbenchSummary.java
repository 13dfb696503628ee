package dev.factortwo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.factortwo.model.UserError;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.model.json.ResultsFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns JMH's JSON results of the harness benchmarks, the overhead suite's results ({@link OverheadTargets}), and
 * the quick suite's wall time and peak RSS, into one table: each ratio or cost against its target. Used by {@code scripts/selfbench}; reads only saved files.
 *
 * <pre>{@code
 * java -cp ... dev.factortwo.benchmarks.SelfbenchSummary --jmh jmh.json --overhead overhead/results.json \
 *     --quick-wall-seconds 212 --quick-peak-rss-kb 2431000
 * }</pre>
 */
public final class SelfbenchSummary {

    /**
     * Throughput of one JMH epoch of training ({@code TrainingOverheadBenchmark}), relative to a bare TensorFlow loop;
     * the whole-run targets against the bare reference cell are {@link OverheadTargets}'s.
     */
    public static final double OVERHEAD_TARGET = 0.97;
    /** Read throughput of the local-disk tier, relative to raw NIO reads of the same bytes. */
    public static final double INPUT_TARGET = 0.8;
    /** Cost of recording one step, microseconds. */
    public static final double RECORDING_TARGET_MICROS = 1.0;
    /** Wall time of {@code factortwo run --suite quick} on 2 cores, seconds. */
    public static final double QUICK_SUITE_TARGET_SECONDS = 300;

    private static final String PACKAGE = "dev.factortwo.benchmarks.";

    private SelfbenchSummary() {
    }

    /** One JMH result: benchmark {@code Class.method}, its parameters, score and 99.9% error in {@code unit}. */
    record Score(String benchmark, Map<String, String> params, double score, double error, String unit) {
    }

    /**
     * One line of the table.
     *
     * @param measure  what was measured
     * @param value    the measured value, with its error where known
     * @param target   the target, or "" when there is none
     * @param verdict  "met", "MISSED", or "" without a target
     */
    record Line(String measure, String value, String target, String verdict) {
    }

    static List<Score> read(Path jmhJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(jmhJson.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(jmhJson + ": expected JMH's JSON results (an array, from -rf json), got "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        List<Score> out = new ArrayList<>();
        for (JsonNode r : root) {
            String name = r.path("benchmark").asText();
            if (name.startsWith(PACKAGE)) name = name.substring(PACKAGE.length());
            Map<String, String> params = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            JsonNode m = r.path("primaryMetric");
            if (!m.has("score")) throw new IOException(jmhJson + ": result of " + name + " has no primaryMetric.score");
            double error = m.path("scoreError").asDouble(Double.NaN);
            out.add(new Score(name, params, m.path("score").asDouble(), error, m.path("scoreUnit").asText()));
        }
        return out;
    }

    static List<Line> lines(List<Score> scores, OptionalDouble quickWallSeconds, OptionalDouble quickPeakRssKb) {
        List<Line> out = new ArrayList<>();
        String training = "TrainingOverheadBenchmark.";
        for (Map<String, String> p : paramSets(scores, training)) {
            Score bare = find(scores, training + "bareTrainSteps", p);
            String what = p.getOrDefault("workload", "?") + ", " + p.getOrDefault("samples", "?") + " samples";
            for (String[] v : new String[][] {{"partitionWork", "PartitionWork.train (memory, no Spark)"},
                    {"cellEpochLocalState", "cell epoch via Spark (memory/local)"}}) {
                Score harness = find(scores, training + v[0], p);
                if (bare != null && harness != null) {
                    out.add(atLeast("overhead " + what + ": " + v[1] + " / bare trainStep", bare, harness, OVERHEAD_TARGET));
                }
            }
            for (String[] v : new String[][] {{"breakdownDecodeEpoch", "decoding an epoch"}, {"breakdownWeightsInAndOut", "weights in and out"},
                    {"breakdownEmptySparkJob", "an empty Spark job"}}) {
                Score part = find(scores, training + v[0], p);
                if (part != null) out.add(time("breakdown " + what + ": " + v[1], part));
            }
        }
        String input = "InputPathBenchmark.";
        Score raw = find(scores, input + "rawNio", Map.of());
        Score rawSha = find(scores, input + "rawNioSha256", Map.of());
        for (Map<String, String> p : paramSets(scores, input + "harnessRead")) {
            Score read = find(scores, input + "harnessRead", p);
            String tier = p.getOrDefault("tier", "?");
            if (raw != null) {
                out.add(tier.equals("local-disk") ? atLeast("input " + tier + ": harness read / raw NIO", raw, read, INPUT_TARGET)
                        : info("input " + tier + ": harness read / raw NIO", raw, read));
            }
            if (rawSha != null) out.add(info("input " + tier + ": harness read / raw NIO + SHA-256", rawSha, read));
            Score shared = find(scores, input + "whatIfSharedConfiguration", p);
            if (raw != null && shared != null) out.add(info("input " + tier + ": what-if shared Configuration / raw NIO", raw, shared));
        }
        String recording = "RecordingCostBenchmark.";
        Score step = find(scores, recording + "perStepRecording", Map.of());
        if (step != null) {
            double micros = step.score() * toMicros(step.unit());
            double err = step.error() * toMicros(step.unit());
            out.add(new Line("recording cost per step (4 nanoTime + recordValue)", String.format(Locale.ROOT, "%.3f ± %.3f µs", micros, err),
                    String.format(Locale.ROOT, "<= %.1f µs", RECORDING_TARGET_MICROS), micros <= RECORDING_TARGET_MICROS ? "met" : "MISSED"));
        }
        quickWallSeconds.ifPresent(s -> out.add(new Line("quick suite wall time", String.format(Locale.ROOT, "%.0f s", s),
                String.format(Locale.ROOT, "<= %.0f s", QUICK_SUITE_TARGET_SECONDS), s <= QUICK_SUITE_TARGET_SECONDS ? "met" : "MISSED")));
        quickPeakRssKb.ifPresent(kb -> out.add(new Line("quick suite peak RSS of the harness JVM",
                String.format(Locale.ROOT, "%.0f MiB", kb / 1024), "", "")));
        return out;
    }

    static String format(List<Line> lines) {
        int w = "measure".length(), v = "value".length(), t = "target".length();
        for (Line l : lines) {
            w = Math.max(w, l.measure().length());
            v = Math.max(v, l.value().length());
            t = Math.max(t, l.target().length());
        }
        String row = "%-" + w + "s  %" + v + "s  %-" + t + "s  %s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, row, "measure", "value", "target", "verdict"));
        for (Line l : lines) sb.append(String.format(Locale.ROOT, row, l.measure(), l.value(), l.target(), l.verdict()));
        return sb.toString().replaceAll(" +\n", "\n");
    }

    /**
     * {@code [--jmh FILE] [--overhead RESULTS.json] [--quick-wall-seconds S] [--quick-peak-rss-kb KB]}: the JMH
     * ratios, then the overhead suite's ratios against its bare reference ({@link OverheadTargets}), then the quick
     * suite; exit 1 on bad arguments or input.
     */
    public static void main(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) a.put(args[i], args[i + 1]);
        if (args.length % 2 != 0 || a.isEmpty() || !List.of("--jmh", "--overhead", "--quick-wall-seconds", "--quick-peak-rss-kb").containsAll(a.keySet())) {
            System.err.println("usage: SelfbenchSummary [--jmh FILE] [--overhead RESULTS.json] [--quick-wall-seconds S] [--quick-peak-rss-kb KB]");
            System.exit(1);
        }
        try {
            List<Line> lines = new ArrayList<>();
            List<Score> scores = a.containsKey("--jmh") ? read(Path.of(a.get("--jmh"))) : List.of();
            List<Line> rest = lines(scores, number(a, "--quick-wall-seconds"), number(a, "--quick-peak-rss-kb"));
            List<Line> quick = rest.stream().filter(l -> l.measure().startsWith("quick suite")).toList();
            lines.addAll(rest.stream().filter(l -> !quick.contains(l)).toList());
            if (a.containsKey("--overhead")) lines.addAll(OverheadTargets.lines(ResultsCodec.read(Path.of(a.get("--overhead")))));
            lines.addAll(quick);
            System.out.print(format(lines));
        } catch (IOException | UserError | ResultsFormatException e) {
            System.err.println("selfbench: " + e.getMessage());
            System.exit(1);
        }
    }

    private static OptionalDouble number(Map<String, String> a, String key) {
        if (!a.containsKey(key) || a.get(key).isBlank()) return OptionalDouble.empty();
        try {
            return OptionalDouble.of(Double.parseDouble(a.get(key)));
        } catch (NumberFormatException e) {
            throw new UserError(key + " " + a.get(key) + ": expected a number");
        }
    }

    private static Line atLeast(String measure, Score baseline, Score harness, double target) {
        double[] r = ratio(baseline, harness);
        return new Line(measure, String.format(Locale.ROOT, "%.3f ± %.3f", r[0], r[1]), String.format(Locale.ROOT, ">= %.2f", target),
                r[0] >= target ? "met" : "MISSED");
    }

    private static Line time(String measure, Score s) {
        return new Line(measure, String.format(Locale.ROOT, "%.3f ± %.3f %s", s.score(), s.error(), s.unit()), "", "");
    }

    private static Line info(String measure, Score baseline, Score harness) {
        double[] r = ratio(baseline, harness);
        return new Line(measure, String.format(Locale.ROOT, "%.3f ± %.3f", r[0], r[1]), "", "");
    }

    /**
     * Throughput of {@code harness} relative to {@code baseline}, from average times: baseline time / harness
     * time, with the errors' relative sizes added in quadrature.
     */
    static double[] ratio(Score baseline, Score harness) {
        if (!baseline.unit().equals(harness.unit())) {
            throw new UserError(baseline.benchmark() + " is in " + baseline.unit() + " but " + harness.benchmark()
                    + " in " + harness.unit() + ": run both in one JMH mode and time unit");
        }
        double r = baseline.score() / harness.score();
        double rel = Math.hypot(baseline.error() / baseline.score(), harness.error() / harness.score());
        return new double[] {r, Double.isNaN(rel) ? 0 : r * rel};
    }

    private static double toMicros(String unit) {
        return switch (unit) {
            case "ns/op" -> 1e-3;
            case "us/op" -> 1;
            case "ms/op" -> 1e3;
            case "s/op" -> 1e6;
            default -> throw new UserError("perStepRecording in " + unit + ": expected an average time (ns/op)");
        };
    }

    private static Set<Map<String, String>> paramSets(List<Score> scores, String prefix) {
        Set<Map<String, String>> out = new LinkedHashSet<>();
        for (Score s : scores) if (s.benchmark().startsWith(prefix)) out.add(s.params());
        return out;
    }

    /** The score of {@code benchmark} whose parameters include all of {@code params}. */
    private static Score find(List<Score> scores, String benchmark, Map<String, String> params) {
        for (Score s : scores) {
            if (s.benchmark().equals(benchmark) && s.params().entrySet().containsAll(params.entrySet())) return s;
        }
        return null;
    }
}
