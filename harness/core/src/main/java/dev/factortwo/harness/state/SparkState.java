package dev.factortwo.harness.state;

import dev.factortwo.harness.task.Indexed;
import dev.factortwo.harness.task.PartitionInput;
import dev.factortwo.harness.task.PartitionTask;
import dev.factortwo.harness.task.TaskFaultPoint;
import dev.factortwo.harness.task.WorkerLocal;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.IoCount;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionData;
import dev.factortwo.harness.task.PartitionReader;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * Spark owns the data and the model state: the input is an RDD whose lineage reaches the staged files
 * (persisted {@code MEMORY_ONLY} on the memory tier, {@code DISK_ONLY} on local-disk, not at all on cold
 * tiers, which are re-read every epoch), weights travel by broadcast and come back with the tasks, and
 * the driver averages them in partition order. A lost partition is recomputed from its source. A columnar format
 * (Parquet) is read as a DataFrame instead, persisted at the same level in Spark's columnar cache ({@link ParquetFrame}),
 * and its rows become the same partitions every epoch.
 */
public record SparkState() implements StateMode {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public boolean workerLocal() {
        return false;
    }

    @Override
    public String recovery() {
        return "recomputed by Spark";
    }

    @Override
    public String keptOutsideSpark() {
        return "nothing: the input is an RDD persisted at the tier's storage level, weights travel with the tasks";
    }

    @Override
    public Execution open(JavaSparkContext sc, StagedData staged, int partitions, StorageTier tier) {
        return new SparkExecution(sc, staged, partitions, tier.sparkStorageLevel());
    }

    private static final class SparkExecution implements Execution {
        private final JavaSparkContext sc;
        private final JavaRDD<PartitionData> input;
        private final int partitions;
        private final LongAccumulator bytes, opens, calls, nanos;
        private final boolean persisted;
        /** The DataFrame of a columnar format, or null. */
        private final ParquetFrame frame;
        private final StagedData staged;

        SparkExecution(JavaSparkContext sc, StagedData staged, int partitions, StorageLevel level) {
            this.sc = sc;
            this.partitions = partitions;
            this.staged = staged;
            bytes = sc.sc().longAccumulator("factortwo.bytesRead");
            opens = sc.sc().longAccumulator("factortwo.filesOpened");
            calls = sc.sc().longAccumulator("factortwo.readCalls");
            nanos = sc.sc().longAccumulator("factortwo.readNanos");
            LongAccumulator b = bytes, o = opens, c = calls, n = nanos;
            int parts = partitions;
            if (staged.format().columnar()) {
                // the DataFrame is what is persisted (Spark's columnar cache); its rows become samples every epoch
                frame = ParquetFrame.of(staged, partitions, level);
                input = frame.partitions(staged.toString(), b, o, n).setName("factortwo input " + staged);
                persisted = false;
                return;
            }
            frame = null;
            JavaRDD<PartitionData> rdd = sc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
                    .map(p -> {
                        PartitionReader.Read r = PartitionReader.read(staged, p, parts);
                        r.io().addTo(b, o, c, n);
                        PartitionData d = r.data();
                        if (d.streaming()) {
                            // the shards stream in while the task uses them: counted once they are in, before the task ends
                            TaskContext.get().addTaskCompletionListener(
                                    (org.apache.spark.util.TaskCompletionListener) ctx -> d.streamedIo().addTo(b, o, c, n));
                        }
                        return d;
                    });
            rdd.setName("factortwo input " + staged);
            persisted = level != StorageLevel.NONE();
            this.input = persisted ? rdd.persist(level) : rdd;
        }

        @Override
        public JavaSparkContext sparkContext() {
            return sc;
        }

        @Override
        public <T> List<T> eachPartition(ModelJob job, PartitionTask<T> task) {
            BarrierStage.Body<PartitionData, T> body = fromCache(job, task);
            return Indexed.values(input.mapPartitions((Iterator<PartitionData> it) -> List.of(body.apply(it)).iterator())
                    .collect(), partitions);
        }

        @Override
        public <T> List<T> barrier(ModelJob job, PartitionTask<T> task) {
            return Indexed.values(BarrierStage.run(input, fromCache(job, task)), partitions);
        }

        @Override
        public <T> T whole(ModelJob job, PartitionTask<T> task) {
            List<Indexed<T>> out = input.coalesce(1).mapPartitions((Iterator<PartitionData> it) -> {
                long t0 = System.nanoTime();
                List<PartitionData> parts = new ArrayList<>();
                it.forEachRemaining(parts::add);
                parts.sort(Comparator.comparingInt(PartitionData::partition));
                PartitionData all = PartitionData.concat(parts);
                long readNanos = System.nanoTime() - t0;
                T value = task.runThrough(new PartitionInput(all, IoCount.NONE, readNanos, null, new TaskFaultPoint(job, 0)));
                return List.of(new Indexed<>(0, value, IoCount.NONE)).iterator();
            }).collect();
            return Indexed.values(out, 1).get(0);
        }

        @Override
        public int partitions() {
            return partitions;
        }

        private static <T> BarrierStage.Body<PartitionData, T> fromCache(ModelJob job, PartitionTask<T> task) {
            return it -> {
                long t0 = System.nanoTime();
                PartitionData d = it.next();
                long readNanos = System.nanoTime() - t0;
                T value = task.runThrough(new PartitionInput(d, IoCount.NONE, readNanos, null, new TaskFaultPoint(job, d.partition())));
                return new Indexed<>(d.partition(), value, IoCount.NONE);
            };
        }

        @Override
        public IoCount drainIo() {
            IoCount io = new IoCount(bytes.value(), opens.value(), calls.value(), nanos.value());
            bytes.reset();
            opens.reset();
            calls.reset();
            nanos.reset();
            return io;
        }

        @Override
        public java.util.Optional<FrameInference.Output> inferFrame(ModelJob job, Weights weights) {
            if (frame == null || job.emulated()) return java.util.Optional.empty();
            return java.util.Optional.of(frame.infer(staged, job, weights));
        }

        @Override
        public List<String> dropCachedBlocks() {
            if (frame != null) return frame.dropCachedBlocks();
            if (!persisted) return List.of();
            var master = SparkEnv.get().blockManager().master();
            List<String> removed = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                RDDBlockId block = new RDDBlockId(input.id(), p);
                if (master.getLocations(block).isEmpty()) continue;
                master.removeBlock(block);
                removed.add(block.name());
            }
            return removed;
        }

        @Override
        public Wipe wipeLocalState() {
            return Wipe.NOTHING;
        }

        @Override
        public void close() {
            if (frame != null) frame.close();
            if (persisted) input.unpersist(true);
        }
    }
}
