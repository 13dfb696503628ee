package dev.factortwo.harness.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factortwo.model.UserError;
import dev.factortwo.model.json.ResultsCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a suite file (JSON). Every field is optional and falls back to {@code base}; an unknown field or a
 * wrong type is an error naming the file and the field. Example:
 *
 * <pre>{@code
 * { "name": "big-synthetic", "workloads": ["train-mlp"], "datasets": ["synthetic"], "tiers": ["hdfs", "s3"],
 *   "states": ["spark", "local"], "settings": { "epochs": 2, "trainSamples": 2000000, "repetitions": 3 } }
 * }</pre>
 */
public final class SuiteFile {

    private static final List<String> FIELDS = List.of("name", "workloads", "datasets", "tiers", "states", "strategies", "engines", "settings");
    private static final List<String> SETTINGS = List.of("epochs", "batchSize", "learningRate", "seed", "partitions",
            "trainSamples", "testSamples", "repetitions", "warmupSteps", "throttlePercent");

    private SuiteFile() {
    }

    public static Suite read(Path file, Suite base) {
        JsonNode root;
        try {
            root = ResultsCodec.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UserError(file + ": cannot read suite file: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new UserError(file + ": expected a JSON object");
        root.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) throw new UserError(file + ": unknown field '" + f + "'; expected one of " + FIELDS);
        });
        Suite.Settings b = base.settings();
        JsonNode s = root.path("settings");
        if (!s.isMissingNode()) {
            if (!s.isObject()) throw new UserError(file + ": field 'settings' must be an object");
            s.fieldNames().forEachRemaining(f -> {
                if (!SETTINGS.contains(f)) throw new UserError(file + ": unknown setting '" + f + "'; expected one of " + SETTINGS);
            });
        }
        Suite.Settings settings = new Suite.Settings(
                integer(file, s, "epochs", b.epochs()), integer(file, s, "batchSize", b.batchSize()),
                number(file, s, "learningRate", b.learningRate()), (long) number(file, s, "seed", b.seed()),
                integer(file, s, "partitions", b.partitions()), integer(file, s, "trainSamples", b.trainSamples()),
                integer(file, s, "testSamples", b.testSamples()), integer(file, s, "repetitions", b.repetitions()),
                integer(file, s, "warmupSteps", b.warmupSteps()), number(file, s, "throttlePercent", b.throttlePercent()));
        String name = root.has("name") ? text(file, root, "name") : file.getFileName().toString().replaceFirst("\\.json$", "");
        return new Suite(name, list(file, root, "workloads", base.workloads()), list(file, root, "datasets", base.datasets()),
                list(file, root, "tiers", base.tiers()), list(file, root, "states", base.states()),
                list(file, root, "strategies", base.strategies()), list(file, root, "engines", base.engines()), settings);
    }

    private static String text(Path file, JsonNode n, String field) {
        if (!n.get(field).isTextual()) throw new UserError(file + ": field '" + field + "' must be a string");
        return n.get(field).asText();
    }

    private static List<String> list(Path file, JsonNode root, String field, List<String> fallback) {
        JsonNode n = root.get(field);
        if (n == null) return fallback;
        if (!n.isArray()) throw new UserError(file + ": field '" + field + "' must be an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) throw new UserError(file + ": field '" + field + "' must hold strings, found " + e);
            out.add(e.asText());
        }
        return out;
    }

    private static int integer(Path file, JsonNode s, String field, int fallback) {
        JsonNode n = s.get(field);
        if (n == null) return fallback;
        if (!n.canConvertToInt() || !n.isIntegralNumber()) throw new UserError(file + ": setting '" + field + "' must be an integer, found " + n);
        return n.asInt();
    }

    private static double number(Path file, JsonNode s, String field, double fallback) {
        JsonNode n = s.get(field);
        if (n == null) return fallback;
        if (!n.isNumber()) throw new UserError(file + ": setting '" + field + "' must be a number, found " + n);
        return n.asDouble();
    }
}
