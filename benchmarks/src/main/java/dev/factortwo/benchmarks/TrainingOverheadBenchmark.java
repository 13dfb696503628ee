package dev.factortwo.benchmarks;

import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.DataOrder;
import dev.factortwo.harness.task.IoCount;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionData;
import dev.factortwo.harness.task.PartitionReader;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.harness.task.TaskOutcome;
import dev.factortwo.harness.spark.Quiet;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.strategy.RoundHook;
import dev.factortwo.harness.strategy.Strategies;
import dev.factortwo.harness.strategy.RoundStrategy;
import dev.factortwo.harness.strategy.StrategyContext;
import dev.factortwo.harness.strategy.Trained;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellSpec;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
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
 * What the harness costs on top of TensorFlow: one epoch of one partition (1 partition, batch 64, the same
 * samples in the same order, the same model and thread settings) trained three ways.
 *
 * <ul>
 *   <li>{@code bareTrainSteps}: only {@link TfModel#trainStep} over batches decoded before the timed region;
 *   <li>{@code partitionWork}: {@link PartitionWork#train} on the in-memory partition, i.e. a {@code memory}
 *       tier, {@code local} state task without Spark: weights in and out, shuffle, decoding bytes to floats,
 *       per-step timing and latency histogram;
 *   <li>{@code cellEpochLocalState}: one round of the {@code model-averaging} strategy through Spark
 *       ({@code local[2,4]}) in the {@code local} state on the {@code memory} tier: exactly the region a
 *       cell times per epoch, with its data and model already cached in the worker.
 * </ul>
 * Throughput ratio = time of {@code bareTrainSteps} / time of the other. Target: at least 0.97.
 *
 * <p>The {@code breakdown*} benchmarks time the parts that differ: decoding an epoch's batches, the weights
 * in and out of a task, and a Spark job of one empty task (the fixed cost of a round). On a shared machine
 * the forks of these benchmarks run minutes apart under different load; {@link PairedOverhead} measures the
 * same ratios in interleaved pairs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainingOverheadBenchmark {

    /** One partition's samples: the quick suite gives each of its 2 partitions 3,000. */
    @State(Scope.Benchmark)
    public static class Partition {
        @Param({"train-mlp", "train-cnn"})
        public String workload;

        @Param({"3000"})
        public int samples;

        StagedSynthetic staged;
        StagedData memory;
        ModelJob job;
        PartitionData data;
        Weights start;

        @Setup(Level.Trial)
        public void setUp() {
            staged = new StagedSynthetic(samples, 1);
            memory = staged.stage("memory");
            data = PartitionReader.read(memory, 0, 1).data();
            job = StagedSynthetic.job(workload);
            start = PartitionWork.initialWeights(job);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            staged.close();
        }
    }

    /** A model and the epoch's batches, decoded exactly as the harness decodes them, before timing. */
    @State(Scope.Benchmark)
    public static class Bare {
        TfModel model;
        float[][] images;
        int[][] labels;
        float[] scratch;
        int batch;

        @Setup(Level.Trial)
        public void setUp(Partition p) {
            model = PartitionWork.newModel(p.job, p.start);
            batch = p.job.batchSize();
            int steps = PartitionWork.steps(p.data.count(), batch);
            int[] order = DataOrder.permutation(p.data.count(), p.job.seed(), p.job.epoch(), p.data.partition());
            int w = p.data.imageBytes();
            images = new float[steps][batch * w];
            labels = new int[steps][batch];
            scratch = new float[batch * w];
            for (int s = 0; s < steps; s++) {
                for (int i = 0; i < batch; i++) {
                    int sample = order[s * batch + i];
                    labels[s][i] = p.data.labels()[sample] & 0xFF;
                    for (int k = 0; k < w; k++) images[s][i * w + k] = (p.data.images()[sample * w + k] & 0xFF) * (1f / 255f);
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            model.close();
        }
    }

    /** The model a {@code local}-state worker keeps between rounds. */
    @State(Scope.Benchmark)
    public static class Harness {
        TfModel model;

        @Setup(Level.Trial)
        public void setUp(Partition p) {
            model = PartitionWork.newModel(p.job, p.start);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            model.close();
        }
    }

    /** A Spark session and a {@code local}-state execution of a 1-partition {@code memory} cell. */
    @State(Scope.Benchmark)
    public static class Cell {
        SparkSession session;
        Execution execution;
        StrategyContext context;
        RoundStrategy strategy;
        org.apache.spark.rdd.RDD<Integer> slot;

        @Setup(Level.Trial)
        public void setUp(Partition p) {
            Quiet.apply(false);
            session = SparkSessions.start(SparkSessions.DEFAULT_MASTER, Map.of());
            var sc = SparkSessions.context(session);
            strategy = (RoundStrategy) Strategies.byName("model-averaging");
            CellSpec spec = new CellSpec(new CellKey(p.workload, "synthetic", "memory", "local", strategy.name(), "tensorflow", "cpu"),
                    StagedSynthetic.SEED, 1, StagedSynthetic.BATCH_SIZE, 0.05, 1, p.samples, 0, 1, 0, 0);
            execution = StateMode.byName("local").open(sc, p.memory, 1, p.staged.tier("memory"));
            context = new StrategyContext(sc, execution, p.job, spec, RoundHook.NONE);
            slot = sc.parallelize(java.util.List.of(0), 1).rdd();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            execution.close();
            session.stop();
        }
    }

    @Benchmark
    public float bareTrainSteps(Bare b) {
        float loss = 0;
        for (int s = 0; s < b.images.length; s++) loss += b.model.trainStep(b.images[s], b.labels[s], b.batch);
        return loss;
    }

    @Benchmark
    public TaskOutcome partitionWork(Partition p, Harness h) {
        return PartitionWork.train(p.job, p.data, p.start, h.model, IoCount.NONE, 0);
    }

    @Benchmark
    public Trained cellEpochLocalState(Partition p, Cell c) {
        return c.strategy.run(c.context, p.start);
    }

    /** Breakdown: decoding one epoch's batches from bytes to floats, as {@code PartitionWork} does per step. */
    @Benchmark
    public float[] breakdownDecodeEpoch(Partition p, Bare b) {
        int w = p.data.imageBytes();
        int[] order = DataOrder.permutation(p.data.count(), p.job.seed(), p.job.epoch(), p.data.partition());
        byte[] src = p.data.images();
        float[] images = b.scratch;
        for (int s = 0; s < b.images.length; s++) {
            for (int i = 0; i < b.batch; i++) {
                int base = order[s * b.batch + i] * w, out = i * w;
                for (int k = 0; k < w; k++) images[out + k] = (src[base + k] & 0xFF) * (1f / 255f);
            }
        }
        return images;
    }

    /** Breakdown: the weights a task sets at its start and fetches at its end. */
    @Benchmark
    public Weights breakdownWeightsInAndOut(Partition p, Harness h) {
        h.model.setWeights(p.start);
        return h.model.weights();
    }

    /** Breakdown: the floor of a Spark round, a job of one task that does nothing. */
    @Benchmark
    public Object breakdownEmptySparkJob(Cell c) {
        return c.session.sparkContext().runJob(c.slot, new EmptyTask(), scala.reflect.ClassTag$.MODULE$.apply(Integer.class));
    }

    /** A task that returns at once. */
    static final class EmptyTask extends scala.runtime.AbstractFunction1<scala.collection.Iterator<Integer>, Integer>
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer apply(scala.collection.Iterator<Integer> it) {
            return it.size();
        }
    }
}
