package dev.factortwo.harness.state;

import dev.factortwo.harness.task.Indexed;
import dev.factortwo.harness.task.PartitionInput;
import dev.factortwo.harness.task.PartitionTask;
import dev.factortwo.harness.task.TaskFaultPoint;
import dev.factortwo.harness.task.WorkerLocal;
import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.IoCount;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionData;
import dev.factortwo.harness.task.PartitionReader;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.task.TaskOutcome;
import dev.factortwo.harness.task.Placement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

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
        private Placement placed = Placement.NONE;
        /** Per partition, the executor (id, host) whose task's result was kept last: where its state lives. */
        private final String[] homeId;
        private final String[] homeHost;
        /** Stages run over the partitions' state, so far: the synchronisation a replica must belong to. */
        private int stages;
        /** The same for the single task over every partition ({@link #whole}). */
        private final String[] wholeId = new String[1];
        private final String[] wholeHost = new String[1];
        private int wholeStages;
        private final TaskLocality locality = new TaskLocality();
        /** Stages whose tasks' locality levels are still to be read from Spark's listener. */
        private final java.util.Set<Integer> pendingStages = new java.util.TreeSet<>();

        LocalExecution(JavaSparkContext sc, StagedData staged, int partitions, boolean cacheData) {
            this.sc = sc;
            this.staged = staged;
            this.partitions = partitions;
            this.cacheData = cacheData;
            this.homeId = new String[partitions];
            this.homeHost = new String[partitions];
            sc.sc().addSparkListener(locality);
        }

        /**
         * One task per partition; on a cluster, once the partitions have homes, each prefers its home executor with
         * Spark's executor-level location ({@code executor_HOST_ID}, {@code ExecutorCacheTaskLocation}), so that the
         * scheduler sends it back there unless the executor is gone or {@code spark.locality.wait} runs out. In local
         * mode the driver is the one executor, and there is nothing to prefer.
         */
        private JavaRDD<Integer> slots() {
            if (sc.sc().isLocal() || homeId[0] == null) {
                return sc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions);
            }
            List<String> at = new java.util.ArrayList<>();
            for (int p = 0; p < partitions; p++) at.add(location(homeHost[p], homeId[p]));
            return preferring(sc, at);
        }

        @Override
        public JavaSparkContext sparkContext() {
            return sc;
        }

        @Override
        public <T> List<T> eachPartition(ModelJob job, PartitionTask<T> task) {
            BarrierStage.Body<Integer, Placed<T>> body = fromWorker(staged, partitions, cacheData, runKey, stages, homeId.clone(), job, task);
            List<T> out = placed(slots().mapPartitions((java.util.Iterator<Integer> it) -> List.of(body.apply(it)).iterator()).collect(),
                    homeId, homeHost, partitions);
            stages++;
            return out;
        }

        @Override
        public <T> List<T> barrier(ModelJob job, PartitionTask<T> task) {
            List<T> out = placed(BarrierStage.run(slots(), fromWorker(staged, partitions, cacheData, runKey, stages, homeId.clone(), job, task)),
                    homeId, homeHost, partitions);
            stages++;
            return out;
        }

        /**
         * Records where the stage's tasks ran, moves its partitions' homes ({@code ids}, {@code hosts}) there, and returns
         * the values in order.
         */
        private <T> List<T> placed(List<Indexed<Placed<T>>> out, String[] ids, String[] hosts, int expected) {
            Map<String, Integer> byExecutor = new TreeMap<>();
            List<String> moves = new java.util.ArrayList<>();
            long movedBytes = 0;
            int stale = 0;
            java.util.Set<Integer> stageIds = new java.util.TreeSet<>();
            for (Indexed<Placed<T>> o : out) {
                int p = o.partition();
                Placed<T> at = o.value();
                byExecutor.merge(at.executorId(), 1, Integer::sum);
                stageIds.add(at.stageId());
                if (at.staleDiscarded()) stale++;
                if (ids[p] != null && !ids[p].equals(at.executorId())) {
                    moves.add((ids == wholeId ? "whole" : String.valueOf(p)) + ":" + ids[p] + "->" + at.executorId());
                    movedBytes += o.io().bytesRead();
                }
                ids[p] = at.executorId();
                hosts[p] = at.host();
            }
            placed = placed.plus(new Placement(byExecutor, Map.of(), moves, movedBytes, stale, 0));
            pendingStages.addAll(stageIds);
            return collected(out.stream().map(o -> new Indexed<>(o.partition(), o.value().value(), o.io())).toList(), expected);
        }

        @Override
        public <T> T whole(ModelJob job, PartitionTask<T> task) {
            StagedData s = staged;
            int parts = partitions;
            boolean cache = cacheData;
            String key = runKey;
            int stage = wholeStages;
            String home = wholeId[0];
            JavaRDD<Integer> one = sc.sc().isLocal() || home == null ? sc.parallelize(List.of(0), 1)
                    : preferring(sc, List.of(location(wholeHost[0], home)));
            List<Indexed<Placed<T>>> out = one.map(ignored -> {
                String me = SparkEnv.get().executorId();
                String replica = key + "model:whole";
                boolean stale = Replicas.admit(replica, stage, home, me);
                long t0 = System.nanoTime();
                Loaded l = loadWhole(s, key + "data:whole", parts, cache);
                long readNanos = System.nanoTime() - t0;
                T value = task.runThrough(new PartitionInput(l.data, l.io, readNanos, replica, new TaskFaultPoint(job, 0)));
                Replicas.synced(replica, stage, me);
                return new Indexed<>(0, new Placed<>(value, me, SparkEnv.get().blockManager().blockManagerId().host(),
                        TaskContext.get().stageId(), stale), l.read());
            }).collect();
            wholeStages++;
            return placed(out, wholeId, wholeHost, 1).get(0);
        }

        @Override
        public int partitions() {
            return partitions;
        }

        private <T> List<T> collected(List<Indexed<T>> out, int expected) {
            out.forEach(o -> pending = pending.plus(o.io()));
            return Indexed.values(out, expected);
        }

        private static <T> BarrierStage.Body<Integer, Placed<T>> fromWorker(StagedData s, int parts, boolean cache, String key,
                                                                           int stage, String[] homes, ModelJob job, PartitionTask<T> task) {
            return it -> {
                int p = it.next();
                String me = SparkEnv.get().executorId();
                String replica = key + "model:" + p;
                boolean stale = Replicas.admit(replica, stage, homes[p], me);
                long t0 = System.nanoTime();
                Loaded l = load(s, key + "data:" + p, p, parts, cache);
                long readNanos = System.nanoTime() - t0;
                T value = task.runThrough(new PartitionInput(l.data, l.io, readNanos, replica, new TaskFaultPoint(job, p)));
                Replicas.synced(replica, stage, me);
                return new Indexed<>(p, new Placed<>(value, me, SparkEnv.get().blockManager().blockManagerId().host(),
                        TaskContext.get().stageId(), stale), l.read());
            };
        }

        @Override
        public IoCount drainIo() {
            IoCount io = pending;
            pending = IoCount.NONE;
            return io;
        }

        @Override
        public Placement drainPlacement() {
            // Spark's locality levels come from its listener bus, which this waits on: outside the stages' own time
            TaskLocality.Reading read = locality.of(sc, pendingStages);
            Placement p = placed.plus(new Placement(Map.of(), read.byLocality(), List.of(), 0, 0, read.launchWaitMillis()));
            pendingStages.clear();
            placed = Placement.NONE;
            return p;
        }

        @Override
        public List<String> dropCachedBlocks() {
            return List.of();
        }

        @Override
        public Wipe wipeLocalState() {
            return WorkerWipe.run(sc, runKey);
        }

        @Override
        public void close() {
            sc.sc().removeSparkListener(locality);
            // the data goes; the models stay idle for the next execution, which sets their weights
            WorkerLocal.release(runKey);
        }
    }

    /**
     * Partitions {@code 0..n-1}, one element each (its index), partition p preferring location {@code at.get(p)}:
     * {@code SparkContext.makeRDD} with locations, which Spark's scheduler reads as the partitions' preferred locations.
     */
    static JavaRDD<Integer> preferring(JavaSparkContext sc, List<String> at) {
        List<Tuple2<Integer, scala.collection.immutable.Seq<String>>> items = new java.util.ArrayList<>();
        for (int p = 0; p < at.size(); p++) items.add(new Tuple2<>(p, CollectionConverters.asScala(List.of(at.get(p))).toList()));
        ClassTag<Integer> tag = ClassTag$.MODULE$.apply(Integer.class);
        return JavaRDD.fromRDD(sc.sc().makeRDD(CollectionConverters.asScala(items).toList(), tag), tag);
    }

    /** Spark's executor-level location of an executor ({@code ExecutorCacheTaskLocation}'s string form). */
    static String location(String host, String executorId) {
        return "executor_" + host + "_" + executorId;
    }

    /** A task's value with where it ran, and whether it found a stale replica there and discarded it. */
    record Placed<T>(T value, String executorId, String host, int stageId, boolean staleDiscarded) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Inside a task: the synchronisation a partition's replica belongs to, kept beside it ({@link WorkerLocal}), so
     * that a replica left behind in an executor by an earlier round is never trained on as if current.
     */
    static final class Replicas {
        private Replicas() {
        }

        /** The stage that last ran on the replica, whether it finished here, and the executor. */
        record Stamp(int stage, boolean finished, String executorId) implements java.io.Serializable {
            private static final long serialVersionUID = 1L;
        }

        /**
         * Before stage {@code stage} runs on partition {@code replica}'s state in executor {@code me}: the replica here is
         * current when the last stage finished on it here and the driver kept that result ({@code home} is this
         * executor), or when an earlier attempt of this same stage ran on it (a retry, which the strategy counts).
         * Anything else is from another synchronisation: discarded, and true is returned; the task then starts as if
         * the replica were missing (the strategy restores it, and counts that).
         */
        static boolean admit(String replica, int stage, String home, String me) {
            Stamp st = WorkerLocal.value(replica + ":stamp", Stamp.class);
            boolean current = st == null || st.stage() == stage
                    || (st.stage() == stage - 1 && st.finished() && me.equals(home) && me.equals(st.executorId()));
            if (!current) WorkerLocal.discard(replica);
            WorkerLocal.putValue(replica + ":stamp", new Stamp(stage, false, me));
            return !current;
        }

        /** After stage {@code stage} finished on the replica in executor {@code me}. */
        static void synced(String replica, int stage, String me) {
            WorkerLocal.putValue(replica + ":stamp", new Stamp(stage, true, me));
        }
    }

    /**
     * A partition in a task, and what the task read for it: {@code io}, plus, where it was read now and streams in,
     * what its reader read once it is in ({@link #read}).
     */
    private record Loaded(PartitionData data, IoCount io, boolean streamedNow) {

        /** What the task read for it: waits for a partition read now that still streams in. */
        IoCount read() {
            return streamedNow ? io.plus(data.streamedIo()) : io;
        }
    }

    /**
     * Partition {@code p}: read from the store, or from this worker's cache (filled on first use and decoded once
     * there, since it serves every epoch; a partition that streams in is kept as it arrives, and decoded batch by batch).
     */
    private static Loaded load(StagedData s, String key, int p, int parts, boolean cache) {
        if (!cache) {
            PartitionReader.Read r = PartitionReader.read(s, p, parts);
            return new Loaded(r.data(), r.io(), r.data().streaming());
        }
        IoCount[] io = {IoCount.NONE};
        boolean[] now = {false};
        PartitionData d = WorkerLocal.data(key, k -> {
            PartitionReader.Read r = PartitionReader.read(s, p, parts);
            io[0] = r.io();
            now[0] = r.data().streaming();
            return r.data().forWorker();
        });
        return new Loaded(d, io[0], now[0]);
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
                // only one partition goes on streaming (concat keeps it as it is); more are joined whole here
                if (parts > 1) io[0] = io[0].plus(r.data().streamedIo());
            }
            return PartitionData.concat(all);
        };
        if (!cache) {
            PartitionData d = read.get();
            return new Loaded(d, io[0], d.streaming());
        }
        boolean[] now = {false};
        PartitionData d = WorkerLocal.data(key, k -> {
            PartitionData all = read.get();
            now[0] = all.streaming();
            return all.forWorker();
        });
        return new Loaded(d, io[0], now[0]);
    }
}
