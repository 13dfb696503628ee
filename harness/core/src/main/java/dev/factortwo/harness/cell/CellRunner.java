package dev.factortwo.harness.cell;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.datasets.DatasetSpec;
import dev.factortwo.datasets.Split;
import dev.factortwo.harness.data.DatasetCatalog;
import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.device.Accelerator;
import dev.factortwo.harness.device.GpuSampler;
import dev.factortwo.harness.engine.BareLoop;
import dev.factortwo.harness.engine.CellSetup;
import dev.factortwo.harness.engine.CellWork;
import dev.factortwo.harness.engine.Engine;
import dev.factortwo.harness.engine.Engines;
import dev.factortwo.harness.engine.Measured;
import dev.factortwo.harness.fault.FaultKind;
import dev.factortwo.harness.measure.MachineLoad;
import dev.factortwo.harness.measure.PeakMemory;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.services.StandaloneCluster;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.strategy.Strategies;
import dev.factortwo.harness.strategy.Strategy;
import dev.factortwo.harness.task.DataFormat;
import dev.factortwo.harness.task.ParquetFormat;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.workload.Workload;
import dev.factortwo.harness.workload.Workloads;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.EpochIo;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.HistogramCodec;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.Summary;
import dev.factortwo.model.stats.Statistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs one cell of any engine: checks that its engine, workload, state and strategy go together, stages its
 * data to its tier, has its engine open the cell's work, runs an unmeasured warm-up and the measured
 * repetitions (outside-in: wall time on the driver, input and compute time inside the tasks; validation
 * outside the timed region), checks that the repetitions agree, and injects faults ({@link FaultInjection}).
 * Not thread-safe.
 */
public final class CellRunner {

    /** Relative L2 difference under which differing repeats still count as {@code tolerance}. */
    public static final double DEFAULT_TOLERANCE = dev.factortwo.model.Defaults.REPRODUCIBILITY_TOLERANCE;

    /** Held-out accuracy whose first crossing is reported as {@code timeToAccuracySeconds}. */
    public static final double DEFAULT_ACCURACY_TARGET = Engines.DEFAULT_ACCURACY_TARGET;

    /** Samples per shard above which a partition gets more than one shard. */
    static final int SAMPLES_PER_SHARD = 10_000;

    private final JavaSparkContext sc;
    private final DatasetCatalog catalog;
    private final TierRegistry tiers;
    private final TfSettings tf;
    private final Accelerator accelerator;
    private final Progress progress;
    private final List<FaultKind> faults;
    private final Optional<StandaloneCluster> cluster;
    private final double accuracyTarget;
    private final MeasurementPolicy policy;
    private final int samplesPerShard;
    private final ParquetFormat parquet;

    public CellRunner(JavaSparkContext sc, DatasetCatalog catalog, TierRegistry tiers, TfSettings tf,
                      Accelerator accelerator, Progress progress) {
        this(sc, catalog, tiers, tf, accelerator, progress, List.of(), Optional.empty(), DEFAULT_ACCURACY_TARGET, MeasurementPolicy.FIXED,
                SAMPLES_PER_SHARD, ParquetFormat.DEFAULT);
    }

    private CellRunner(JavaSparkContext sc, DatasetCatalog catalog, TierRegistry tiers, TfSettings tf, Accelerator accelerator,
                       Progress progress, List<FaultKind> faults, Optional<StandaloneCluster> cluster, double accuracyTarget,
                       MeasurementPolicy policy, int samplesPerShard, ParquetFormat parquet) {
        this.sc = sc;
        this.catalog = catalog;
        this.tiers = tiers;
        this.tf = tf;
        this.accelerator = accelerator;
        this.progress = progress;
        this.faults = List.copyOf(faults);
        this.cluster = cluster;
        this.accuracyTarget = accuracyTarget;
        this.policy = policy;
        this.samplesPerShard = samplesPerShard;
        this.parquet = parquet;
    }

    /** This runner, injecting {@code faults} into every cell after its measured repetitions. */
    public CellRunner withFaults(List<FaultKind> faults, Optional<StandaloneCluster> cluster) {
        return new CellRunner(sc, catalog, tiers, tf, accelerator, progress, faults, cluster, accuracyTarget, policy, samplesPerShard, parquet);
    }

    /** The same runner, reporting the time until held-out accuracy first reaches {@code target} (0..1). */
    public CellRunner withAccuracyTarget(double target) {
        if (!(target > 0 && target <= 1)) throw new IllegalArgumentException("accuracy target must be in (0, 1], was " + target);
        return new CellRunner(sc, catalog, tiers, tf, accelerator, progress, faults, cluster, target, policy, samplesPerShard, parquet);
    }

    /** The same runner, cutting training data into shards of at most about {@code samples} (tests: many shards of tiny data). */
    CellRunner withSamplesPerShard(int samples) {
        if (samples < 1) throw new IllegalArgumentException("samples per shard must be 1 or more, was " + samples);
        return new CellRunner(sc, catalog, tiers, tf, accelerator, progress, faults, cluster, accuracyTarget, policy, samples, parquet);
    }

    /** The same runner, staging the cells of the {@code parquet} format with these settings (codec, row-group size). */
    public CellRunner withParquet(ParquetFormat parquet) {
        return new CellRunner(sc, catalog, tiers, tf, accelerator, progress, faults, cluster, accuracyTarget, policy, samplesPerShard, parquet);
    }

    /** The same runner, measuring each cell's repetitions under {@code policy} (duration, count, order). */
    public CellRunner withPolicy(MeasurementPolicy policy) {
        return new CellRunner(sc, catalog, tiers, tf, accelerator, progress, faults, cluster, accuracyTarget, policy, samplesPerShard, parquet);
    }

    /** How this runner measures repetitions. */
    public MeasurementPolicy policy() {
        return policy;
    }

    /** The device a cell's results will name. */
    public String device() {
        return accelerator.device();
    }

    /** Runs one cell on its own: warm-up, its repetitions back to back, faults. */
    public CellResult run(CellSpec spec) {
        try (CellMeasurement m = open(spec)) {
            m.warmUp();
            while (!m.enough()) m.measureOne(-1);
            return m.finish();
        }
    }

    /** Opens one cell for measuring: checks its axes go together, stages its data, has its engine open its work. */
    public CellMeasurement open(CellSpec spec) {
        CellKey key = resolved(spec.key());
        CellSpec cell = spec.key().equals(key) ? spec : new CellSpec(key, spec.seed(), spec.epochs(), spec.batchSize(), spec.learningRate(),
                spec.partitions(), spec.trainSamples(), spec.testSamples(), spec.repetitions(), spec.warmupSteps(), spec.throttlePercent());
        if (key.bare()) return openBare(key, cell);
        Engine engine = Engines.byName(Engines.all(tf, accuracyTarget), key.engine());
        Workload workload = Workloads.of(key);
        StateMode state = StateMode.byName(key.state());
        Strategy strategy = Strategies.byName(key.strategy());
        engine.refuses(workload, state, strategy).ifPresent(why -> {
            throw new IllegalArgumentException(key.id() + ": " + why);
        });
        DatasetSpec ds = catalog.spec(key.dataset());
        long trainSamples = spec.trainSamples() == 0 ? ds.trainSamples() : Math.min(spec.trainSamples(), ds.trainSamples());
        int shardCount = shardCount(trainSamples, spec.partitions());
        StorageTier tier = tiers.tier(key.tier());
        DataFormat format = DataFormat.byName(key.format(), parquet);
        DatasetCatalog.Shards shards = catalog.trainShards(key.dataset(), trainSamples, shardCount);
        StagedData stored = tiers.stage(key.tier(), shards, format);
        // an emulated device is fed as a loader feeds one: its partition streams in while it computes
        StagedData staged = accelerator.emulated() ? stored.streamed() : stored;
        CellSetup setup = new CellSetup(sc, cell, workload, strategy, state, tier, staged, ds, trainSamples,
                n -> catalog.test(key.dataset(), n), accelerator);
        Map<String, String> data = dataDigests(shards, key.dataset(), spec.testSamples(), workload);
        data.putAll(tiers.attributes(staged));
        return new OpenCell(key, spec, setup, engine.open(setup), shardCount, data);
    }

    /** Shards of a cell's training data: a multiple of its partitions, each at most about {@code samplesPerShard}. */
    private int shardCount(long trainSamples, int partitions) {
        return partitions * (int) Math.max(1, Math.ceil(trainSamples / (double) (partitions * samplesPerShard)));
    }

    /** The bare reference of a training workload: its model, batch, optimizer and data on the driver, no Spark. */
    private CellMeasurement openBare(CellKey key, CellSpec cell) {
        Workload workload = Workloads.of(key);
        if (!workload.training()) throw new IllegalArgumentException(key.id() + ": a bare reference is measured for training workloads only");
        DatasetSpec ds = catalog.spec(key.dataset());
        long trainSamples = cell.trainSamples() == 0 ? ds.trainSamples() : Math.min(cell.trainSamples(), ds.trainSamples());
        CellSetup setup = new CellSetup(sc, cell, workload, Strategies.byName("single"), StateMode.byName("local"),
                tiers.tier("memory"), null, ds, trainSamples, n -> catalog.test(key.dataset(), n), accelerator);
        // the single strategy sees partition p's shards p, p+P, ... concatenated in partition order: so does the bare loop
        int shardCount = shardCount(trainSamples, cell.partitions());
        DatasetCatalog.Shards shards = catalog.trainShards(key.dataset(), trainSamples, shardCount);
        Split train = BareLoop.inPartitionOrder(catalog.train(key.dataset(), (int) trainSamples), shards.manifest(), cell.partitions());
        return new OpenCell(key, cell, setup, new BareLoop(setup, tf, train), 1, dataDigests(shards, key.dataset(), cell.testSamples(), workload));
    }

    /**
     * What the cell trained and was evaluated on, as digests a replay compares ({@code trainDataDigest}: the staged
     * shards' manifest digest, SHA-256 over every shard's SHA-256 in order; {@code testDataDigest}: SHA-256 over the
     * held-out images, then labels, for training workloads).
     */
    private Map<String, String> dataDigests(DatasetCatalog.Shards shards, String dataset, int testSamples, Workload workload) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(CellAttribute.TRAIN_DATA_DIGEST.key(), "sha256:" + shards.manifest().digest());
        if (workload.training()) out.put(CellAttribute.TEST_DATA_DIGEST.key(), catalog.testDigest(dataset, testSamples));
        return out;
    }

    /** A cell's work held open between its repetitions. */
    private final class OpenCell implements CellMeasurement {
        private final CellKey key;
        private final CellSpec spec;
        private final CellSetup setup;
        private final CellWork work;
        private final int shardCount;
        private final List<Measured> runs = new ArrayList<>();
        private final List<Long> bytes = new ArrayList<>();
        private final List<Integer> positions = new ArrayList<>();
        private final List<MachineLoad.Reading> load = new ArrayList<>();
        private final PeakMemory memory;
        private final GpuSampler gpu;
        private final Map<String, String> data;
        private int passesPerRepetition; // fixed by the first measured repetition

        OpenCell(CellKey key, CellSpec spec, CellSetup setup, CellWork work, int shardCount, Map<String, String> data) {
            this.data = Map.copyOf(data);
            this.key = key;
            this.spec = spec;
            this.setup = setup;
            this.work = work;
            this.shardCount = shardCount;
            this.memory = PeakMemory.start();
            this.gpu = accelerator.gpu() ? GpuSampler.start() : null;
        }

        @Override
        public CellSpec spec() {
            return spec;
        }

        @Override
        public void warmUp() {
            if (spec.warmupSteps() > 0) {
                // the first runs in a JVM pay for class loading, JIT and Spark's own warm-up: measured, they made
                // the first cell of a suite look half as fast as the same cell run again
                progress.step("warm-up repetition");
                work.warmUp();
            }
        }

        @Override
        public void measureOne(int position) {
            progress.step("repetition " + (runs.size() + 1) + "/" + spec.repetitions());
            List<Measured> parts = new ArrayList<>();
            MachineLoad.Snapshot before = MachineLoad.now();
            double wall = 0;
            do {
                Measured m = work.run(dev.factortwo.harness.fault.Injection.NONE);
                parts.add(m);
                wall += m.wallSeconds();
            } while (passesPerRepetition == 0 ? wall < policy.minRepetitionSeconds() : parts.size() < passesPerRepetition);
            if (passesPerRepetition == 0) passesPerRepetition = parts.size();
            load.add(MachineLoad.between(before, MachineLoad.now()));
            runs.add(CellAssembly.combine(parts));
            bytes.add(parts.stream().mapToLong(Measured::bytesRead).sum());
            positions.add(position);
        }

        @Override
        public int measured() {
            return runs.size();
        }

        @Override
        public boolean enough() {
            return policy.enough(spec.repetitions(), runs.stream().map(m -> m.samples() / m.wallSeconds()).toList(),
                    runs.stream().map(Measured::wallSeconds).toList());
        }

        @Override
        public CellResult finish() {
            PeakMemory.Reading peak = memory.read();
            GpuSampler.Summary gpuUse = gpu != null ? gpu.stop() : null;
            return result(this, peak, gpuUse);
        }

        @Override
        public void close() {
            try {
                if (gpu != null) gpu.close();
            } finally {
                work.close();
            }
        }
    }

    CellKey resolved(CellKey k) {
        return new CellKey(k.workload(), k.dataset(), k.tier(), k.state(), k.strategy(), k.engine(), accelerator.device(), k.accelerators(),
                k.format(), k.checkpointEvery(), k.architecture());
    }

    private CellResult result(OpenCell c, PeakMemory.Reading peak, GpuSampler.Summary gpuUse) {
        var measured = new CellAssembly.Measurements(c.key, c.spec, c.setup, c.work, c.shardCount, Math.max(1, c.passesPerRepetition),
                c.runs, c.bytes, c.positions, c.load, c.data);
        return CellAssembly.result(measured, policy, peak, gpuUse,
                (perPass, repeat) -> new FaultInjection(c.setup, c.key, c.work, cluster, progress).injectAll(faults, perPass, repeat));
    }
}
