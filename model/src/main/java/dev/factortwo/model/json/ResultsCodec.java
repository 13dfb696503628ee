package dev.factortwo.model.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.factortwo.model.Results;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * Reads and writes {@code results.json}. Writes are atomic (temporary file, then rename), so a
 * crash never leaves a half-written file. Reading checks the schema version and names the file
 * and the problem on any error. Thread-safe.
 *
 * <p>Schema history: {@code factortwo/results/v1} is the first version. Later versions must keep
 * reading every earlier one. Fields added to v1 since, optional to readers and read as unknown where absent: a
 * repetition's {@code cpuSeconds} and {@code medianStepMicros} (2026-12-07); a key's {@code accelerators}, written only for the
 * scale cells of {@code run --accelerators} and read as 0 where absent (2026-12-07); a key's {@code format}, written only
 * for cells whose data set is not in the toolkit's shards ({@code run --formats parquet}) and read as {@code shards} where
 * absent, and a key's {@code checkpointEvery}, written only for cells of {@code run --checkpoint-every} and read as 0
 * where absent (both 2026-12-07); a key's {@code architecture}, written only for cells of another model than their
 * workload's own ({@code run --mlp-hidden}) and read as empty (the workload's own) where absent (2026-12-07).
 */
public final class ResultsCodec {

    /** Every schema this version can read. */
    public static final Set<String> READABLE = Set.of(Results.SCHEMA_V1);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ResultsCodec() {
    }

    /** The shared, configured mapper (records, NaN allowed, indented output). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(Results results) {
        try {
            return MAPPER.writeValueAsString(results) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise results", e);
        }
    }

    /** Writes {@code results} to {@code file} atomically. */
    public static void write(Results results, Path file) {
        writeAtomically(file, toJson(results));
    }

    /** Writes {@code text} to {@code file} through a temporary file in the same directory and a rename. */
    public static void writeAtomically(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws ResultsFormatException when the file is missing, empty, not JSON, truncated, or of an
     *                                unknown schema
     */
    public static Results read(Path file) {
        return parse(file, readText(file));
    }

    /**
     * The text of an input file (results, knobs, JMH output).
     *
     * @throws ResultsFormatException naming {@code file} when it is missing or cannot be read
     */
    public static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ResultsFormatException(file, "no such file");
        } catch (IOException e) {
            throw new ResultsFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** {@code text} as a JSON tree, naming {@code source} and the line and column where it is not valid JSON. */
    static JsonNode tree(Path source, String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException(source, "not valid JSON (truncated?) at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": " + e.getOriginalMessage());
        }
    }

    /** Parses {@code text}, naming {@code source} in any error. */
    public static Results parse(Path source, String text) {
        if (text.isBlank()) throw new ResultsFormatException(source, "empty file, expected a factortwo results JSON object");
        JsonNode root = tree(source, text);
        if (root == null || !root.isObject()) throw new ResultsFormatException(source, "expected a JSON object at the top level");
        JsonNode schema = root.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new ResultsFormatException(source, "field 'schema' missing; expected one of " + READABLE);
        }
        if (!READABLE.contains(schema.asText())) {
            throw new ResultsFormatException(source, "unknown schema '" + schema.asText() + "'; this version reads " + READABLE);
        }
        if (!root.path("cells").isArray()) throw new ResultsFormatException(source, "field 'cells' missing or not an array");
        Results results;
        try {
            results = MAPPER.treeToValue(root, Results.class);
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException(source, "does not match " + schema.asText() + ": " + e.getOriginalMessage());
        }
        for (var cell : results.cells()) {
            var r = cell.reproducibility();
            if (r != null && r.reproducible() != r.derivedReproducible()) {
                throw new ResultsFormatException(source, "cell " + cell.id() + ": 'reproducible' is " + r.reproducible()
                        + " but its verdict '" + r.verdict() + "' and fault outcomes " + r.faults().stream().map(f -> f.fault() + "=" + f.outcome()).toList()
                        + " give " + r.derivedReproducible() + "; the file was edited or is corrupt");
            }
        }
        return results;
    }
}
