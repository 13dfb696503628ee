package dev.factortwo.datasets;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a split of a {@link DatasetSource} to a local shard directory ({@link ShardFormat}).
 *
 * <p>Streams: one pass over the source, one record in memory at a time, so datasets far larger than
 * memory work. Atomic: each shard is written to {@code part-NNNNN.f2s.tmp} and renamed when complete;
 * an old {@code manifest.json} is deleted first and the new one is written last (also via a temporary
 * file), so the directory has a manifest only when every shard it names is complete. Old
 * {@code part-*.f2s} files in the directory are removed.
 *
 * <pre>{@code
 * Manifest m = ShardWriter.write(Datasets.open("fashion-mnist", null, null), "train", 0, 8, Path.of("/data/fmnist/train"));
 * }</pre>
 */
public final class ShardWriter {

    private ShardWriter() {
    }

    /**
     * Writes the first {@code limit} records (0 = all) of {@code split} as {@code shards} shards into {@code dir}.
     *
     * @param shards number of shard files, at least 1; records are spread so sizes differ by at most one
     *               (a shard may be empty when there are fewer records than shards)
     * @return the manifest written to {@code dir/manifest.json}
     */
    public static Manifest write(DatasetSource src, String split, long limit, int shards, Path dir) throws IOException {
        if (shards < 1) {
            throw new IllegalArgumentException("shards " + shards + ", expected at least 1");
        }
        DatasetSpec spec = src.spec();
        long total = src.effectiveLimit(split, limit);
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(ShardFormat.MANIFEST));
        deleteOldShards(dir);

        long[] counts = new long[shards];
        for (int j = 0; j < shards; j++) {
            counts[j] = total / shards + (j < total % shards ? 1 : 0);
        }
        List<ShardInfo> infos = new ArrayList<>(shards);
        int recordBytes = spec.imageBytes() + 1;
        ShardOutput[] current = {null};
        long[] written = {0};
        try {
            current[0] = nextShard(dir, 0, counts, recordBytes);
            src.forEach(split, total, (index, label, image) -> {
                if (label < 0 || label >= spec.classes()) {
                    throw new IOException(spec.name() + "/" + split + " record " + index + ": label " + label
                            + ", expected 0 to " + (spec.classes() - 1));
                }
                while (current[0].full()) {
                    current[0] = current[0].finish(infos, counts, recordBytes);
                }
                current[0].write(label, image, recordBytes - 1);
                written[0]++;
            });
            if (written[0] != total) {
                throw new IOException(spec.name() + "/" + split + ": source gave " + written[0] + " records, expected " + total);
            }
            while (current[0] != null) {
                current[0] = current[0].finish(infos, counts, recordBytes);
            }
        } catch (IOException | RuntimeException e) {
            if (current[0] != null) {
                current[0].abandon();
            }
            throw e;
        }
        Manifest manifest = Manifest.of(spec, split, infos);
        Path tmp = dir.resolve(ShardFormat.MANIFEST + ".tmp");
        Files.writeString(tmp, manifest.toJson(), StandardCharsets.UTF_8);
        move(tmp, dir.resolve(ShardFormat.MANIFEST));
        return manifest;
    }

    private static void deleteOldShards(Path dir) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "part-*" + ShardFormat.SUFFIX + "*")) {
            for (Path p : old) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static ShardOutput nextShard(Path dir, int index, long[] counts, int recordBytes) throws IOException {
        return index < counts.length ? new ShardOutput(dir, index, counts[index], recordBytes) : null;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** One shard being written: a temporary file, its digest, and how many records it still needs. */
    private static final class ShardOutput {
        private final Path dir;
        private final int index;
        private final long records;
        private final Path tmp;
        private final MessageDigest digest = Sha256.newDigest();
        private final OutputStream out;
        private long written;

        ShardOutput(Path dir, int index, long records, int recordBytes) throws IOException {
            this.dir = dir;
            this.index = index;
            this.records = records;
            this.tmp = dir.resolve(ShardFormat.shardName(index) + ".tmp");
            this.out = new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(tmp), digest), 1 << 16);
            out.write(ShardFormat.header(recordBytes, records));
        }

        boolean full() {
            return written == records;
        }

        void write(int label, byte[] image, int imageBytes) throws IOException {
            out.write(label);
            out.write(image, 0, imageBytes);
            written++;
        }

        /** Closes and renames this shard, records it, and opens the next one (null after the last). */
        ShardOutput finish(List<ShardInfo> infos, long[] counts, int recordBytes) throws IOException {
            out.close();
            String name = ShardFormat.shardName(index);
            move(tmp, dir.resolve(name));
            infos.add(new ShardInfo(name, records, ShardFormat.shardBytes(records, recordBytes), Sha256.hex(digest.digest())));
            return nextShard(dir, index + 1, counts, recordBytes);
        }

        void abandon() {
            try {
                out.close();
            } catch (IOException ignored) {
                // the write already failed; the temporary file goes away below
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: a stray .tmp file is never named by a manifest
            }
        }
    }
}
