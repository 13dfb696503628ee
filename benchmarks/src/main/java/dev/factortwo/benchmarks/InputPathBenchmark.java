package dev.factortwo.benchmarks;

import dev.factortwo.datasets.Manifest;
import dev.factortwo.datasets.ShardInfo;
import dev.factortwo.datasets.ShardReader;
import dev.factortwo.harness.task.PartitionData;
import dev.factortwo.harness.task.PartitionReader;
import dev.factortwo.harness.task.StagedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each tier's read path against a raw sequential read of the same bytes. {@code harnessRead}:
 * {@link PartitionReader#read} of one partition holding every shard, as a task reads it (open through the
 * Hadoop file system of the tier, verify each shard's SHA-256 while streaming, copy the samples into the
 * partition's arrays). {@code rawNio}: {@link FileChannel} reads of the same shard files on the local file
 * system into one heap buffer, nothing else. {@code rawNioSha256}: the raw read plus the SHA-256 the harness
 * verifies, to tell the cost of checking from the cost of the path.
 *
 * <p>Every read is warm (page cache, or the embedded service's memory): this measures the harness's path,
 * not the disk. The {@code memory} tier reads its source files like {@code local-disk} the first time; later
 * epochs are served from the state mode's cache and read nothing.
 *
 * <p>Throughput ratio = time of {@code rawNio} / time of {@code harnessRead}. Target for {@code local-disk}:
 * at least 0.8. {@code whatIfSharedConfiguration} is the harness's read with its Hadoop configuration built
 * once instead of per read: the gap between it and {@code harnessRead} is what a cached configuration in
 * {@link PartitionReader} would save.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InputPathBenchmark {

    /** 12,000 samples of 785 bytes in 2 shards: 9.4 MB, a quick-suite run's worth. */
    static final int SAMPLES = 12_000;
    static final int SHARDS = 2;

    @State(Scope.Benchmark)
    public static class Tier {
        @Param({"memory", "local-disk", "hdfs", "s3"})
        public String tier;

        StagedData staged;
        StagedSynthetic data;
        Configuration sharedConf;

        @Setup(Level.Trial)
        public void setUp() {
            data = new StagedSynthetic(SAMPLES, SHARDS);
            long t0 = System.nanoTime();
            staged = data.stage(tier);
            System.out.printf("%n%s: started and staged in %.1f s%n", tier, (System.nanoTime() - t0) / 1e9);
            sharedConf = PartitionReader.configuration(staged.hadoopConf());
            sharedConf.get("fs.defaultFS");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            data.close();
        }
    }

    @State(Scope.Benchmark)
    public static class LocalFiles {
        StagedSynthetic data;
        List<Path> files;
        ByteBuffer buffer;
        long bytes;

        @Setup(Level.Trial)
        public void setUp() {
            data = new StagedSynthetic(SAMPLES, SHARDS);
            files = data.shards.manifest().shards().stream().map(s -> data.shards.dir().resolve(s.name())).toList();
            bytes = data.shards.manifest().shards().stream().mapToLong(ShardInfo::bytes).sum();
            long largest = data.shards.manifest().shards().stream().mapToLong(ShardInfo::bytes).max().orElse(0);
            buffer = ByteBuffer.allocate((int) largest);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            data.close();
        }
    }

    @Benchmark
    public PartitionReader.Read harnessRead(Tier t) {
        return PartitionReader.read(t.staged, 0, 1);
    }

    /**
     * What-if: {@link PartitionReader#read}'s steps (manifest, shards of the partition, verified streaming into
     * the partition's arrays) with one Hadoop {@link Configuration} built before timing instead of a new one
     * per read; the only difference to {@code harnessRead}, besides not counting bytes.
     */
    @Benchmark
    public PartitionData whatIfSharedConfiguration(Tier t) throws IOException {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(URI.create(t.staged.uri()));
        FileSystem fs = FileSystem.get(dir.toUri(), t.sharedConf);
        Manifest m = Manifest.read(fs, dir);
        List<ShardInfo> shards = PartitionReader.shardsOf(m, 0, 1);
        int total = (int) shards.stream().mapToLong(ShardInfo::records).sum();
        int imageBytes = m.recordBytes() - 1;
        byte[] labels = new byte[total];
        byte[] images = new byte[total * imageBytes];
        int[] next = {0};
        for (ShardInfo shard : shards) {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir, shard.name());
            try (InputStream in = fs.open(file)) {
                ShardReader.read(in, file.toString(), shard, m.recordBytes(), (index, label, image) -> {
                    labels[next[0]] = (byte) label;
                    System.arraycopy(image, 0, images, next[0] * imageBytes, imageBytes);
                    next[0]++;
                });
            }
        }
        return new PartitionData(0, total, imageBytes, labels, images);
    }

    @Benchmark
    public long rawNio(LocalFiles f) throws IOException {
        long total = 0;
        for (Path file : f.files) total += readFully(file, f.buffer);
        if (total != f.bytes) throw new IllegalStateException("read " + total + " bytes, expected " + f.bytes);
        return total;
    }

    @Benchmark
    public byte[] rawNioSha256(LocalFiles f) throws IOException, NoSuchAlgorithmException {
        byte[] last = null;
        for (Path file : f.files) {
            int n = readFully(file, f.buffer);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(f.buffer.array(), 0, n);
            last = md.digest();
        }
        return last;
    }

    private static int readFully(Path file, ByteBuffer buffer) throws IOException {
        buffer.clear();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buffer) > 0) {
                // until the file is in the buffer
            }
        }
        return buffer.position();
    }
}
