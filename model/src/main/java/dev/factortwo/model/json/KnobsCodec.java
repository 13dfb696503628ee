package dev.factortwo.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.factortwo.model.Knobs;
import java.nio.file.Path;

/**
 * Reads and writes {@code knobs.json} ({@link Knobs}) as {@link ResultsCodec} does {@code results.json}: atomic writes,
 * keys in a fixed order, and one-line errors naming the file on reading. Thread-safe.
 *
 * <p>Schema history: {@code factortwo/knobs/v1} is the first version; later versions must keep reading it.
 */
public final class KnobsCodec {

    private KnobsCodec() {
    }

    /** {@code knobs} as JSON text, ending in a newline. */
    public static String toJson(Knobs knobs) {
        try {
            return ResultsCodec.mapper().writeValueAsString(knobs) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise knobs", e);
        }
    }

    /** Writes {@code knobs} to {@code file} atomically. */
    public static void write(Knobs knobs, Path file) {
        ResultsCodec.writeAtomically(file, toJson(knobs));
    }

    /** @throws ResultsFormatException when the file is missing, not JSON, of another schema or does not match it */
    public static Knobs read(Path file) {
        JsonNode root = ResultsCodec.tree(file, ResultsCodec.readText(file));
        if (root == null || !root.isObject()) throw new ResultsFormatException(file, "expected a JSON object at the top level");
        String schema = root.path("schema").asText("");
        if (!Knobs.SCHEMA_V1.equals(schema)) {
            throw new ResultsFormatException(file, "schema '" + schema + "'; this version reads knobs files of " + Knobs.SCHEMA_V1);
        }
        try {
            return ResultsCodec.mapper().treeToValue(root, Knobs.class);
        } catch (JsonProcessingException e) {
            throw new ResultsFormatException(file, "does not match " + schema + ": " + e.getOriginalMessage());
        }
    }
}
