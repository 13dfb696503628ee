package dev.factortwo.harness.task;

import dev.factortwo.datasets.Manifest;
import dev.factortwo.datasets.ShardInfo;
import dev.factortwo.datasets.ShardReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads one partition of a staged split straight from its store, in the split's format ({@link DataFormat#read}); for
 * shards: shards {@code p, p+P, p+2P, ...} in order, each verified against the manifest's SHA-256 while it streams.
 * Counts what it read.
 */
public final class PartitionReader {

    private PartitionReader() {
    }

    /** The shards of partition {@code p} of {@code partitions}, in order. */
    public static List<ShardInfo> shardsOf(Manifest m, int p, int partitions) {
        List<ShardInfo> out = new ArrayList<>();
        for (int i = p; i < m.shards().size(); i += partitions) out.add(m.shards().get(i));
        return out;
    }

    /** One Configuration per store's settings, per JVM: building one re-parses Hadoop's default XML files,
     * which was 64% of a local-disk read's time (measured with JFR by the harness's own benchmarks). */
    private static final Map<Map<String, String>, Configuration> CONFIGURATIONS = new java.util.concurrent.ConcurrentHashMap<>();

    public static Configuration configuration(Map<String, String> entries) {
        return CONFIGURATIONS.computeIfAbsent(Map.copyOf(entries), e -> {
            Configuration conf = new Configuration();
            e.forEach(conf::set);
            return conf;
        });
    }

    /** Reads partition {@code p} of {@code partitions}, in {@code staged}'s format. */
    public static Read read(StagedData staged, int p, int partitions) {
        return staged.format().read(staged, p, partitions);
    }

    /**
     * Reads partition {@code p} of shards. Where {@code staged} {@link StagedData#streaming streams}, the shards are read
     * by a reader thread of the task's while the task uses what has arrived ({@link PartitionData#awaitSamples}): the
     * returned read counts the manifest, and {@link PartitionData#streamedIo} the shards once they are in.
     */
    static Read readShards(StagedData staged, int p, int partitions) {
        long t0 = System.nanoTime();
        try {
            Configuration conf = configuration(staged.hadoopConf());
            Path dir = new Path(URI.create(staged.uri()));
            FileSystem fs = FileSystem.get(dir.toUri(), conf);
            Manifest m = Manifest.read(fs, dir);
            List<ShardInfo> shards = shardsOf(m, p, partitions);
            long total = shards.stream().mapToLong(ShardInfo::records).sum();
            if (total > Integer.MAX_VALUE / Math.max(1, m.recordBytes())) {
                throw new IllegalStateException(staged + ": partition " + p + " holds " + total
                        + " samples, too many for one task's memory; use more partitions");
            }
            int imageBytes = m.recordBytes() - 1;
            byte[] labels = new byte[(int) total];
            byte[] images = new byte[(int) total * imageBytes];
            if (!staged.streaming()) {
                IoCount shardsRead = fill(fs, dir, shards, m.recordBytes(), labels, images, null);
                PartitionData data = new PartitionData(p, (int) total, imageBytes, labels, images);
                return new Read(data, new IoCount(shardsRead.bytesRead(), shards.size() + 1, shardsRead.readCalls(), System.nanoTime() - t0));
            }
            Arrival arrival = new Arrival((int) total);
            PartitionData data = new PartitionData(p, (int) total, imageBytes, labels, images, null, arrival);
            Thread reader = new Thread(() -> {
                try {
                    arrival.done(fill(fs, dir, shards, m.recordBytes(), labels, images, arrival));
                } catch (IOException e) {
                    arrival.failed(new UncheckedIOException(staged + ", partition " + p + ": " + e.getMessage(), e));
                } catch (RuntimeException e) {
                    arrival.failed(e);
                } catch (Error e) {
                    arrival.failed(new IllegalStateException(staged + ", partition " + p + ": reader stopped: " + e, e));
                    throw e;
                }
            }, "factortwo-reader-" + p);
            reader.setDaemon(true);
            reader.start();
            return new Read(data, new IoCount(0, 1, 0, System.nanoTime() - t0));
        } catch (IOException e) {
            throw new UncheckedIOException(staged + ", partition " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code shards} in order into {@code labels} and {@code images}, telling {@code arrival} (if any) after each
     * record; returns the shards' bytes, files, calls and time.
     */
    private static IoCount fill(FileSystem fs, Path dir, List<ShardInfo> shards, int recordBytes, byte[] labels, byte[] images,
                                Arrival arrival) throws IOException {
        long t0 = System.nanoTime();
        int imageBytes = recordBytes - 1;
        int[] next = {0};
        long bytes = 0, calls = 0;
        for (ShardInfo shard : shards) {
            Path file = new Path(dir, shard.name());
            try (FSDataInputStream raw = fs.open(file); CountingInputStream in = new CountingInputStream(raw)) {
                ShardReader.read(in, file.toString(), shard, recordBytes, (index, label, image) -> {
                    labels[next[0]] = (byte) label;
                    System.arraycopy(image, 0, images, next[0] * imageBytes, imageBytes);
                    next[0]++;
                    if (arrival != null) arrival.arrived(next[0]);
                });
                bytes += in.bytes;
                calls += in.calls;
            }
        }
        return new IoCount(bytes, shards.size(), calls, System.nanoTime() - t0);
    }

    /** A partition and what reading it cost. */
    public record Read(PartitionData data, IoCount io) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }
}
