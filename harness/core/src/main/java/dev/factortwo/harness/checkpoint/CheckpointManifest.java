package dev.factortwo.harness.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A checkpoint's manifest, written last: a checkpoint without one was torn (its writer died before it) and is never
 * read. A versioned text file, one fact per line:
 *
 * <pre>
 * factortwo-checkpoint 1
 * round 3
 * seed 42
 * syncEvery 8
 * stepsDone 72,72
 * optimizer zero at a round boundary (momentum accumulators reset when a round sets its replicas' weights)
 * part replica-0 SHA256HEX BYTES
 * part replica-1 SHA256HEX BYTES
 * part synced SHA256HEX BYTES
 * </pre>
 *
 * @param round      the last round the checkpoint includes
 * @param seed       the cell's seed
 * @param syncEvery  steps between synchronisations (0: end)
 * @param stepsDone  per replica, steps run so far
 * @param parts      every part, in the order written
 */
public record CheckpointManifest(int round, long seed, int syncEvery, List<Long> stepsDone, List<Part> parts) {

    /** The format's version, the manifest's first line. */
    public static final int VERSION = 1;
    static final String MAGIC = "factortwo-checkpoint";
    /** What a checkpoint says of the optimizer's state. */
    public static final String OPTIMIZER_STATE = "zero at a round boundary (momentum accumulators reset when a round sets its replicas' weights)";

    /** One part: its name in the checkpoint's directory, the SHA-256 of its bytes (hex), its length. */
    public record Part(String name, String sha256, long bytes) {
    }

    public CheckpointManifest {
        stepsDone = List.copyOf(stepsDone);
        parts = List.copyOf(parts);
    }

    public byte[] encode() {
        StringBuilder b = new StringBuilder();
        b.append(MAGIC).append(' ').append(VERSION).append('\n');
        b.append("round ").append(round).append('\n');
        b.append("seed ").append(seed).append('\n');
        b.append("syncEvery ").append(syncEvery).append('\n');
        b.append("stepsDone ").append(String.join(",", stepsDone.stream().map(String::valueOf).toList())).append('\n');
        b.append("optimizer ").append(OPTIMIZER_STATE).append('\n');
        for (Part p : parts) b.append(String.format(Locale.ROOT, "part %s %s %d%n", p.name(), p.sha256(), p.bytes()));
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The manifest in {@code bytes}.
     *
     * @throws CorruptCheckpointException naming {@code where} and the line, when it is not a manifest this version reads
     */
    public static CheckpointManifest parse(String where, byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        if (lines.length < 6 || !lines[0].equals(MAGIC + " " + VERSION)) {
            throw new CorruptCheckpointException(where + ": not a version-" + VERSION + " checkpoint manifest (first line '"
                    + (lines.length == 0 ? "" : lines[0]) + "')");
        }
        try {
            int round = Integer.parseInt(value(lines[1], "round"));
            long seed = Long.parseLong(value(lines[2], "seed"));
            int syncEvery = Integer.parseInt(value(lines[3], "syncEvery"));
            String steps = value(lines[4], "stepsDone");
            List<Long> stepsDone = steps.isEmpty() ? List.of() : Arrays.stream(steps.split(",")).map(Long::parseLong).toList();
            value(lines[5], "optimizer");
            List<Part> parts = new ArrayList<>();
            for (int i = 6; i < lines.length; i++) {
                if (lines[i].isBlank()) continue;
                String[] f = value(lines[i], "part").split(" ");
                if (f.length != 3) throw new IllegalArgumentException("line " + (i + 1) + ": expected 'part NAME SHA256 BYTES'");
                parts.add(new Part(f[0], f[1], Long.parseLong(f[2])));
            }
            return new CheckpointManifest(round, seed, syncEvery, stepsDone, parts);
        } catch (IllegalArgumentException e) {
            throw new CorruptCheckpointException(where + ": unreadable manifest: " + e.getMessage(), e);
        }
    }

    private static String value(String line, String key) {
        if (!line.startsWith(key + " ") && !line.equals(key)) throw new IllegalArgumentException("expected '" + key + " ...', found '" + line + "'");
        return line.length() > key.length() ? line.substring(key.length() + 1) : "";
    }
}
