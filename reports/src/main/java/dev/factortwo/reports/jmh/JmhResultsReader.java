package dev.factortwo.reports.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.model.json.ResultsFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads JMH's JSON result format ({@code java -jar benchmarks.jar -rf json -rff jmh.json}): a top-level
 * array of objects with {@code benchmark}, {@code mode} and {@code primaryMetric}. Errors name the file,
 * the entry and the field, as {@link ResultsFormatException}. Thread-safe.
 */
public final class JmhResultsReader {

    private static final Set<String> MODES = Set.of("thrpt", "avgt", "sample", "ss");

    private JmhResultsReader() {
    }

    /** True when {@code root} looks like JMH results: a non-empty array whose first element has benchmark, mode and primaryMetric. */
    public static boolean isJmh(JsonNode root) {
        if (root == null || !root.isArray() || root.isEmpty()) return false;
        JsonNode first = root.get(0);
        return first.isObject() && first.has("benchmark") && first.has("mode") && first.has("primaryMetric");
    }

    public static List<JmhBenchmark> read(Path file) {
        String text = ResultsCodec.readText(file);
        if (text.isBlank()) throw new ResultsFormatException(file, "empty file, expected JMH JSON results");
        JsonNode root;
        try {
            root = ResultsCodec.mapper().readTree(text);
        } catch (IOException e) {
            throw new ResultsFormatException(file, "not valid JSON (truncated?): " + e.getMessage());
        }
        return parse(file, root);
    }

    /** The benchmarks of an already parsed JMH document. */
    public static List<JmhBenchmark> parse(Path file, JsonNode root) {
        if (!isJmh(root)) {
            throw new ResultsFormatException(file, "not JMH results: expected a JSON array of objects with "
                    + "'benchmark', 'mode' and 'primaryMetric'");
        }
        List<JmhBenchmark> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) out.add(entry(file, i, root.get(i)));
        return out;
    }

    private static JmhBenchmark entry(Path file, int index, JsonNode n) {
        String where = "entry " + index;
        String benchmark = text(file, where, n, "benchmark");
        where = "entry " + index + " (" + benchmark + ")";
        String mode = text(file, where, n, "mode");
        if (!MODES.contains(mode)) {
            throw new ResultsFormatException(file, where + ": mode '" + mode + "', expected one of thrpt, avgt, sample, ss");
        }
        JsonNode pm = n.get("primaryMetric");
        if (pm == null || !pm.isObject()) throw new ResultsFormatException(file, where + ": 'primaryMetric' missing or not an object");
        String unit = text(file, where, pm, "scoreUnit");
        JsonNode score = pm.get("score");
        if (score == null || !score.isNumber()) throw new ResultsFormatException(file, where + ": primaryMetric.score missing or not a number");
        List<List<Double>> forks = new ArrayList<>();
        if (pm.has("rawData")) {
            for (JsonNode fork : array(file, where, pm.get("rawData"), "primaryMetric.rawData")) {
                List<Double> iterations = new ArrayList<>();
                for (JsonNode v : array(file, where, fork, "primaryMetric.rawData[fork]")) {
                    if (!v.isNumber()) throw new ResultsFormatException(file, where + ": primaryMetric.rawData holds a non-number: " + v);
                    iterations.add(v.asDouble());
                }
                forks.add(iterations);
            }
        } else if (pm.has("rawDataHistogram")) {
            for (JsonNode fork : array(file, where, pm.get("rawDataHistogram"), "primaryMetric.rawDataHistogram")) {
                List<Double> iterations = new ArrayList<>();
                for (JsonNode iteration : array(file, where, fork, "primaryMetric.rawDataHistogram[fork]")) {
                    double sum = 0, count = 0;
                    for (JsonNode pair : array(file, where, iteration, "primaryMetric.rawDataHistogram[fork][iteration]")) {
                        if (!pair.isArray() || pair.size() != 2) {
                            throw new ResultsFormatException(file, where + ": rawDataHistogram entry " + pair + ", expected [value, count]");
                        }
                        sum += pair.get(0).asDouble() * pair.get(1).asDouble();
                        count += pair.get(1).asDouble();
                    }
                    if (count > 0) iterations.add(sum / count);
                }
                forks.add(iterations);
            }
        } else {
            throw new ResultsFormatException(file, where + ": primaryMetric has neither 'rawData' nor 'rawDataHistogram'");
        }
        Map<String, String> params = new TreeMap<>();
        JsonNode p = n.get("params");
        if (p != null && p.isObject()) {
            for (Map.Entry<String, JsonNode> e : p.properties()) params.put(e.getKey(), e.getValue().asText());
        }
        return new JmhBenchmark(benchmark, mode, new TreeMap<>(params), unit, score.asDouble(), forks,
                n.hasNonNull("jdkVersion") ? n.get("jdkVersion").asText() : null,
                n.hasNonNull("vmName") ? n.get("vmName").asText() : null);
    }

    private static String text(Path file, String where, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new ResultsFormatException(file, where + ": field '" + field + "' missing or not a string");
        return v.asText();
    }

    private static JsonNode array(Path file, String where, JsonNode n, String field) {
        if (n == null || !n.isArray()) throw new ResultsFormatException(file, where + ": " + field + " is not an array");
        return n;
    }
}
