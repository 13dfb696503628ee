package dev.factortwo.harness.state;

import dev.factortwo.harness.task.ParquetFormat;
import dev.factortwo.harness.task.ParquetPartitionReader;
import dev.factortwo.harness.task.ParquetRows;
import dev.factortwo.harness.task.PartitionData;
import dev.factortwo.harness.task.PartitionReader;
import dev.factortwo.harness.task.StagedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * A Parquet split as Spark-managed state reads it: one DataFrame per partition {@code p}, read by Spark's Parquet
 * reader from shard directories {@code p, p+P, ...}, persisted at the tier's level (Spark's columnar in-memory cache
 * on the memory tier, the same cached batches on disk on local-disk, not at all on remote stores, which every epoch
 * re-reads). Each epoch coalesces each DataFrame's rows to one partition, in partition order, and turns them back into
 * the samples in stored order with {@code mapPartitions} over rows ({@link ParquetRows}), counting the bytes the task's thread read from Hadoop file systems and the time it took.
 */
final class ParquetFrame {

    /** One DataFrame per partition: its shards' files, persisted at the tier's level. */
    private final List<Dataset<Row>> frames;
    private final boolean persisted;
    private final int partitions;

    private ParquetFrame(List<Dataset<Row>> frames, boolean persisted, int partitions) {
        this.frames = List.copyOf(frames);
        this.persisted = persisted;
        this.partitions = partitions;
    }

    static ParquetFrame of(StagedData staged, int partitions, StorageLevel level) {
        SparkSession spark = SparkSession.builder().getOrCreate();
        boolean persisted = level != StorageLevel.NONE();
        List<Dataset<Row>> frames = new ArrayList<>();
        try {
            Path dir = new Path(URI.create(staged.uri()));
            FileSystem fs = FileSystem.get(dir.toUri(), PartitionReader.configuration(staged.hadoopConf()));
            for (int p = 0; p < partitions; p++) {
                List<String> paths = new ArrayList<>();
                for (int s : ParquetPartitionReader.shardsOf(fs, dir, p, partitions)) {
                    paths.add(new Path(dir, ParquetFormat.shardDirectory(s)).toString());
                }
                Dataset<Row> part = spark.read().options(staged.hadoopConf()).option("basePath", staged.uri())
                        .parquet(paths.toArray(String[]::new));
                frames.add(persisted ? part.persist(level) : part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(staged + ": " + e.getMessage(), e);
        }
        return new ParquetFrame(frames, persisted, partitions);
    }

    /** Partition {@code p}'s samples in stored order, one {@link PartitionData} per partition, read and decoded every time. */
    JavaRDD<PartitionData> partitions(String where, LongAccumulator bytes, LongAccumulator opens, LongAccumulator nanos) {
        int parts = partitions;
        String[] fields = frames.get(0).schema().fieldNames();
        int shard = index(fields, ParquetFormat.SHARD), record = index(fields, ParquetFormat.RECORD),
                label = index(fields, ParquetFormat.LABEL), image = index(fields, ParquetFormat.IMAGE);
        // partition p of the union is the p-th frame's rows (RDD union keeps its parents' partitions in order; a union of
        // DataFrames, planned by the optimizer, did not)
        List<JavaRDD<Row>> each = frames.stream().map(f -> f.javaRDD().coalesce(1)).toList();
        JavaRDD<Row> inOrder = JavaSparkContext.fromSparkContext(frames.get(0).sparkSession().sparkContext())
                .union(each.toArray(JavaRDD[]::new));
        // the partition's samples are built when the task takes them (next()), not when Spark hands the task its iterator:
        // so the task's read time counts the scan and the decoding, as it counts the shards' read
        return inOrder.mapPartitionsWithIndex((Integer p, Iterator<Row> rows) -> lazily(() -> {
            long t0 = System.nanoTime();
            FsCounts before = FsCounts.ofThisThread();
            ParquetRows out = new ParquetRows(where, p);
            while (rows.hasNext()) {
                Row r = rows.next();
                int s = r.getInt(shard);
                if (s % parts != p) {
                    throw new IllegalStateException(where + ": a row of shard " + s + " reached partition " + p + " of " + parts);
                }
                out.add(s, r.getInt(record), r.getInt(label), (byte[]) r.get(image));
            }
            PartitionData d = out.build();
            FsCounts read = FsCounts.ofThisThread().minus(before);
            bytes.add(read.bytes);
            opens.add(read.ops); // Hadoop counts opens and listings together, and no read calls per thread
            nanos.add(System.nanoTime() - t0);
            return d;
        }), true);
    }

    /** One element, made by {@code make} at the first {@link Iterator#next}. */
    static <T> Iterator<T> lazily(java.util.function.Supplier<T> make) {
        return new Iterator<>() {
            private boolean taken;

            @Override
            public boolean hasNext() {
                return !taken;
            }

            @Override
            public T next() {
                if (taken) throw new java.util.NoSuchElementException();
                taken = true;
                return make.get();
            }
        };
    }

    private static int index(String[] fields, String name) {
        for (int i = 0; i < fields.length; i++) if (fields[i].equals(name)) return i;
        throw new IllegalStateException("no column " + name + " among " + String.join(", ", fields));
    }

    /** Inference over these DataFrames, written back beside {@code staged} and digested. */
    FrameInference.Output infer(StagedData staged, dev.factortwo.harness.task.ModelJob job, dev.factortwo.harness.nn.Weights weights) {
        return FrameInference.run(frames, staged, job, weights, partitions);
    }

    /** Removes the blocks of the DataFrames' columnar cache, as a lost executor would; their ids. */
    List<String> dropCachedBlocks() {
        if (!persisted) return List.of();
        var master = SparkEnv.get().blockManager().master();
        List<String> removed = new ArrayList<>();
        for (Dataset<Row> frame : frames) {
            var cached = ((org.apache.spark.sql.classic.SparkSession) frame.sparkSession()).sharedState().cacheManager()
                    .lookupCachedData((org.apache.spark.sql.classic.Dataset<?>) frame);
            if (cached.isEmpty()) continue;
            // the RDD the cache was built in (or, never run, a new one holding no block)
            var buffers = cached.get().cachedRepresentation().cacheBuilder().cachedColumnBuffers();
            for (int p = 0; p < buffers.getNumPartitions(); p++) {
                RDDBlockId block = new RDDBlockId(buffers.id(), p);
                if (master.getLocations(block).isEmpty()) continue;
                master.removeBlock(block);
                removed.add(block.name());
            }
        }
        return removed;
    }

    void close() {
        if (persisted) frames.forEach(f -> f.unpersist(true));
    }

    /** What Hadoop's file systems counted for the calling thread: bytes read and read operations (opens, lists). */
    private record FsCounts(long bytes, long ops) {
        @SuppressWarnings("deprecation") // the per-thread figures Spark's own input metrics read
        static FsCounts ofThisThread() {
            long b = 0, o = 0;
            for (FileSystem.Statistics s : FileSystem.getAllStatistics()) {
                b += s.getThreadStatistics().getBytesRead();
                o += s.getThreadStatistics().getReadOps();
            }
            return new FsCounts(b, o);
        }

        FsCounts minus(FsCounts o) {
            return new FsCounts(bytes - o.bytes, ops - o.ops);
        }
    }
}
