package dev.factortwo.harness.engine;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.datasets.Split;
import dev.factortwo.harness.checkpoint.Checkpointing;
import dev.factortwo.harness.checkpoint.Checkpoints;
import dev.factortwo.harness.fault.FaultKind;
import dev.factortwo.harness.tier.CheckpointStore;
import dev.factortwo.harness.fault.Injection;
import dev.factortwo.harness.measure.MachineLoad;
import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.state.FrameInference;
import dev.factortwo.harness.strategy.AccuracyProbe;
import dev.factortwo.harness.strategy.Hogwild;
import dev.factortwo.harness.strategy.Round;
import dev.factortwo.harness.strategy.RoundHook;
import dev.factortwo.harness.strategy.RoundStrategy;
import dev.factortwo.harness.strategy.StrategyContext;
import dev.factortwo.harness.strategy.Trained;
import dev.factortwo.harness.strategy.TrainingFigures;
import dev.factortwo.harness.task.HogwildWork;
import dev.factortwo.harness.task.IoCount;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.TaskOutcome;
import dev.factortwo.model.EpochIo;
import dev.factortwo.model.HistogramCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * A TensorFlow cell's work: each repetition opens the state mode's execution over the staged data, runs every
 * worker's warm-up ({@link Execution#warmUp}), then, timed, the cell's {@link RoundStrategy} from Java-seeded
 * weights; tasks time input and compute per step. Held-out accuracy is evaluated on the driver after each round
 * and at the end, outside the timed region. The tasks' TensorFlow settings are resolved for the tasks the
 * strategy runs at once ({@link TfSettings#forTasks}).
 */
final class TensorFlowCell implements CellWork {

    private final CellSetup setup;
    private final RoundStrategy strategy;
    private final ModelJob job;
    private final Split test;
    private final double accuracyTarget;
    private final int tasksAtOnce;
    private final TfSettings asked;
    /** The tier client the checkpoints went through, without the run's location; set by the first checkpointed run. */
    private String checkpointClient = "";

    /** The cores {@code auto} threads divide: the driver's, which are the workers' on one machine. */
    static final int CORES = Runtime.getRuntime().availableProcessors();

    TensorFlowCell(CellSetup setup, TfSettings asked, double accuracyTarget) {
        this.setup = setup;
        this.strategy = (RoundStrategy) setup.strategy();
        this.accuracyTarget = accuracyTarget;
        this.asked = asked;
        var spec = setup.spec();
        var ds = setup.dataset();
        this.tasksAtOnce = strategy.tasksAtOnce(spec.partitions(), setup.sc().defaultParallelism());
        int accelerators = spec.key().accelerators();
        if (accelerators > 0 && tasksAtOnce < accelerators) {
            throw new IllegalArgumentException("scale cell of " + accelerators + " accelerators: strategy " + strategy.name() + " runs "
                    + tasksAtOnce + " task(s) at once with the " + setup.sc().defaultParallelism() + " task slots of master "
                    + setup.sc().master() + "; it needs one per accelerator");
        }
        TfSettings tf = asked.forModel(setup.workload().architecture(), tasksAtOnce, CORES);
        this.job = new ModelJob(setup.workload().architecture(), new Architecture.InputShape(ds.height(), ds.width(), ds.channels()),
                ds.classes(), (float) spec.learningRate(), spec.batchSize(), spec.seed(), 0, spec.warmupSteps(), spec.throttlePercent(),
                setup.accelerator().nanosPerSample(setup.workload()), tf, java.util.List.of());
        this.test = setup.workload().training() && !job.emulated() ? setup.testSplit().apply(spec.testSamples()) : null;
    }

    @Override
    public void warmUp() {
        once(job, RoundHook.NONE, AccuracyProbe.NONE);
    }

    @Override
    public Measured run(Injection injection) {
        if (injection.none()) {
            AccuracyProbe probe = test == null ? AccuracyProbe.NONE : w -> accuracy(job, w, test);
            Measured m = once(job, RoundHook.NONE, probe);
            double accuracy = test == null ? Double.NaN : accuracy(job, m.weights(), test);
            return m.withAccuracy(accuracy);
        }
        FaultKind f = injection.kind();
        // the same probe as a fault-free run: its untimed evaluations and what it collects inside the timed region
        // (every replica of local-sgd each round) fall on both sides, so the recovery is the fault's alone
        AccuracyProbe probe = test == null ? AccuracyProbe.NONE : w -> accuracy(job, w, test);
        return once(f.prepare(job, injection.atRound()), f.hook(injection.target(), injection.atRound(), injection.record()), probe);
    }

    private Measured once(ModelJob job, RoundHook hook, AccuracyProbe probe) {
        var spec = setup.spec();
        Weights initial = PartitionWork.initialWeights(job);
        long samples = 0, inputNanos = 0, computeNanos = 0;
        List<EpochIo> io = new ArrayList<>();
        Histogram h = HistogramCodec.newHistogram();
        try (Execution ex = setup.state().open(setup.sc(), setup.staged(), spec.partitions(), setup.tier());
             CheckpointStore store = checkpointed() ? setup.tier().checkpoints("run-" + java.util.UUID.randomUUID()) : null) {
            // untimed, and the same for every training strategy: warmupSteps per worker, undone
            if (strategy.training()) ex.warmUp(job, initial, tasksAtOnce);
            Checkpointing cp = store == null ? Checkpointing.NONE : new Checkpointing(spec.key().checkpointEvery(), new Checkpoints(store));
            if (store != null) checkpointClient = store.client().replaceAll(" \\([^()]*\\)$", "");
            long c0 = MachineLoad.processCpuNanos();
            long t0 = System.nanoTime();
            Trained trained = strategy.run(new StrategyContext(setup.sc(), ex, job, spec, hook, probe, cp), initial);
            double wall = (System.nanoTime() - t0 - trained.excludedNanos()) / 1e9;
            double cpu = setup.tasksCpuSecondsSince(c0, trained.excludedCpuNanos());
            for (Round round : trained.rounds()) {
                for (TaskOutcome o : round.outcomes()) {
                    samples += o.samples();
                    inputNanos += o.inputNanos();
                    computeNanos += o.computeNanos();
                    h.add(HistogramCodec.decode(o.histogram()));
                }
                IoCount c = round.io();
                io.add(new EpochIo(round.index(), c.bytesRead(), c.filesOpened(), c.readCalls(),
                        Math.min(c.nanos(), round.wallNanos()) / 1e9));
            }
            String fingerprint = strategy.training() ? trained.weights().fingerprint() : "sha256:" + trained.outputDigest();
            // seconds summed over tasks, divided by the most tasks that ran at once (partitions up to the task slots;
            // 1 for single): per-worker time in the measured region. A scale cell divides by its accelerators, as MLPerf
            // Storage does: an accelerator whose task had not started yet was idle, not absent
            int workers = spec.key().scale() ? spec.key().accelerators() : trained.workers();
            return new Measured(samples, wall, inputNanos / 1e9 / workers, computeNanos / 1e9 / workers,
                    io, trained.weights(), fingerprint, h, Double.NaN, trained, cpu);
        }
    }

    /** True when this cell checkpoints: it asked to, and its strategy has worker state to checkpoint. */
    private boolean checkpointed() {
        return setup.spec().key().checkpointed() && strategy.notCheckpointed().isEmpty();
    }

    /** Held-out accuracy of {@code w}, computed on the driver outside the timed region. */
    static double accuracy(ModelJob job, Weights w, Split test) {
        int n = test.size();
        if (n == 0) return Double.NaN;
        int pixels = job.shape().pixels(), batch = 1000, correct = 0;
        float[] x = new float[batch * pixels];
        byte[] images = test.images();
        try (TfModel m = PartitionWork.newModel(job, w)) {
            for (int from = 0; from < n; from += batch) {
                int k = Math.min(batch, n - from);
                for (int i = 0; i < k * pixels; i++) x[i] = (images[from * pixels + i] & 0xFF) * (1f / 255f);
                int[] pred = m.predict(x, k).labels();
                for (int i = 0; i < k; i++) if (pred[i] == test.label(from + i)) correct++;
            }
        }
        return correct / (double) n;
    }

    @Override
    public Optional<String> notInjected(FaultKind fault) {
        return job.emulated()
                ? Optional.of("emulated compute: no model runs, so there is no result a fault could change")
                : Optional.empty();
    }

    @Override
    public boolean timesSteps() {
        return true;
    }

    @Override
    public List<String> notes(List<Measured> runs) {
        List<String> notes = new ArrayList<>();
        if (job.emulated()) notes.add(setup.accelerator().note(setup.workload()));
        if (setup.spec().throttlePercent() > 0) {
            notes.add(String.format("throttled: %.0f%% extra wait per step, planted on purpose", setup.spec().throttlePercent()));
        }
        return notes;
    }

    @Override
    public Map<String, String> attributes(List<Measured> runs) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("optimizer", TfModel.OPTIMIZER);
        attrs.put("warmUp", warmUp(setup.spec().warmupSteps(), tasksAtOnce, strategy.training() && !job.emulated(), setup.state().workerLocal()
                ? "on the worker-local models the tasks then take"
                : "on a model built for it: this warms the process, not the models the tasks build every round"));
        attrs.putAll(threads(asked, job.tf(), tasksAtOnce, CORES));
        attrs.put("stateReset", "per repetition: Spark caches and worker-local data dropped, weights and optimizer state set afresh "
                + "(worker-local TensorFlow graphs and sessions are reused once built); one Spark session per run");
        if (job.emulated()) attrs.put(CellAttribute.EMULATED.key(), setup.accelerator().name());
        if (job.emulated()) {
            attrs.put("inputPipeline", setup.staged().streaming()
                    ? "streamed: each task's shards are read by a reader thread while the emulated device computes on what has arrived"
                    + " (a shuffle within windows of " + dev.factortwo.harness.task.PartitionWork.STREAM_WINDOW + " samples; Spark state"
                    + " persisted to disk takes the partition whole first, as Spark's disk cache does)"
                    : "whole: each task reads its partition before its first step (" + setup.staged().format().name() + " rows come from Spark whole)");
        }
        if (setup.spec().key().scale()) attrs.putAll(scale(setup.spec().key().accelerators(), runs, setup.sc().master(), CORES));
        if (strategy instanceof Hogwild) {
            TfSettings tf = HogwildWork.forThreads(job, Hogwild.THREADS).tf();
            attrs.put("hogwildSession", Hogwild.THREADS + " threads per task on one model whose TensorFlow session has an inter-op pool of its own of "
                    + tf.interOpThreads() + " threads (intra-op threads as every model's); the threads share the weights, and each keeps "
                    + "momentum accumulators of its own (" + tf.concurrentRuns() + " sets)");
        }
        attrs.putAll(inferred(runs));
        if (strategy.training()) attrs.putAll(TrainingFigures.of(runs.stream().map(Measured::passes).toList(), accuracyTarget));
        if (checkpointed()) {
            attrs.put("checkpoints", "every " + setup.spec().key().checkpointEvery() + " rounds, every replica's weights and the driver's"
                    + " synchronised weights, written by the driver to the " + setup.tier().name() + " tier through "
                    + checkpointClient + "; parts first, a manifest with a SHA-256 per part last;"
                    + " the newest read back and verified after each run, untimed");
            attrs.putAll(CheckpointAttributes.of(runs));
        }
        return attrs;
    }

    /**
     * A scale cell's attributes: {@code scaleWorkers} (how its accelerators ran, and whether they outnumbered the cores) and
     * {@code tasksAtOnce} (the most tasks that ran at once, per repetition: below the accelerators, some sat idle).
     */
    static Map<String, String> scale(int accelerators, List<Measured> runs, String master, int cores) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("scaleWorkers", accelerators + (accelerators == 1 ? " emulated accelerator as 1 Spark task" : " emulated accelerators as "
                + accelerators + " Spark tasks") + " at once on master " + master
                + ", each reading and decoding its partition from the tier and waiting out the device's compute per batch"
                + (accelerators > cores ? "; more workers than the " + cores + " cores, sound only because the emulated compute is a wait"
                + " that leaves the cores idle" : "; no more workers than cores (" + cores + ")"));
        attrs.put("tasksAtOnce", runs.stream().map(m -> String.valueOf(m.trained() == null ? 0 : m.trained().workers()))
                .collect(java.util.stream.Collectors.joining(",")));
        return attrs;
    }

    /**
     * Inference's output written back to the tier as a DataFrame's Parquet ({@link dev.factortwo.harness.state.FrameInference}),
     * where the runs wrote one: where, its digest (each distinct one, in run order: one for a reproducible cell), and per
     * repetition its rows, bytes, files and the seconds it took (untimed: after the passes).
     */
    static Map<String, String> inferred(List<Measured> runs) {
        List<FrameInference.Output> out = runs.stream().map(m -> m.trained() == null ? null : m.trained().inferred())
                .filter(java.util.Objects::nonNull).toList();
        Map<String, String> attrs = new LinkedHashMap<>();
        if (out.isEmpty()) return attrs;
        attrs.put(FrameInference.OUTPUT_ATTRIBUTE, out.get(out.size() - 1).uri());
        attrs.put(FrameInference.DIGEST_ATTRIBUTE, out.stream().map(o -> "sha256:" + o.digest()).distinct()
                .collect(java.util.stream.Collectors.joining(",")));
        attrs.put(FrameInference.ROWS_ATTRIBUTE, join(out, o -> String.valueOf(o.rows())));
        attrs.put(FrameInference.BYTES_ATTRIBUTE, join(out, o -> String.valueOf(o.bytes())));
        attrs.put(FrameInference.FILES_ATTRIBUTE, join(out, o -> String.valueOf(o.files())));
        attrs.put(FrameInference.SECONDS_ATTRIBUTE, join(out, o -> String.format(java.util.Locale.ROOT, "%.3f", o.nanos() / 1e9)));
        return attrs;
    }

    private static String join(List<FrameInference.Output> out, java.util.function.Function<FrameInference.Output, String> f) {
        return out.stream().map(f).collect(java.util.stream.Collectors.joining(","));
    }

    /** The {@code warmUp} attribute: what ran before each repetition's timed region. */
    static String warmUp(int steps, int workers, boolean trainsModel, String onWhat) {
        if (steps == 0) return "none";
        String each = "one unmeasured repetition, then before the timed region of every repetition ";
        if (!trainsModel) return each + "nothing more (inference or emulated compute: no training steps to warm)";
        return each + steps + " steps run and undone (weights and momentum reset) by each of " + workers
                + (workers == 1 ? " worker, " : " workers, ") + onWhat;
    }

    /** The attributes that say which TensorFlow threads the tasks ran with, and why. */
    static Map<String, String> threads(TfSettings asked, TfSettings used, int tasksAtOnce, int cores) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put(CellAttribute.TF_INTRA_OP_THREADS.key(), String.valueOf(used.intraOpThreads()));
        attrs.put("tfInterOpThreads", String.valueOf(used.interOpThreads()));
        String why = switch (asked.intraOpSetting()) {
            case "workload" -> "chosen by the workload's model (--tf-intra-op-threads workload), " + tasksAtOnce + " task(s) at once on " + cores + " cores";
            case "auto" -> "auto: " + cores + " cores / " + tasksAtOnce + " task(s) at once";
            default -> "fixed by --tf-intra-op-threads";
        };
        attrs.put("tfIntraOpThreadsChosen", why + "; " + TfSettings.pools());
        return attrs;
    }

    @Override
    public void close() {
        // each repetition closes its own execution
    }
}
