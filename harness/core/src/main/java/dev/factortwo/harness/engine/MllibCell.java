package dev.factortwo.harness.engine;

import dev.factortwo.harness.fault.FaultKind;
import dev.factortwo.harness.fault.Injection;
import java.util.Optional;
import dev.factortwo.harness.measure.MachineLoad;
import dev.factortwo.harness.task.PartitionData;
import dev.factortwo.harness.task.PartitionReader;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.datasets.DatasetSpec;
import dev.factortwo.datasets.Split;
import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.EpochIo;
import dev.factortwo.model.HistogramCodec;
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
 * A cell's work on the {@code mllib} engine: the same staged shards as TensorFlow's cells, read through
 * {@link PartitionReader} into a DataFrame of {@code (label, features)} whose lineage reaches the tier, persisted
 * at the tier's Spark storage level, then one MLlib fit per repetition (training) or {@code transform} passes
 * (inference). Accuracy and fingerprints are computed outside the timed region. Spark state only; faults are
 * not injected (MLlib runs its own jobs, outside the harness's rounds). Not thread-safe.
 */
final class MllibCell implements CellWork {

    private final CellSetup setup;
    private final MllibEngine engine;
    private final ModelSpec model;
    private final int[] layers;
    private final SparkSession spark;
    private final StorageLevel level;
    private final Split test;
    private final MultilayerPerceptronClassificationModel seeded;
    private int iterations;

    MllibCell(CellSetup setup, MllibEngine engine) {
        this.setup = setup;
        this.engine = engine;
        CellSpec spec = setup.spec();
        DatasetSpec ds = setup.dataset();
        Architecture.InputShape shape = new Architecture.InputShape(ds.height(), ds.width(), ds.channels());
        this.model = new ModelSpec(setup.workload().architecture(), shape, ds.classes(), spec.seed(), spec.batchSize(), (float) spec.learningRate());
        this.layers = MllibEngine.layers(model.architecture(), shape, ds.classes());
        this.spark = SparkSession.builder().getOrCreate();
        this.level = setup.tier().sparkStorageLevel();
        this.test = setup.workload().training() ? setup.testSplit().apply(spec.testSamples()) : null;
        // inference runs MLlib's seeded initial weights: a fit of 0 iterations, outside the timed region
        this.seeded = setup.workload().training() ? null
                : engine.classifier(model).setMaxIter(0).fit(Frame.of(setup.sc(), spark, setup.staged(), spec.partitions(), StorageLevel.NONE()).rows);
    }

    @Override
    public void warmUp() {
        // as for TensorFlow's cells: the first fit in a JVM pays for class loading and JIT (measured: 63 s, then 31 s)
        measure(-1);
    }

    @Override
    public Measured run(Injection injection) {
        if (!injection.none()) throw new IllegalStateException("faults are not injected into MLlib cells: " + injection.kind().name());
        return measure(0);
    }

    @Override
    public Optional<String> notInjected(FaultKind fault) {
        return Optional.of("not injected into MLlib cells: MLlib runs its own Spark jobs, outside the rounds where the harness injects faults");
    }

    @Override
    public boolean timesSteps() {
        return false;
    }

    @Override
    public List<String> notes(List<Measured> runs) {
        boolean training = setup.workload().training();
        long trainSamples = setup.trainSamples();
        List<String> notes = new ArrayList<>();
        notes.add(training
                ? "MLlib: the timed region is one fit, " + iterations + " " + engine.settings().solver() + " iterations over all " + trainSamples
                  + " samples, each iteration one or more Spark jobs; samples/s = samples x iterations / wall"
                : "MLlib: the timed region is " + setup.spec().epochs() + " transform pass(es) over " + trainSamples + " samples with MLlib's seeded initial"
                  + " weights; the fingerprint covers every prediction and probability vector of every pass in input order");
        notes.add("MLlib runs its own jobs: input seconds are the tasks' reads of the staged shards, compute seconds the rest of the"
                + " wall time (Spark scheduling and the driver's optimizer included); accelerator utilization and step latency are not measured");
        if (training) {
            notes.add(setup.tier().remoteStore()
                    ? "MLlib persists its stacked training blocks (MEMORY_AND_DISK) for the length of a fit: " + setup.tier().name()
                      + " is read once per fit, not once per iteration"
                    : "MLlib persists its stacked training blocks (MEMORY_AND_DISK) for the length of a fit, beside the input DataFrame's "
                      + levelName(level) + " copy");
        }
        return notes;
    }

    @Override
    public Map<String, String> attributes(List<Measured> runs) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("engineModel", engine.describe(model.architecture(), model.shape(), model.classes()));
        attrs.put("layers", String.join(",", java.util.Arrays.stream(layers).mapToObj(String::valueOf).toList()));
        attrs.putAll(engine.settings().asAttributes(setup.spec().seed()));
        if (setup.workload().training()) attrs.put("mllib.iterations", String.valueOf(iterations));
        attrs.put("storageLevel", levelName(level));
        attrs.put("stateReset", "per repetition: a fresh DataFrame over the staged shards, persisted at the tier's level and unpersisted after; one Spark session per run");
        attrs.put("warmUp", setup.spec().warmupSteps() > 0 ? "one unmeasured repetition" : "none");
        return attrs;
    }

    @Override
    public void close() {
        // each repetition unpersists its own DataFrame
    }

    /** One repetition: a fresh DataFrame, the timed fit or transform passes, then accuracy and fingerprint. */
    private Measured measure(int index) {
        CellSpec spec = setup.spec();
        long trainSamples = setup.trainSamples();
        try (Frame frame = Frame.of(setup.sc(), spark, setup.staged(), spec.partitions(), level)) {
            long c0 = MachineLoad.processCpuNanos();
            long t0 = System.nanoTime();
            if (setup.workload().training()) {
                MultilayerPerceptronClassificationModel m = engine.classifier(model).fit(frame.rows);
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = setup.tasksCpuSecondsSince(c0, 0);
                iterations = m.summary().totalIterations();
                return measured(trainSamples * iterations, wall, cpu, frame, spec.partitions(), MllibEngine.rounded(m.weights(), layers),
                        MllibEngine.fingerprint(m.weights(), layers), accuracy(m, test));
            }
            // every pass is part of the fingerprint, in order (one pass: the digest over its partitions alone)
            MessageDigest md = dev.factortwo.datasets.Sha256.newDigest();
            for (int pass = 0; pass < spec.epochs(); pass++) digest(seeded.transform(frame.rows), md);
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = setup.tasksCpuSecondsSince(c0, 0);
            return measured(trainSamples * spec.epochs(), wall, cpu, frame, spec.partitions(), MllibEngine.rounded(seeded.weights(), layers),
                    "sha256:" + HexFormat.of().formatHex(md.digest()), Double.NaN);
        }
    }

    private static Measured measured(long samples, double wall, double cpu, Frame frame, int partitions, Weights weights, String fingerprint, double accuracy) {
        double input = frame.nanos.value() / 1e9 / partitions;
        EpochIo io = new EpochIo(0, frame.bytes.value(), frame.opens.value(), frame.calls.value(), frame.nanos.value() / 1e9);
        return new Measured(samples, wall, input, Math.max(0, wall - input), List.of(io), weights, fingerprint,
                HistogramCodec.newHistogram(), accuracy, null, cpu);
    }

    /** The storage level's name as Spark's constants spell it. */
    static String levelName(StorageLevel level) {
        if (level.equals(StorageLevel.MEMORY_ONLY())) return "MEMORY_ONLY";
        if (level.equals(StorageLevel.DISK_ONLY())) return "DISK_ONLY";
        return level.equals(StorageLevel.NONE()) ? "NONE" : level.description();
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

    /** Feeds {@code md} the partitions' digests in partition order; each covers (prediction, probability) per row in order. */
    private static void digest(Dataset<Row> predicted, MessageDigest all) {
        List<String> parts = predicted.select("prediction", "probability").javaRDD()
                .mapPartitionsWithIndex((Integer p, Iterator<Row> it) -> {
                    MessageDigest part = dev.factortwo.datasets.Sha256.newDigest();
                    while (it.hasNext()) {
                        Row row = it.next();
                        double[] prob = ((Vector) row.get(1)).toArray();
                        ByteBuffer b = ByteBuffer.allocate(4 + prob.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                        b.putInt((int) row.getDouble(0));
                        for (double x : prob) b.putDouble(x);
                        part.update(b.array());
                    }
                    return List.of(p + ":" + HexFormat.of().formatHex(part.digest())).iterator();
                }, true).collect();
        parts.stream().sorted(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.substring(0, s.indexOf(':')))))
                .forEach(s -> all.update(HexFormat.of().parseHex(s.substring(s.indexOf(':') + 1))));
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
                r.io().addTo(b, o, c, n);
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
