package dev.factortwo.datasets;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The manifest of a shard directory ({@code manifest.json}): what the shards hold and their digests.
 *
 * <p>JSON layout (schema {@value ShardFormat#SCHEMA}; {@code records} and {@code bytes} are totals):
 * <pre>{@code
 * {
 *   "schema" : "factortwo/shards/v1",
 *   "spec" : { "name" : "synthetic", "height" : 28, "width" : 28, "channels" : 1, "classes" : 10,
 *              "trainSamples" : 60000, "testSamples" : 10000, "seed" : 42 },
 *   "split" : "train",
 *   "recordBytes" : 785,
 *   "records" : 1000,
 *   "bytes" : 785040,
 *   "shards" : [ { "name" : "part-00000.f2s", "records" : 500, "bytes" : 392520, "sha256" : "…" }, … ],
 *   "digest" : "…"
 * }
 * }</pre>
 * {@code digest} is the SHA-256 of the shards' raw 32-byte SHA-256 values concatenated in shard order, so
 * two shard directories with equal digests hold the same bytes in the same layout. Reading checks every
 * field, the totals and the digest. Immutable and thread-safe.
 *
 * @param schema      always {@value ShardFormat#SCHEMA}
 * @param spec        the dataset the records come from
 * @param split       {@code "train"} or {@code "test"}
 * @param recordBytes bytes per record, {@code 1 + spec.imageBytes()}
 * @param shards      the shards in order
 * @param digest      SHA-256 over the shards' SHA-256 values, hex
 */
public record Manifest(String schema, DatasetSpec spec, String split, int recordBytes,
                       List<ShardInfo> shards, String digest) implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MANIFEST_BYTES = 64 << 20;

    public Manifest {
        shards = List.copyOf(shards);
    }

    /**
     * A manifest for {@code shards}, with the current schema and the digest computed from the shards.
     */
    public static Manifest of(DatasetSpec spec, String split, List<ShardInfo> shards) {
        return new Manifest(ShardFormat.SCHEMA, spec, DatasetSpec.checkSplit(split), spec.imageBytes() + 1, shards, digestOf(shards));
    }

    /** Records in all shards. */
    public long records() {
        return shards.stream().mapToLong(ShardInfo::records).sum();
    }

    /** Bytes in all shard files, headers included. */
    public long bytes() {
        return shards.stream().mapToLong(ShardInfo::bytes).sum();
    }

    /** SHA-256 (hex) of the concatenated raw SHA-256 values of {@code shards}, in order. */
    public static String digestOf(List<ShardInfo> shards) {
        MessageDigest md = Sha256.newDigest();
        for (ShardInfo shard : shards) {
            md.update(HexFormat.of().parseHex(shard.sha256()));
        }
        return Sha256.hex(md.digest());
    }

    /**
     * Reads and checks {@code dir/manifest.json} from any Hadoop file system.
     *
     * @throws FileNotFoundException   if there is no manifest (not a shard directory, or staging did not finish)
     * @throws ManifestFormatException if the manifest is malformed
     */
    public static Manifest read(FileSystem fs, Path dir) throws IOException {
        Path path = new Path(dir, ShardFormat.MANIFEST);
        String location = fs.makeQualified(path).toString();
        byte[] bytes;
        try (InputStream in = fs.open(path)) {
            bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(location + ": no manifest (not a shard directory, or writing/staging did not finish)");
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new ManifestFormatException(location, "larger than " + MAX_MANIFEST_BYTES + " bytes; not a manifest");
        }
        return fromJson(new String(bytes, StandardCharsets.UTF_8), location);
    }

    /**
     * Parses and checks manifest JSON.
     *
     * @param location where the JSON came from, for messages
     * @throws ManifestFormatException naming the field and what was expected
     */
    public static Manifest fromJson(String json, String location) throws ManifestFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ManifestFormatException(location, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ManifestFormatException(location, "expected a JSON object");
        }
        Fields f = new Fields(location);
        String schema = f.text(root, "schema");
        if (!ShardFormat.SCHEMA.equals(schema)) {
            throw new ManifestFormatException(location, "schema '" + schema + "', expected '" + ShardFormat.SCHEMA + "'");
        }
        JsonNode s = f.object(root, "spec");
        DatasetSpec spec;
        try {
            spec = new DatasetSpec(f.text(s, "spec.name"), f.integer(s, "spec.height"), f.integer(s, "spec.width"),
                    f.integer(s, "spec.channels"), f.integer(s, "spec.classes"), f.integer(s, "spec.trainSamples"),
                    f.integer(s, "spec.testSamples"), f.longValue(s, "spec.seed"));
        } catch (IllegalArgumentException e) {
            throw new ManifestFormatException(location, "field 'spec': " + e.getMessage(), e);
        }
        String split = f.text(root, "split");
        if (!DatasetSpec.TRAIN.equals(split) && !DatasetSpec.TEST.equals(split)) {
            throw new ManifestFormatException(location, "field 'split' is '" + split + "', expected 'train' or 'test'");
        }
        int recordBytes = f.integer(root, "recordBytes");
        if (recordBytes != spec.imageBytes() + 1) {
            throw new ManifestFormatException(location, "field 'recordBytes' is " + recordBytes + ", expected "
                    + (spec.imageBytes() + 1) + " (1 label byte + " + spec.shape() + " image)");
        }
        JsonNode array = root.get("shards");
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new ManifestFormatException(location, "field 'shards' missing or empty, expected an array of at least one shard");
        }
        List<ShardInfo> shards = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            String at = "shards[" + i + "]";
            if (!node.isObject()) {
                throw new ManifestFormatException(location, "field '" + at + "' is not an object");
            }
            String name = f.text(node, at + ".name");
            if (!ShardFormat.SHARD_FILE.matcher(name).matches() || !names.add(name)) {
                throw new ManifestFormatException(location, "field '" + at + ".name' is '" + name
                        + "', expected a unique file name like part-00000.f2s");
            }
            long records = f.longValue(node, at + ".records");
            long bytes = f.longValue(node, at + ".bytes");
            if (records < 0 || bytes != ShardFormat.shardBytes(records, recordBytes)) {
                throw new ManifestFormatException(location, "field '" + at + ".bytes' is " + bytes + ", expected "
                        + ShardFormat.shardBytes(records, recordBytes) + " (" + ShardFormat.HEADER_BYTES + "-byte header + "
                        + records + " records of " + recordBytes + " bytes)");
            }
            String sha = f.text(node, at + ".sha256");
            if (!Sha256.isHex(sha)) {
                throw new ManifestFormatException(location, "field '" + at + ".sha256' is '" + sha + "', expected 64 lowercase hex digits");
            }
            shards.add(new ShardInfo(name, records, bytes, sha));
        }
        Manifest manifest = new Manifest(schema, spec, split, recordBytes, shards, f.text(root, "digest"));
        long records = f.longValue(root, "records");
        if (records != manifest.records()) {
            throw new ManifestFormatException(location, "field 'records' is " + records + ", expected " + manifest.records() + " (sum over shards)");
        }
        long bytes = f.longValue(root, "bytes");
        if (bytes != manifest.bytes()) {
            throw new ManifestFormatException(location, "field 'bytes' is " + bytes + ", expected " + manifest.bytes() + " (sum over shards)");
        }
        String computed = digestOf(shards);
        if (!computed.equals(manifest.digest())) {
            throw new ManifestFormatException(location, "field 'digest' is '" + manifest.digest() + "', expected " + computed
                    + " (SHA-256 over the shards' SHA-256 values)");
        }
        return manifest;
    }

    /** This manifest as pretty-printed JSON with a fixed field order and {@code \n} line ends. */
    public String toJson() {
        StringWriter out = new StringWriter();
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.setPrettyPrinter(pretty);
            g.writeStartObject();
            g.writeStringField("schema", schema);
            g.writeObjectFieldStart("spec");
            g.writeStringField("name", spec.name());
            g.writeNumberField("height", spec.height());
            g.writeNumberField("width", spec.width());
            g.writeNumberField("channels", spec.channels());
            g.writeNumberField("classes", spec.classes());
            g.writeNumberField("trainSamples", spec.trainSamples());
            g.writeNumberField("testSamples", spec.testSamples());
            g.writeNumberField("seed", spec.seed());
            g.writeEndObject();
            g.writeStringField("split", split);
            g.writeNumberField("recordBytes", recordBytes);
            g.writeNumberField("records", records());
            g.writeNumberField("bytes", bytes());
            g.writeArrayFieldStart("shards");
            for (ShardInfo shard : shards) {
                g.writeStartObject();
                g.writeStringField("name", shard.name());
                g.writeNumberField("records", shard.records());
                g.writeNumberField("bytes", shard.bytes());
                g.writeStringField("sha256", shard.sha256());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("digest", digest);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string cannot fail", e);
        }
        return out + "\n";
    }

    /** Reads typed fields, naming the field and the expectation when one is missing or wrong. */
    private record Fields(String location) {

        JsonNode get(JsonNode parent, String path, String expected) throws ManifestFormatException {
            JsonNode node = parent.get(path.substring(path.lastIndexOf('.') + 1));
            if (node == null || node.isNull()) {
                throw new ManifestFormatException(location, "field '" + path + "' missing, expected " + expected);
            }
            return node;
        }

        String text(JsonNode parent, String path) throws ManifestFormatException {
            JsonNode node = get(parent, path, "a string");
            if (!node.isTextual()) {
                throw new ManifestFormatException(location, "field '" + path + "' is " + node + ", expected a string");
            }
            return node.textValue();
        }

        JsonNode object(JsonNode parent, String path) throws ManifestFormatException {
            JsonNode node = get(parent, path, "an object");
            if (!node.isObject()) {
                throw new ManifestFormatException(location, "field '" + path + "' is " + node + ", expected an object");
            }
            return node;
        }

        int integer(JsonNode parent, String path) throws ManifestFormatException {
            JsonNode node = get(parent, path, "an integer");
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw new ManifestFormatException(location, "field '" + path + "' is " + node + ", expected a 32-bit integer");
            }
            return node.intValue();
        }

        long longValue(JsonNode parent, String path) throws ManifestFormatException {
            JsonNode node = get(parent, path, "an integer");
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw new ManifestFormatException(location, "field '" + path + "' is " + node + ", expected a 64-bit integer");
            }
            return node.longValue();
        }
    }
}
