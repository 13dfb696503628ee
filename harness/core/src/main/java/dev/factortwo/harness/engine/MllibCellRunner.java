package dev.factortwo.harness.engine;

import dev.factortwo.harness.cell.CellRunner;
import dev.factortwo.harness.cell.Progress;
import dev.factortwo.harness.data.DatasetCatalog;
import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.task.PartitionData;
import dev.factortwo.harness.task.PartitionReader;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.datasets.DatasetSpec;
import dev.factortwo.datasets.Split;
import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.measure.PeakMemory;
import dev.factortwo.harness.state.SparkState;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.workload.Workload;
import dev.factortwo.harness.workload.Workloads;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.EpochIo;
import dev.factortwo.model.HistogramCodec;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.Summary;
import dev.factortwo.model.stats.Statistics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;

/**
 * Runs one cell on the {@code mllib} engine: the same staged shards as TensorFlow's cells, read through
 * {@link PartitionReader} into a DataFrame of {@code (label, features)} whose lineage reaches the tier, persisted
 * at the tier's level ({@code MEMORY_ONLY} memory, {@code DISK_ONLY} local-disk, none on cold tiers, as
 * {@link SparkState}), then one MLlib fit per repetition (training) or {@code transform} passes (inference).
 * Accuracy and fingerprints are computed outside the timed region. Spark state only. Not thread-safe.
 */
public final class MllibCellRunner {

    private final JavaSparkContext sc;
    private final DatasetCatalog catalog;
    private final TierRegistry tiers;
    private final Progress progress;

    public MllibCellRunner(JavaSparkContext sc, DatasetCatalog catalog, TierRegistry tiers, Progress progress) {
        this.sc = sc;
        this.catalog = catalog;
        this.tiers = tiers;
        this.progress = progress;
    }

    /** @param key the cell's key with its device resolved */
    public CellResult run(CellSpec spec, CellKey key) {
        Workload workload = Workloads.byName(key.workload());
        boolean training = workload instanceof Workload.Train;
        MllibEngine engine = new MllibEngine(dev.factortwo.harness.engine.MllibSettings.defaults()).forStrategy(key.strategy());
        if (!engine.strategies().contains(key.strategy())) {
            throw new IllegalArgumentException("strategy '" + key.strategy() + "' is not an mllib strategy; expected one of " + engine.strategies());
        }
        if (training == MllibEngine.TRANSFORM.equals(key.strategy())) {
            throw new IllegalArgumentException("strategy '" + key.strategy() + "' is for " + (training ? "inference" : "training")
                    + " workloads, not " + key.workload());
        }
        engine.unsupported(workload.architecture(), training, key.state()).ifPresent(why -> {
            throw new IllegalArgumentException(key.id() + ": " + why);
        });
        DatasetSpec ds = catalog.spec(key.dataset());
        Architecture.InputShape shape = new Architecture.InputShape(ds.height(), ds.width(), ds.channels());
        long trainSamples = spec.trainSamples() == 0 ? ds.trainSamples() : Math.min(spec.trainSamples(), ds.trainSamples());
        int shardCount = spec.partitions() * (int) Math.max(1, Math.ceil(trainSamples / (double) (spec.partitions() * CellRunner.SAMPLES_PER_SHARD)));
        StorageTier tier = tiers.tier(key.tier());
        StagedData staged = tiers.stage(key.tier(), catalog.trainShards(key.dataset(), trainSamples, shardCount));
        StorageLevel level = SparkState.storageLevel(key.tier(), tier.cold());
        ModelSpec model = new ModelSpec(workload.architecture(), shape, ds.classes(), spec.seed(), spec.batchSize(), (float) spec.learningRate());
        int[] layers = MllibEngine.layers(model.architecture(), shape, ds.classes());
        SparkSession spark = SparkSession.builder().getOrCreate();
        Split test = training ? catalog.test(key.dataset(), spec.testSamples()) : null;
        // inference runs MLlib's seeded initial weights: a fit of 0 iterations, outside the timed region
        MultilayerPerceptronClassificationModel seeded = training ? null
                : engine.classifier(model).setMaxIter(0).fit(Frame.of(sc, spark, staged, spec.partitions(), StorageLevel.NONE()).rows);

        List<Repetition> reps = new ArrayList<>();
        List<Weights> repWeights = new ArrayList<>();
        List<EpochIo> firstIo = List.of();
        int iterations = 0;
        if (spec.warmupSteps() > 0) {
            // as for TensorFlow's cells: the first fit in a JVM pays for class loading and JIT (measured: 63 s, then 31 s)
            progress.step("warm-up repetition");
            measure(spec, engine, model, layers, training, seeded, test, staged, level, trainSamples, -1, spark);
        }
        PeakMemory memory = PeakMemory.start();
        for (int r = 0; r < spec.repetitions(); r++) {
            progress.step("repetition " + (r + 1) + "/" + spec.repetitions());
            Measured m = measure(spec, engine, model, layers, training, seeded, test, staged, level, trainSamples, r, spark);
            reps.add(m.repetition());
            repWeights.add(m.weights());
            iterations = m.iterations();
            if (r == 0) firstIo = List.of(m.io());
        }
        PeakMemory.Reading peak = memory.read();
        Summary sps = Statistics.standard().summarize(reps.stream().mapToDouble(Repetition::samplesPerSecond).toArray(), 0.95);
        double wall = reps.stream().mapToDouble(Repetition::wallSeconds).average().orElse(0);
        double input = reps.stream().mapToDouble(Repetition::inputSeconds).average().orElse(0);
        double compute = reps.stream().mapToDouble(Repetition::computeSeconds).average().orElse(0);
        long bytes = (long) reps.stream().mapToLong(Repetition::bytesRead).average().orElse(0);
        double acc = reps.stream().mapToDouble(Repetition::testAccuracy).average().orElse(Double.NaN);

        List<String> notes = new ArrayList<>();
        notes.add(training
                ? "MLlib: the timed region is one fit, " + iterations + " " + engine.settings().solver() + " iterations over all " + trainSamples
                  + " samples, each iteration one or more Spark jobs; samples/s = samples x iterations / wall"
                : "MLlib: the timed region is " + spec.epochs() + " transform pass(es) over " + trainSamples + " samples with MLlib's seeded initial"
                  + " weights; the fingerprint covers every prediction and probability vector in input order");
        notes.add("MLlib runs its own jobs: input seconds are the tasks' reads of the staged shards, compute seconds the rest of the"
                + " wall time (Spark scheduling and the driver's optimizer included); accelerator utilization and step latency are not measured");
        if (training) {
            notes.add(tier.cold()
                    ? "MLlib persists its stacked training blocks (MEMORY_AND_DISK) for the length of a fit: " + tier.name()
                      + " is read once per fit, not once per iteration"
                    : "MLlib persists its stacked training blocks (MEMORY_AND_DISK) for the length of a fit, beside the input DataFrame's "
                      + levelName(level) + " copy");
        }
        if (sps.noisy()) notes.add(String.format("throughput varies by %.0f%% between repetitions (coefficient of variation)", sps.cv() * 100));

        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("architecture", workload.architecture().name());
        attrs.put("engineModel", engine.describe(model.architecture(), shape, ds.classes()));
        attrs.put("layers", String.join(",", java.util.Arrays.stream(layers).mapToObj(String::valueOf).toList()));
        attrs.putAll(engine.settings().asAttributes(spec.seed()));
        if (training) attrs.put("mllib.iterations", String.valueOf(iterations));
        attrs.put("partitions", String.valueOf(spec.partitions()));
        attrs.put("shards", String.valueOf(shardCount));
        attrs.put("trainSamples", String.valueOf(trainSamples));
        attrs.put("tier", tier.describe());
        attrs.put("storageLevel", levelName(level));
        attrs.put("stateReset", "per repetition: a fresh DataFrame over the staged shards, persisted at the tier's level and unpersisted after; one Spark session per run");
        attrs.put("meanWallSeconds", String.format("%.4f", wall));
        attrs.put("warmUp", spec.warmupSteps() > 0 ? "one unmeasured repetition" : "none");
        attrs.put("peakHeapBytes", String.valueOf(peak.peakHeapBytes()));
        attrs.put("peakRssBytes", String.valueOf(peak.peakRssBytes()));
        attrs.put("peakMemory", peak.describe());

        Reproducibility repro = CellRunner.repeatVerdict(workload, reps, repWeights, CellRunner.DEFAULT_TOLERANCE);
        return new CellResult(key, spec, CellResult.OK, null, reps, sps, input, compute, Double.NaN, bytes,
                reps.get(0).fingerprint(), acc, HistogramCodec.summarize(HistogramCodec.newHistogram()), repro, firstIo, notes, attrs);
    }

    private record Measured(Repetition repetition, Weights weights, int iterations, EpochIo io) {
    }

    /** One repetition: a fresh DataFrame, the timed fit or transform passes, then accuracy and fingerprint. */
    private Measured measure(CellSpec spec, MllibEngine engine, ModelSpec model, int[] layers, boolean training,
                             MultilayerPerceptronClassificationModel seeded, Split test, StagedData staged, StorageLevel level,
                             long trainSamples, int index, SparkSession spark) {
        try (Frame frame = Frame.of(sc, spark, staged, spec.partitions(), level)) {
            long t0 = System.nanoTime();
            Repetition rep;
            Weights weights;
            int iterations = 0;
            if (training) {
                MultilayerPerceptronClassificationModel m = engine.classifier(model).fit(frame.rows);
                double wall = (System.nanoTime() - t0) / 1e9;
                iterations = m.summary().totalIterations();
                weights = MllibEngine.rounded(m.weights(), layers);
                rep = repetition(index, trainSamples * iterations, wall, frame, spec.partitions(),
                        MllibEngine.fingerprint(m.weights(), layers), accuracy(m, test));
            } else {
                MessageDigest md = null;
                for (int pass = 0; pass < spec.epochs(); pass++) md = digest(seeded.transform(frame.rows));
                double wall = (System.nanoTime() - t0) / 1e9;
                weights = MllibEngine.rounded(seeded.weights(), layers);
                rep = repetition(index, trainSamples * spec.epochs(), wall, frame, spec.partitions(),
                        "sha256:" + HexFormat.of().formatHex(md.digest()), Double.NaN);
            }
            EpochIo io = new EpochIo(0, frame.bytes.value(), frame.opens.value(), frame.calls.value(), frame.nanos.value() / 1e9);
            return new Measured(rep, weights, iterations, io);
        }
    }

    /** The storage level's name as Spark's constants spell it. */
    static String levelName(StorageLevel level) {
        if (level.equals(StorageLevel.MEMORY_ONLY())) return "MEMORY_ONLY";
        if (level.equals(StorageLevel.DISK_ONLY())) return "DISK_ONLY";
        return level.equals(StorageLevel.NONE()) ? "NONE" : level.description();
    }

    private static Repetition repetition(int index, long samples, double wall, Frame frame, int partitions, String fingerprint, double accuracy) {
        double input = frame.nanos.value() / 1e9 / partitions;
        return new Repetition(index, samples, wall, samples / wall, input, Math.max(0, wall - input), frame.bytes.value(), fingerprint, accuracy);
    }

    /** Held-out accuracy, on the driver with the model's own {@code predict}, outside the timed region. */
    static double accuracy(MultilayerPerceptronClassificationModel m, Split test) {
        int n = test.size();
        if (n == 0) return Double.NaN;
        int pixels = test.spec().imageBytes(), correct = 0;
        for (int i = 0; i < n; i++) {
            Vector v = (Vector) MllibEngine.row(0, test.images(), i * pixels, pixels).get(1);
            if ((int) m.predict(v) == test.label(i)) correct++;
        }
        return correct / (double) n;
    }

    /** SHA-256 over the partitions' digests in partition order; each covers (prediction, probability) per row in order. */
    private static MessageDigest digest(Dataset<Row> predicted) {
        List<String> parts = predicted.select("prediction", "probability").javaRDD()
                .mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> {
                    MessageDigest md = dev.factortwo.datasets.Sha256.newDigest();
                    while (it.hasNext()) {
                        Row row = it.next();
                        double[] prob = ((Vector) row.get(1)).toArray();
                        ByteBuffer b = ByteBuffer.allocate(4 + prob.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                        b.putInt((int) row.getDouble(0));
                        for (double x : prob) b.putDouble(x);
                        md.update(b.array());
                    }
                    return List.of(p + ":" + HexFormat.of().formatHex(md.digest())).iterator();
                }, true).collect();
        MessageDigest md = dev.factortwo.datasets.Sha256.newDigest();
        parts.stream().sorted(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.substring(0, s.indexOf(':')))))
                .forEach(s -> md.update(HexFormat.of().parseHex(s.substring(s.indexOf(':') + 1))));
        return md;
    }

    /** The input DataFrame of one repetition, and what its tasks read from the store. */
    static final class Frame implements AutoCloseable {
        final Dataset<Row> rows;
        final LongAccumulator bytes, opens, calls, nanos;

        private Frame(Dataset<Row> rows, LongAccumulator bytes, LongAccumulator opens, LongAccumulator calls, LongAccumulator nanos) {
            this.rows = rows;
            this.bytes = bytes;
            this.opens = opens;
            this.calls = calls;
            this.nanos = nanos;
        }

        /** Partition {@code p} of the DataFrame is partition {@code p} of the staged split, rows in stored order. */
        static Frame of(JavaSparkContext sc, SparkSession spark, StagedData staged, int partitions, StorageLevel level) {
            LongAccumulator b = sc.sc().longAccumulator("factortwo.bytesRead"), o = sc.sc().longAccumulator("factortwo.filesOpened"),
                    c = sc.sc().longAccumulator("factortwo.readCalls"), n = sc.sc().longAccumulator("factortwo.readNanos");
            int parts = partitions;
            JavaRDD<Row> rdd = sc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions).flatMap(p -> {
                PartitionReader.Read r = PartitionReader.read(staged, p, parts);
                b.add(r.io().bytesRead());
                o.add(r.io().filesOpened());
                c.add(r.io().readCalls());
                n.add(r.io().nanos());
                PartitionData d = r.data();
                return IntStream.range(0, d.count())
                        .mapToObj(i -> MllibEngine.row(d.labels()[i] & 0xFF, d.images(), i * d.imageBytes(), d.imageBytes())).iterator();
            });
            rdd.setName("factortwo mllib input " + staged);
            Dataset<Row> df = spark.createDataFrame(rdd, MllibEngine.SCHEMA);
            if (level != StorageLevel.NONE()) df = df.persist(level);
            return new Frame(df, b, o, c, n);
        }

        @Override
        public void close() {
            rows.unpersist(true);
        }
    }
}
