package dev.factortwo.harness.checkpoint;

import dev.factortwo.datasets.Sha256;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.tier.CheckpointStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a run's checkpoints to a tier and restores them. A checkpoint is a directory {@code round-NNNNNN} of parts
 * (one per replica, {@code replica-P}, and the driver's synchronised weights, {@code synced}) and a
 * {@link CheckpointManifest}, published last and atomically ({@link CheckpointStore#publish}): a checkpoint whose
 * manifest is missing was torn and is never read. A restore reads the newest checkpoint with a manifest, checks every
 * part's length and SHA-256 against it, and refuses a corrupt one ({@link CorruptCheckpointException}, naming the part).
 *
 * <p>Counts what the tier's client spent ({@link #figures()}): only the store's calls are timed, not encoding, hashing
 * or checking. Driver only; not thread-safe.
 *
 * <pre>{@code
 * Checkpoints cps = new Checkpoints(tier.checkpoints("run-1"));
 * cps.write(new Checkpoint(round, seed, syncEvery, steps, replicas, synced));
 * Checkpoint back = cps.latest().orElseThrow();   // verified part by part
 * }</pre>
 */
public final class Checkpoints {

    static final String MANIFEST = "MANIFEST";
    static final String SYNCED = "synced";

    private final CheckpointStore store;
    private CheckpointFigures figures = CheckpointFigures.NONE;

    public Checkpoints(CheckpointStore store) {
        this.store = store;
    }

    /** The store's client, for results. */
    public String client() {
        return store.client();
    }

    /** What the store's client spent so far. */
    public CheckpointFigures figures() {
        return figures;
    }

    /** The directory of round {@code round}'s checkpoint: {@code round-000003}. */
    public static String directory(int round) {
        return String.format(Locale.ROOT, "round-%06d", round);
    }

    static String replicaPart(int p) {
        return "replica-" + p;
    }

    /** Writes {@code c}: its parts, then its manifest. Returns the bytes written. */
    public long write(Checkpoint c) {
        String dir = directory(c.round());
        List<CheckpointManifest.Part> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<byte[]> blobs = new ArrayList<>();
        for (int p = 0; p < c.partitions(); p++) {
            names.add(replicaPart(p));
            blobs.add(encode(c.replicas().get(p)));
        }
        names.add(SYNCED);
        blobs.add(encode(c.synced()));
        long bytes = 0, nanos = 0;
        try {
            for (int i = 0; i < names.size(); i++) {
                byte[] b = blobs.get(i);
                parts.add(new CheckpointManifest.Part(names.get(i), Sha256.hex(Sha256.newDigest().digest(b)), b.length));
                long t0 = System.nanoTime();
                store.write(dir + "/" + names.get(i), b);
                nanos += System.nanoTime() - t0;
                bytes += b.length;
            }
            byte[] manifest = new CheckpointManifest(c.round(), c.seed(), c.syncEvery(), c.stepsDone(), parts).encode();
            long t0 = System.nanoTime();
            store.publish(dir + "/" + MANIFEST, manifest);
            nanos += System.nanoTime() - t0;
            bytes += manifest.length;
        } catch (IOException e) {
            throw new UncheckedIOException("checkpoint " + dir + " at " + store.client() + ": " + e.getMessage(), e);
        }
        figures = figures.plus(new CheckpointFigures(1, nanos, bytes, 0, 0, 0));
        return bytes;
    }

    /** The rounds whose checkpoint has a manifest, oldest first; directories without one (torn) are left out. */
    public List<Integer> complete() {
        try {
            return store.list().stream().filter(n -> n.startsWith("round-") && n.endsWith("/" + MANIFEST))
                    .map(n -> Integer.parseInt(n.substring("round-".length(), n.indexOf('/')))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing checkpoints at " + store.client() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The newest complete checkpoint, verified, or empty when there is none.
     *
     * @throws CorruptCheckpointException when its manifest or a part does not check out, naming the part
     */
    public Optional<Checkpoint> latest() {
        List<Integer> rounds = complete();
        return rounds.isEmpty() ? Optional.empty() : Optional.of(read(rounds.get(rounds.size() - 1)));
    }

    /**
     * Round {@code round}'s checkpoint, every part's length and SHA-256 checked against its manifest.
     *
     * @throws CorruptCheckpointException naming the part that does not check out, or the manifest
     */
    public Checkpoint read(int round) {
        String dir = directory(round);
        String where = "checkpoint " + dir + " at " + store.client();
        long bytes = 0, nanos = 0;
        CheckpointManifest m;
        List<Weights> replicas = new ArrayList<>();
        Weights synced = null;
        try {
            long t0 = System.nanoTime();
            byte[] raw = store.read(dir + "/" + MANIFEST);
            nanos += System.nanoTime() - t0;
            bytes += raw.length;
            m = CheckpointManifest.parse(where + ": " + MANIFEST, raw);
            if (m.round() != round) throw new CorruptCheckpointException(where + ": manifest says round " + m.round());
            for (CheckpointManifest.Part part : m.parts()) {
                byte[] b;
                long t1 = System.nanoTime();
                try {
                    b = store.read(dir + "/" + part.name());
                } catch (FileNotFoundException e) {
                    throw new CorruptCheckpointException(where + ": part " + part.name() + " is missing", e);
                }
                nanos += System.nanoTime() - t1;
                bytes += b.length;
                String sha = Sha256.hex(Sha256.newDigest().digest(b));
                if (b.length != part.bytes() || !sha.equals(part.sha256())) {
                    throw new CorruptCheckpointException(String.format(Locale.ROOT, "%s: part %s: SHA-256 %s (%d bytes), manifest expects %s (%d bytes)",
                            where, part.name(), sha, b.length, part.sha256(), part.bytes()));
                }
                Weights w = decode(where + ": part " + part.name(), b);
                if (part.name().equals(SYNCED)) synced = w;
                else replicas.add(w);
            }
        } catch (IOException e) {
            throw new CorruptCheckpointException(where + ": " + e.getMessage(), e);
        }
        figures = figures.plus(new CheckpointFigures(0, 0, 0, 1, nanos, bytes));
        if (synced == null || replicas.size() != m.stepsDone().size()) {
            throw new CorruptCheckpointException(where + ": manifest lists " + replicas.size() + " replica parts for "
                    + m.stepsDone().size() + " replicas" + (synced == null ? " and no part " + SYNCED : ""));
        }
        return new Checkpoint(m.round(), m.seed(), m.syncEvery(), m.stepsDone(), replicas, synced);
    }

    /** Weights as bytes: tensors, then each tensor's length and its floats, big-endian. */
    static byte[] encode(Weights w) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, 4 + w.size() * 4L + w.parameters() * 4));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(w.size());
            for (int i = 0; i < w.size(); i++) {
                float[] t = w.tensor(i);
                out.writeInt(t.length);
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(t.length * 4);
                buf.asFloatBuffer().put(t);
                out.write(buf.array());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Weights decode(String where, byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int n = in.readInt();
            if (n < 0 || n > b.length / 4) throw new IOException("bad tensor count " + n);
            List<float[]> tensors = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int len = in.readInt();
                if (len < 0 || len > b.length / 4) throw new IOException("tensor " + i + ": bad length " + len);
                byte[] raw = in.readNBytes(len * 4);
                if (raw.length != len * 4) throw new IOException("tensor " + i + ": truncated");
                float[] t = new float[len];
                java.nio.ByteBuffer.wrap(raw).asFloatBuffer().get(t);
                tensors.add(t);
            }
            if (in.read() != -1) throw new IOException("bytes after the last tensor");
            return new Weights(tensors);
        } catch (IOException e) {
            throw new CorruptCheckpointException(where + ": undecodable weights: " + e.getMessage(), e);
        }
    }
}
