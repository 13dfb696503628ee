package dev.factortwo.harness.engine;

import dev.factortwo.datasets.Manifest;
import dev.factortwo.datasets.ShardInfo;
import dev.factortwo.datasets.Split;
import dev.factortwo.harness.fault.FaultKind;
import dev.factortwo.harness.fault.Injection;
import dev.factortwo.harness.measure.MachineLoad;
import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.DataOrder;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionReader;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.WarmUp;
import dev.factortwo.model.HistogramCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * The engine's limit, measured in the same run as the cells: the cell's model, batch size, optimizer, seed and
 * training data, trained by one TensorFlow model on the driver over float batches decoded before the timed
 * region; no Spark, no storage, no tasks. It follows the {@code single} strategy's math (all samples in one
 * seeded order per epoch, optimizer state reset at each epoch), so its fingerprint can be compared with that
 * cell's. Like every cell's worker, it runs its warm-up steps ({@link WarmUp}) on its model before the timed
 * region, and runs with the TensorFlow settings of one task alone ({@code auto} threads: every core, as
 * {@code single}'s one task). The timed region is the train steps alone. Driver only; not thread-safe.
 */
public final class BareLoop implements CellWork {

    /** The strategy name a bare reference cell carries in its key. */
    public static final String STRATEGY = dev.factortwo.model.CellKey.BARE_STRATEGY;

    private final CellSetup setup;
    private final ModelJob job;
    private final Split train;
    private final Split test;
    private final TfSettings asked;

    public BareLoop(CellSetup setup, TfSettings asked, Split train) {
        this.setup = setup;
        this.asked = asked;
        var spec = setup.spec();
        var ds = setup.dataset();
        this.job = new ModelJob(setup.workload().architecture(), new Architecture.InputShape(ds.height(), ds.width(), ds.channels()),
                ds.classes(), (float) spec.learningRate(), spec.batchSize(), spec.seed(), 0, spec.warmupSteps(), 0, 0,
                asked.forModel(setup.workload().architecture(), 1, TensorFlowCell.CORES), java.util.List.of());
        this.train = train;
        this.test = setup.testSplit().apply(spec.testSamples());
    }

    /**
     * The training samples in the order the {@code single} strategy sees them: partition {@code p} of
     * {@code partitions} holds shards {@code p, p+P, ...} ({@link PartitionReader#shardsOf}), and one worker over the
     * whole set concatenates the partitions in order. Shards hold consecutive samples of {@code train}, in the
     * manifest's order. With as many shards as partitions this is {@code train} itself.
     *
     * @throws IllegalArgumentException when the manifest does not describe {@code train}'s samples
     */
    public static Split inPartitionOrder(Split train, Manifest manifest, int partitions) {
        long total = manifest.shards().stream().mapToLong(ShardInfo::records).sum();
        if (total != train.size()) {
            throw new IllegalArgumentException("shards of " + train + " hold " + total + " samples, the split " + train.size());
        }
        Map<String, Integer> start = new LinkedHashMap<>();
        int at = 0;
        for (ShardInfo s : manifest.shards()) {
            start.put(s.name(), at);
            at += (int) s.records();
        }
        int w = train.images().length / Math.max(1, train.size());
        byte[] images = new byte[train.images().length], labels = new byte[train.labels().length];
        int next = 0;
        for (int p = 0; p < partitions; p++) {
            for (ShardInfo s : PartitionReader.shardsOf(manifest, p, partitions)) {
                int from = start.get(s.name()), n = (int) s.records();
                System.arraycopy(train.images(), from * w, images, next * w, n * w);
                System.arraycopy(train.labels(), from, labels, next, n);
                next += n;
            }
        }
        return new Split(train.spec(), train.split(), images, labels);
    }

    @Override
    public void warmUp() {
        once();
    }

    @Override
    public Measured run(Injection injection) {
        if (!injection.none()) throw new IllegalStateException("the bare reference takes no faults");
        Measured m = once();
        double accuracy = TensorFlowCell.accuracy(job, m.weights(), test);
        return m.withAccuracy(accuracy);
    }

    private Measured once() {
        int n = train.size(), w = job.shape().pixels();
        int batch = Math.min(job.batchSize(), Math.max(1, n));
        int steps = PartitionWork.steps(n, job.batchSize());
        float[][] images = new float[steps][batch * w];
        int[][] labels = new int[steps][batch];
        byte[] src = train.images();
        Histogram h = HistogramCodec.newHistogram();
        long nanos = 0, samples = 0;
        double cpu = 0; // NaN once a reading is unknown
        try (TfModel model = PartitionWork.newModel(job, PartitionWork.initialWeights(job))) {
            Weights current = model.weights();
            WarmUp.run(model, job, current);
            for (int epoch = 0; epoch < setup.spec().epochs(); epoch++) {
                int[] order = DataOrder.permutation(n, job.seed(), epoch, 0);
                for (int s = 0; s < steps; s++) {
                    for (int i = 0; i < batch; i++) {
                        int sample = order[s * batch + i];
                        labels[s][i] = train.label(sample);
                        for (int k = 0; k < w; k++) images[s][i * w + k] = (src[sample * w + k] & 0xFF) * (1f / 255f);
                    }
                }
                model.setWeights(current); // as a worker does at each round: weights in, optimizer state reset
                long c0 = MachineLoad.processCpuNanos();
                long t0 = System.nanoTime();
                for (int s = 0; s < steps; s++) {
                    long a = System.nanoTime();
                    model.trainStep(images[s], labels[s], batch);
                    h.recordValue(Math.max(1, (System.nanoTime() - a) / 1000));
                }
                nanos += System.nanoTime() - t0;
                cpu += MachineLoad.cpuSecondsBetween(c0, MachineLoad.processCpuNanos(), 0);
                samples += (long) steps * batch;
                current = model.weights();
            }
            double seconds = nanos / 1e9;
            return new Measured(samples, seconds, 0, seconds, List.of(), current, current.fingerprint(), h, Double.NaN, null, cpu);
        }
    }

    @Override
    public Optional<String> notInjected(FaultKind fault) {
        return Optional.of("the bare reference has no Spark, storage or worker state to lose");
    }

    @Override
    public boolean timesSteps() {
        return true;
    }

    @Override
    public List<String> notes(List<Measured> runs) {
        return List.of("bare reference: the engine's limit for this model, batch, optimizer and data, without Spark or storage");
    }

    @Override
    public Map<String, String> attributes(List<Measured> runs) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("optimizer", TfModel.OPTIMIZER);
        attrs.put("warmUp", TensorFlowCell.warmUp(setup.spec().warmupSteps(), 1, true, "on the model the loop then trains"));
        attrs.putAll(TensorFlowCell.threads(asked, job.tf(), 1, TensorFlowCell.CORES));
        attrs.put("reference", "bare TensorFlow loop on the driver over float batches decoded before the timed region; "
                + "the single strategy's data order and optimizer resets; no Spark, no storage");
        return attrs;
    }

    @Override
    public void close() {
    }
}
