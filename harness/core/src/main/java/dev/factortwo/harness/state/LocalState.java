package dev.factortwo.harness.state;

import dev.factortwo.harness.task.Indexed;
import dev.factortwo.harness.task.PartitionInput;
import dev.factortwo.harness.task.PartitionTask;
import dev.factortwo.harness.task.WorkerLocal;
import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.InjectedTaskFailure;
import dev.factortwo.harness.task.IoCount;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionData;
import dev.factortwo.harness.task.PartitionReader;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Data and model state in the workers' own memory, outside Spark: Spark only schedules one task per
 * partition. Each task fills a worker-local cache on first use (memory and cold tiers; the local-disk tier
 * re-reads its local files every epoch) and keeps its TensorFlow model between rounds. Fast, and not
 * recomputable by Spark: if a worker loses it, Spark does not know.
 */
public record LocalState() implements StateMode {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean workerLocal() {
        return true;
    }

    @Override
    public String recovery() {
        return "recovered by the tasks themselves";
    }

    @Override
    public String keptOutsideSpark() {
        return "the input (except on local-disk, re-read every epoch; decoded to floats once) and the TensorFlow models, in each worker JVM's memory";
    }

    @Override
    public Execution open(JavaSparkContext sc, StagedData staged, int partitions, StorageTier tier) {
        return new LocalExecution(sc, staged, partitions, tier.workerLocalCopy());
    }

    private static final class LocalExecution implements Execution {
        private final JavaSparkContext sc;
        private final StagedData staged;
        private final int partitions;
        private final boolean cacheData;
        private final String runKey = "local:" + UUID.randomUUID() + ":";
        private IoCount pending = IoCount.NONE;

        LocalExecution(JavaSparkContext sc, StagedData staged, int partitions, boolean cacheData) {
            this.sc = sc;
            this.staged = staged;
            this.partitions = partitions;
            this.cacheData = cacheData;
        }

        private JavaRDD<Integer> slots() {
            return sc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions);
        }

        @Override
        public JavaSparkContext sparkContext() {
            return sc;
        }

        @Override
        public <T> List<T> eachPartition(PartitionTask<T> task) {
            BarrierStage.Body<Integer, T> body = fromWorker(staged, partitions, cacheData, runKey, task);
            return collected(slots().mapPartitions((java.util.Iterator<Integer> it) -> List.of(body.apply(it)).iterator()).collect(), partitions);
        }

        @Override
        public <T> List<T> barrier(PartitionTask<T> task) {
            return collected(BarrierStage.run(slots(), fromWorker(staged, partitions, cacheData, runKey, task)), partitions);
        }

        @Override
        public <T> T whole(PartitionTask<T> task) {
            StagedData s = staged;
            int parts = partitions;
            boolean cache = cacheData;
            String key = runKey;
            List<Indexed<T>> out = sc.parallelize(List.of(0), 1).map(ignored -> {
                long t0 = System.nanoTime();
                Loaded l = loadWhole(s, key + "data:whole", parts, cache);
                long readNanos = System.nanoTime() - t0;
                return new Indexed<>(0, task.run(new PartitionInput(l.data, l.io, readNanos, key + "model:whole")), l.io);
            }).collect();
            return collected(out, 1).get(0);
        }

        @Override
        public int partitions() {
            return partitions;
        }

        @Override
        public boolean keepsModels() {
            return true;
        }

        private <T> List<T> collected(List<Indexed<T>> out, int expected) {
            out.forEach(o -> pending = pending.plus(o.io()));
            return Indexed.values(out, expected);
        }

        private static <T> BarrierStage.Body<Integer, T> fromWorker(StagedData s, int parts, boolean cache, String key,
                                                                   PartitionTask<T> task) {
            return it -> {
                int p = it.next();
                long t0 = System.nanoTime();
                Loaded l = load(s, key + "data:" + p, p, parts, cache);
                long readNanos = System.nanoTime() - t0;
                return new Indexed<>(p, task.run(new PartitionInput(l.data, l.io, readNanos, key + "model:" + p)), l.io);
            };
        }

        @Override
        public IoCount drainIo() {
            IoCount io = pending;
            pending = IoCount.NONE;
            return io;
        }

        @Override
        public int dropCachedBlocks() {
            return 0;
        }

        @Override
        public Wipe wipeLocalState() {
            return WorkerWipe.run(sc, runKey);
        }

        @Override
        public void close() {
            // the data goes; the models stay idle for the next execution, which sets their weights
            WorkerLocal.release(runKey);
        }
    }

    private record Loaded(PartitionData data, IoCount io) {
    }

    /**
     * Partition {@code p}: read from the store, or from this worker's cache (filled on first use and decoded once
     * there, since it serves every epoch).
     */
    private static Loaded load(StagedData s, String key, int p, int parts, boolean cache) {
        if (!cache) {
            PartitionReader.Read r = PartitionReader.read(s, p, parts);
            return new Loaded(r.data(), r.io());
        }
        IoCount[] io = {IoCount.NONE};
        PartitionData d = WorkerLocal.data(key, k -> {
            PartitionReader.Read r = PartitionReader.read(s, p, parts);
            io[0] = r.io();
            return r.data().decoded();
        });
        return new Loaded(d, io[0]);
    }

    /**
     * Every partition concatenated in partition order, for one worker: cached whole (and decoded once) where the tier
     * is cached, so that the concatenation is not rebuilt every epoch; read and concatenated afresh otherwise.
     */
    private static Loaded loadWhole(StagedData s, String key, int parts, boolean cache) {
        IoCount[] io = {IoCount.NONE};
        java.util.function.Supplier<PartitionData> read = () -> {
            List<PartitionData> all = new java.util.ArrayList<>();
            for (int p = 0; p < parts; p++) {
                PartitionReader.Read r = PartitionReader.read(s, p, parts);
                all.add(r.data());
                io[0] = io[0].plus(r.io());
            }
            return PartitionData.concat(all);
        };
        if (!cache) {
            PartitionData d = read.get();
            return new Loaded(d, io[0]);
        }
        PartitionData d = WorkerLocal.data(key, k -> read.get().decoded());
        return new Loaded(d, io[0]);
    }
}
