package dev.factortwo.harness.run;

import dev.factortwo.datasets.DatasetSpec;
import dev.factortwo.datasets.Split;
import dev.factortwo.harness.engine.Architecture;
import dev.factortwo.harness.engine.Engines;
import dev.factortwo.harness.engine.MllibEngine;
import dev.factortwo.harness.engine.TfModel;
import dev.factortwo.harness.engine.TfSettings;
import dev.factortwo.harness.engine.Weights;
import dev.factortwo.harness.fault.FaultKind;
import dev.factortwo.harness.measure.GpuSampler;
import dev.factortwo.harness.measure.PeakMemory;
import dev.factortwo.harness.fault.FaultTarget;
import dev.factortwo.harness.services.StandaloneCluster;
import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.strategy.AccuracyProbe;
import dev.factortwo.harness.strategy.Round;
import dev.factortwo.harness.strategy.RoundHook;
import dev.factortwo.harness.strategy.Strategies;
import dev.factortwo.harness.strategy.Strategy;
import dev.factortwo.harness.strategy.StrategyContext;
import dev.factortwo.harness.strategy.Trained;
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
 * Runs one cell: stages its data to its tier, runs its repetitions in its state mode, measures each
 * outside-in (wall time on the driver, input and compute time inside the tasks), validates outside the
 * timed region (accuracy, fingerprint), and checks that the repetitions agree. Not thread-safe.
 */
public final class CellRunner {

    /** Relative L2 difference under which differing repeats still count as {@code tolerance}. */
    public static final double DEFAULT_TOLERANCE = dev.factortwo.model.Defaults.REPRODUCIBILITY_TOLERANCE;

    /** Held-out accuracy whose first crossing is reported as {@code timeToAccuracySeconds}. */
    public static final double DEFAULT_ACCURACY_TARGET = dev.factortwo.model.Defaults.ACCURACY_TARGET;

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

    public CellRunner(JavaSparkContext sc, DatasetCatalog catalog, TierRegistry tiers, TfSettings tf,
                      Accelerator accelerator, Progress progress) {
        this(sc, catalog, tiers, tf, accelerator, progress, DEFAULT_ACCURACY_TARGET);
    }

    private CellRunner(JavaSparkContext sc, DatasetCatalog catalog, TierRegistry tiers, TfSettings tf,
                       Accelerator accelerator, Progress progress, double accuracyTarget) {
        this.sc = sc;
        this.catalog = catalog;
        this.tiers = tiers;
        this.tf = tf;
        this.accelerator = accelerator;
        this.progress = progress;
        this.faults = List.of();
        this.cluster = Optional.empty();
        this.accuracyTarget = accuracyTarget;
    }

    private CellRunner(CellRunner base, List<FaultKind> faults, Optional<StandaloneCluster> cluster, double accuracyTarget) {
        this.sc = base.sc;
        this.catalog = base.catalog;
        this.tiers = base.tiers;
        this.tf = base.tf;
        this.accelerator = base.accelerator;
        this.progress = base.progress;
        this.faults = List.copyOf(faults);
        this.cluster = cluster;
        this.accuracyTarget = accuracyTarget;
    }

    /** This runner, injecting {@code faults} into every cell after its measured repetitions. */
    public CellRunner withFaults(List<FaultKind> faults, Optional<StandaloneCluster> cluster) {
        return new CellRunner(this, faults, cluster, accuracyTarget);
    }

    /** The same runner, reporting the time until held-out accuracy first reaches {@code target} (0..1). */
    public CellRunner withAccuracyTarget(double target) {
        if (!(target > 0 && target <= 1)) throw new IllegalArgumentException("accuracy target must be in (0, 1], was " + target);
        return new CellRunner(this, faults, cluster, target);
    }

    /** The device a cell's results will name. */
    public String device() {
        return accelerator.device();
    }

    public CellResult run(CellSpec spec) {
        if (Engines.byName(spec.key().engine()) instanceof MllibEngine) {
            return new MllibCellRunner(sc, catalog, tiers, progress).run(spec, resolved(spec.key()));
        }
        CellKey key = resolved(spec.key());
        Workload workload = Workloads.byName(key.workload());
        StateMode state = StateMode.byName(key.state());
        Strategy strategy = Strategies.byName(key.strategy());
        if (strategy.training() != (workload instanceof Workload.Train)) {
            throw new IllegalArgumentException("strategy '" + key.strategy() + "' is for " + (strategy.training() ? "training" : "inference")
                    + " workloads, not " + key.workload());
        }
        if (!strategy.states().contains(key.state())) {
            throw new IllegalArgumentException("strategy '" + key.strategy() + "' runs under state " + strategy.states() + ", not " + key.state());
        }
        DatasetSpec ds = catalog.spec(key.dataset());
        Architecture.InputShape shape = new Architecture.InputShape(ds.height(), ds.width(), ds.channels());
        long trainSamples = spec.trainSamples() == 0 ? ds.trainSamples() : Math.min(spec.trainSamples(), ds.trainSamples());
        int shardCount = spec.partitions() * (int) Math.max(1, Math.ceil(trainSamples / (double) (spec.partitions() * SAMPLES_PER_SHARD)));
        DatasetCatalog.Shards shards = catalog.trainShards(key.dataset(), trainSamples, shardCount);
        StorageTier tier = tiers.tier(key.tier());
        StagedData staged = tiers.stage(key.tier(), shards);
        ModelJob job = new ModelJob(workload.architecture(), shape, ds.classes(), (float) spec.learningRate(),
                spec.batchSize(), spec.seed(), 0, spec.warmupSteps(), spec.throttlePercent(),
                accelerator.nanosPerSample(workload), tf, -1);
        Split test = workload instanceof Workload.Train && !job.emulated() ? catalog.test(key.dataset(), spec.testSamples()) : null;

        List<Repetition> reps = new ArrayList<>();
        List<Weights> repWeights = new ArrayList<>();
        List<EpochIo> firstIo = List.of();
        Histogram latency = HistogramCodec.newHistogram();
        if (spec.warmupSteps() > 0) {
            // the first runs in a JVM pay for class loading, JIT and Spark's own warm-up: measured, they made
            // the first cell of a suite look half as fast as the same cell run again
            progress.step("warm-up repetition");
            runOnce(spec, strategy, state, staged, tier.cold(), job, RoundHook.NONE);
        }
        PeakMemory memory = PeakMemory.start();
        GpuSampler gpu = accelerator instanceof Accelerator.Real real && real.device().startsWith("gpu") ? GpuSampler.start() : null;
        AccuracyProbe probe = test == null ? AccuracyProbe.NONE : w -> accuracy(job, w, test);
        List<RepetitionRun> runs = new ArrayList<>();
        try {
            for (int r = 0; r < spec.repetitions(); r++) {
                progress.step("repetition " + (r + 1) + "/" + spec.repetitions());
                RepetitionRun run = runOnce(spec, strategy, state, staged, tier.cold(), job, RoundHook.NONE, probe);
                runs.add(run);
                latency.add(run.latency);
                double accuracy = test == null ? Double.NaN : accuracy(job, run.weights, test);
                reps.add(new Repetition(r, run.samples, run.wallSeconds, run.samples / run.wallSeconds, run.inputSeconds,
                        run.computeSeconds, run.io.stream().mapToLong(EpochIo::bytesRead).sum(), run.fingerprint, accuracy));
                repWeights.add(run.weights);
                if (r == 0) firstIo = run.io;
            }
        } catch (Throwable e) { // also Spark's exceptions, which Scala throws unchecked
            if (gpu != null) gpu.close();
            throw e;
        }
        PeakMemory.Reading peak = memory.read();
        GpuSampler.Summary gpuUse = gpu != null ? gpu.stop() : null;
        Summary sps = Statistics.standard().summarize(reps.stream().mapToDouble(Repetition::samplesPerSecond).toArray(), 0.95);
        double wall = reps.stream().mapToDouble(Repetition::wallSeconds).average().orElse(0);
        double input = reps.stream().mapToDouble(Repetition::inputSeconds).average().orElse(0);
        double compute = reps.stream().mapToDouble(Repetition::computeSeconds).average().orElse(0);
        // computeSeconds is already per worker (summed over partitions / partitions)
        double au = reps.stream().mapToDouble(x -> x.computeSeconds() / x.wallSeconds()).average().orElse(0);
        long bytes = (long) reps.stream().mapToLong(Repetition::bytesRead).average().orElse(0);
        double acc = reps.stream().mapToDouble(Repetition::testAccuracy).average().orElse(Double.NaN);

        List<String> notes = new ArrayList<>();
        cacheNote(tier, firstIo).ifPresent(notes::add);
        if (job.emulated()) notes.add(accelerator.note(workload));
        if (sps.noisy()) notes.add(String.format("throughput varies by %.0f%% between repetitions (coefficient of variation)", sps.cv() * 100));
        if (spec.throttlePercent() > 0) notes.add(String.format("throttled: %.0f%% extra wait per step, planted on purpose", spec.throttlePercent()));

        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("architecture", workload.architecture().name());
        attrs.put("optimizer", TfModel.OPTIMIZER);
        attrs.put("partitions", String.valueOf(spec.partitions()));
        attrs.put("shards", String.valueOf(shardCount));
        attrs.put("trainSamples", String.valueOf(trainSamples));
        attrs.put("tier", tier.describe());
        attrs.put("warmUp", spec.warmupSteps() > 0 ? "one unmeasured repetition, then " + spec.warmupSteps()
                + " steps run and undone in each task of every repetition" : "none");
        attrs.put("stateReset", "per repetition: fresh TensorFlow sessions, Spark caches and worker-local state dropped; one Spark session per run");
        attrs.put("meanWallSeconds", String.format("%.4f", wall));
        if (job.emulated()) attrs.put("emulated", accelerator.name());
        attrs.put("peakHeapBytes", String.valueOf(peak.peakHeapBytes()));
        attrs.put("peakRssBytes", String.valueOf(peak.peakRssBytes()));
        attrs.put("peakMemory", peak.describe());
        if (gpuUse != null) {
            attrs.put("gpuSamples", String.valueOf(gpuUse.samples()));
            attrs.put("gpuMeanUtilizationPercent", String.format("%.1f", gpuUse.meanUtilizationPercent()));
            attrs.put("gpuMaxMemoryUsedMiB", String.valueOf(gpuUse.maxMemoryUsedMiB()));
            attrs.put("gpuDevice", gpuUse.device());
        }
        if (strategy.training()) attrs.putAll(TrainingFigures.of(runs.stream().map(RepetitionRun::trained).toList(), accuracyTarget));

        Reproducibility repeat = repeatVerdict(workload, reps, repWeights, DEFAULT_TOLERANCE);
        List<FaultOutcome> outcomes = new ArrayList<>();
        FaultTarget target = new FaultTarget(key, tier, sc, cluster);
        for (FaultKind f : faults) {
            progress.step("fault " + f.name());
            outcomes.add(inject(f, target, spec, strategy, state, staged, job, reps));
        }
        Reproducibility repro = combine(repeat, outcomes);
        return new CellResult(key, spec, CellResult.OK, null, reps, sps, input, compute, au, bytes,
                reps.get(0).fingerprint(), acc, HistogramCodec.summarize(latency), repro, firstIo, notes, attrs);
    }

    /**
     * One more run of the cell with {@code fault} injected half-way, compared with the fault-free runs. A run
     * the fault made fail is restarted once from scratch.
     */
    FaultOutcome inject(FaultKind fault, FaultTarget target, CellSpec spec, Strategy strategy, StateMode state,
                        StagedData staged, ModelJob job, List<Repetition> reps) {
        Optional<String> na = fault.notApplicable(target);
        if (na.isPresent()) return new FaultOutcome(fault.name(), FaultOutcome.NOT_APPLICABLE, 0, 0, null, fault.name() + ": not applicable: " + na.get());
        int at = spec.epochs() / 2;
        double baseWall = reps.stream().mapToDouble(Repetition::wallSeconds).average().orElse(0);
        long baseBytes = (long) reps.stream().mapToLong(Repetition::bytesRead).average().orElse(0);
        String expected = reps.get(0).fingerprint();
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        try {
            RepetitionRun run = runOnce(spec, strategy, state, staged, target.tier().cold(), fault.prepare(job, at), fault.hook(target, at, log));
            long bytes = run.io.stream().mapToLong(EpochIo::bytesRead).sum();
            boolean same = run.fingerprint.equals(expected);
            String how = "spark".equals(target.key().state()) ? "recomputed by Spark" : "recovered by the tasks themselves";
            String explanation = String.format("%s: %s from %s in %+.2f s (%+.1f MB read), %s%s", fault.name(), how, target.tier().name(),
                    run.wallSeconds - baseWall, (bytes - baseBytes) / 1e6, same ? "identical" : "DIFFERENT result", detail(log));
            return new FaultOutcome(fault.name(), same ? FaultOutcome.RECOMPUTED_IDENTICAL : FaultOutcome.RECOMPUTED_DIFFERENT,
                    run.wallSeconds - baseWall, bytes - baseBytes, run.fingerprint, explanation);
        } catch (Exception first) { // Spark's own exceptions are checked in Java's eyes but thrown anyway
            String why = SuiteRunner.oneLine(first);
            try {
                RepetitionRun again = runOnce(spec, strategy, state, staged, target.tier().cold(), job, RoundHook.NONE);
                double total = (System.nanoTime() - t0) / 1e9;
                boolean same = again.fingerprint.equals(expected);
                long bytes = again.io.stream().mapToLong(EpochIo::bytesRead).sum();
                return new FaultOutcome(fault.name(), FaultOutcome.RESTARTED, total - baseWall, bytes, again.fingerprint,
                        String.format("%s: the run failed (%s) and had to start over: %+.2f s in all, %s%s", fault.name(), why,
                                total - baseWall, same ? "then identical" : "then DIFFERENT", detail(log)));
            } catch (Exception second) {
                return new FaultOutcome(fault.name(), FaultOutcome.FAILED, (System.nanoTime() - t0) / 1e9 - baseWall, 0, null,
                        fault.name() + ": failed, also when restarted: " + SuiteRunner.oneLine(second) + detail(log));
            }
        }
    }

    private static String detail(List<String> log) {
        return log.isEmpty() ? "" : " [" + String.join("; ", log) + "]";
    }

    /** The cell's verdict: reproducible when repeats are bitwise and every applicable fault recomputed identically. */
    static Reproducibility combine(Reproducibility repeat, List<FaultOutcome> outcomes) {
        if (outcomes.isEmpty()) return repeat;
        boolean faultsOk = outcomes.stream().allMatch(o -> o.identical() || FaultOutcome.NOT_APPLICABLE.equals(o.outcome()));
        String faultWords = outcomes.stream().filter(o -> !FaultOutcome.NOT_APPLICABLE.equals(o.outcome()))
                .map(FaultOutcome::explanation).collect(java.util.stream.Collectors.joining("; "));
        return new Reproducibility(repeat.verdict(), repeat.runs(), repeat.maxRelativeL2(), repeat.tolerance(), outcomes,
                repeat.reproducible() && faultsOk,
                repeat.explanation() + (faultWords.isEmpty() ? "" : "; " + faultWords));
    }

    CellKey resolved(CellKey k) {
        return new CellKey(k.workload(), k.dataset(), k.tier(), k.state(), k.strategy(), k.engine(), accelerator.device());
    }

    private record RepetitionRun(long samples, double wallSeconds, double inputSeconds, double computeSeconds,
                                 List<EpochIo> io, Weights weights, String fingerprint, Histogram latency, Trained trained) {
    }

    private RepetitionRun runOnce(CellSpec spec, Strategy strategy, StateMode state, StagedData staged, boolean cold,
                                  ModelJob job, RoundHook hook) {
        return runOnce(spec, strategy, state, staged, cold, job, hook, AccuracyProbe.NONE);
    }

    private RepetitionRun runOnce(CellSpec spec, Strategy strategy, StateMode state, StagedData staged, boolean cold,
                                  ModelJob job, RoundHook hook, AccuracyProbe probe) {
        Weights initial = PartitionWork.initialWeights(job);
        long samples = 0, inputNanos = 0, computeNanos = 0;
        List<EpochIo> io = new ArrayList<>();
        Histogram h = HistogramCodec.newHistogram();
        try (Execution ex = state.open(sc, staged, spec.partitions(), staged.tier(), cold)) {
            long t0 = System.nanoTime();
            Trained trained = strategy.run(new StrategyContext(sc, ex, job, spec, hook, probe), initial);
            double wall = (System.nanoTime() - t0 - trained.excludedNanos()) / 1e9;
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
            // seconds summed over partitions, divided by partitions: per-worker time in the measured region
            return new RepetitionRun(samples, wall, inputNanos / 1e9 / spec.partitions(),
                    computeNanos / 1e9 / spec.partitions(), io, trained.weights(), fingerprint, h, trained);
        }
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

    static java.util.Optional<String> cacheNote(StorageTier tier, List<EpochIo> io) {
        if (!tier.cold() || io.size() < 2 || io.get(0).bytesRead() == 0) return java.util.Optional.empty();
        long first = io.get(0).bytesRead();
        long later = io.stream().skip(1).mapToLong(EpochIo::bytesRead).max().orElse(0);
        if (later < first / 100) {
            return java.util.Optional.of(String.format("served by a cache: epochs after the first read %d bytes from %s"
                    + " (first epoch: %d); later epochs measure memory, not the store", later, tier.name(), first));
        }
        return java.util.Optional.empty();
    }

    /** The repeat verdict of repetitions alone (bitwise or not), for results assembled from separate runs. */
    static Reproducibility repeatVerdictOf(List<Repetition> reps) {
        return repeatVerdict(Workloads.TRAIN_MLP, reps, List.of(), DEFAULT_TOLERANCE);
    }

    /** The repeat verdict: bitwise when every repetition's fingerprint is equal, else tolerance or divergent. */
    static Reproducibility repeatVerdict(Workload w, List<Repetition> reps, List<Weights> weights, double tolerance) {
        if (reps.size() < 2) {
            return new Reproducibility(Reproducibility.NOT_CHECKED, reps.size(), 0, tolerance, List.of(), false,
                    "one run: repeat with --repetitions 2 or more to check");
        }
        String first = reps.get(0).fingerprint();
        boolean same = reps.stream().allMatch(r -> r.fingerprint().equals(first));
        if (same) {
            return new Reproducibility(Reproducibility.BITWISE, reps.size(), 0, tolerance, List.of(), true,
                    reps.size() + " runs with one seed gave bit-identical " + (w instanceof Workload.Train ? "weights" : "outputs"));
        }
        if (w instanceof Workload.Train) {
            double max = 0;
            for (int i = 1; i < weights.size(); i++) max = Math.max(max, weights.get(i).relativeL2(weights.get(0)));
            String verdict = max <= tolerance ? Reproducibility.TOLERANCE : Reproducibility.DIVERGENT;
            return new Reproducibility(verdict, reps.size(), max, tolerance, List.of(), false,
                    String.format("%d runs gave different weights: largest relative L2 difference %.3g (tolerance %.0e)", reps.size(), max, tolerance));
        }
        return new Reproducibility(Reproducibility.DIVERGENT, reps.size(), Double.NaN, tolerance, List.of(), false,
                reps.size() + " runs gave different outputs");
    }
}
