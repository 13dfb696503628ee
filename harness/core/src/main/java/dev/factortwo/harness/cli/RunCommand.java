package dev.factortwo.harness.cli;

import dev.factortwo.datasets.Datasets;
import dev.factortwo.datasets.SyntheticOptions;
import dev.factortwo.harness.engine.Engines;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.fault.FaultKind;
import dev.factortwo.harness.device.DeviceProbe;
import dev.factortwo.harness.measure.EnvironmentCapture;
import dev.factortwo.harness.measure.MachineFloor;
import dev.factortwo.harness.device.Accelerator;
import dev.factortwo.harness.device.AcceleratorProfile;
import dev.factortwo.harness.cell.CellRunner;
import dev.factortwo.harness.data.DatasetCatalog;
import dev.factortwo.harness.data.ParquetDataset;
import dev.factortwo.harness.data.ParquetDatasetOptions;
import dev.factortwo.harness.cell.OutputDir;
import dev.factortwo.harness.cell.Progress;
import dev.factortwo.harness.plan.Suite;
import dev.factortwo.harness.plan.SuiteFile;
import dev.factortwo.harness.plan.SuitePlan;
import dev.factortwo.harness.cell.MeasurementPolicy;
import dev.factortwo.harness.cell.SuiteRunner;
import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.measure.SupportMatrix;
import dev.factortwo.harness.spark.Quiet;
import dev.factortwo.harness.spark.ClusterSession;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.harness.task.DataFormat;
import dev.factortwo.harness.task.ParquetFormat;
import dev.factortwo.harness.tier.Tiers;
import dev.factortwo.harness.workload.Workloads;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Defaults;
import dev.factortwo.model.Environment;
import dev.factortwo.model.ExitCode;
import dev.factortwo.model.Results;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.UserError;
import dev.factortwo.reports.output.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code factortwo run}: one cell from flags, or a whole suite; writes results.json and report.html. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs one cell from flags, or a suite, and writes results.json and report.html to --out.",
                "A suite is --suite quick or a suite file. Rerunning into the same --out skips finished cells."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--suite", paramLabel = "quick|FILE", description = "'quick' (every workload x tier x state on a slice of Fashion-MNIST, plus local-sgd-end under local state and single under Spark state for each training workload) or a suite JSON file")
    String suite;

    @Option(names = {"--workload", "--workloads"}, split = ",", paramLabel = "NAME", description = "train-mlp, train-cnn, infer (comma-separated filter with --suite)")
    List<String> workloads;

    @Option(names = {"--dataset", "--datasets"}, split = ",", paramLabel = "NAME", description = "fashion-mnist, mnist, synthetic, or parquet:URI for your own Parquet data set "
            + "of fixed-size images and integer labels (file:, hdfs:// or s3a://; with --image-shape, --image-column, --label-column, --classes) (default: " + Defaults.DATASET + ")")
    List<String> datasets;

    @Option(names = "--image-column", paramLabel = "NAME", description = "parquet:URI data sets: the column of images, binary (H*W*C unsigned bytes, HWC) or an array of whole numbers 0 to 255 (default: "
            + ParquetDatasetOptions.DEFAULT_IMAGE_COLUMN + ")")
    String imageColumn;

    @Option(names = "--label-column", paramLabel = "NAME", description = "parquet:URI data sets: the column of integer labels 0 to classes-1 (default: "
            + ParquetDatasetOptions.DEFAULT_LABEL_COLUMN + ")")
    String labelColumn;

    @Option(names = "--image-shape", paramLabel = "HxWxC", description = "parquet:URI data sets: the images' height, width and channels (required with parquet:URI)")
    String imageShape;

    @Option(names = "--classes", paramLabel = "N", description = "parquet:URI data sets: the number of classes, 1 to 256 (default: the largest label plus one)")
    Integer classes;

    @Option(names = {"--tier", "--tiers"}, split = ",", paramLabel = "NAME", description = "memory, local-disk, hdfs, s3 (default: " + Defaults.TIER + ")")
    List<String> tiers;

    @Option(names = {"--format", "--formats"}, split = ",", paramLabel = "NAME", description = "how the data set is stored on each tier: shards (the toolkit's checked shards, the control), "
            + "parquet (Parquet files written by Spark's DataFrame writer; Spark state reads them as a DataFrame, local state with Parquet's own reader) (default: shards)")
    List<String> formats;

    @Option(names = "--parquet-compression", paramLabel = "CODEC", description = "codec of the parquet format's column chunks: snappy, zstd, gzip, lz4_raw, uncompressed (default: ${DEFAULT-VALUE})")
    String parquetCompression = ParquetFormat.DEFAULT_COMPRESSION;

    @Option(names = "--parquet-row-group-samples", paramLabel = "N", description = "samples per row group of the parquet format, about (default: ${DEFAULT-VALUE})")
    int parquetRowGroupSamples = ParquetFormat.DEFAULT_ROW_GROUP_SAMPLES;

    @Option(names = {"--state", "--states"}, split = ",", paramLabel = "NAME", description = "spark, local (default: " + Defaults.STATE + ")")
    List<String> states;

    @Option(names = {"--strategy", "--strategies"}, split = ",", paramLabel = "NAME", description = "tensorflow training: model-averaging, single, spark-allreduce, direct-allreduce, local-sgd (local state), local-sgd-end (local state), hogwild, async-ps; inference: embedded (spark state), scheduler (local state). mllib training: mllib-lbfgs, mllib-gd; inference: mllib-transform. Each workload runs the listed ones of its engine and kind (default: the engine's default for the workload and state)")
    List<String> strategies;

    @Option(names = "--sync-every", paramLabel = "K|end", description = "local-sgd: steps between synchronisations of the worker-resident replicas, or 'end' for one-shot averaging at the end (default: " + dev.factortwo.harness.strategy.LocalSgd.DEFAULT_SYNC_EVERY + ")")
    String syncEvery;

    @Option(names = "--checkpoint-every", paramLabel = "K", description = "checkpoint worker state every K rounds to the cell's tier, through its client "
            + "(local files, HDFS, S3A; memory: the driver's heap), and recover a lost or twice-advanced replica by restoring the newest checkpoint and recomputing: "
            + "for strategies whose workers hold state Spark cannot rebuild (local-sgd, local-sgd-end); other cells say it does not apply. "
            + "Recorded in each cell's key (strategy+checkpoint-every-K) (default: " + Defaults.CHECKPOINT_EVERY + " = none)")
    int checkpointEvery = Defaults.CHECKPOINT_EVERY;

    @Option(names = "--mlp-hidden", paramLabel = "W1,W2,...", description = "the widths of the hidden layers of the MLP workloads (train-mlp, infer), input side first, "
            + "where a size other than the default is a cell of its own, named in its id (train-mlp+mlp-16384-1024) and passed back by replay "
            + "(16384,1024 is a 118 MB model on 28x28x1 images) (default: " + Defaults.MLP_HIDDEN + ")")
    String mlpHidden;

    @Option(names = "--accuracy-target", paramLabel = "FRACTION", description = "held-out accuracy whose first crossing training cells report as timeToAccuracySeconds (default: ${DEFAULT-VALUE})")
    double accuracyTarget = Defaults.ACCURACY_TARGET;
    @Option(names = {"--engine", "--engines"}, split = ",", paramLabel = "NAME", description = "tensorflow, mllib (comma-separated; default: " + Defaults.ENGINE + "). MLlib runs fully connected workloads under spark state only; other combinations are skipped with a note")
    List<String> engines;

    @Option(names = "--epochs", description = "passes over the training data (default: " + Defaults.EPOCHS + "; quick suite " + Defaults.QUICK_EPOCHS + ")")
    Integer epochs;

    @Option(names = "--batch-size", description = "samples per step (default: " + Defaults.BATCH_SIZE + ")")
    Integer batchSize;

    @Option(names = "--learning-rate", description = "SGD learning rate (default: " + Defaults.LEARNING_RATE + ")")
    Double learningRate;

    @Option(names = "--seed", description = "seed for weights, data order and synthetic data (default: " + Defaults.SEED + ")")
    Long seed;

    @Option(names = "--repetitions", description = "measured repetitions per cell; 2+ also checks repeatability (default: " + Defaults.REPETITIONS_SINGLE + " for one cell, " + Defaults.REPETITIONS_SUITE + " in suites)")
    Integer repetitions;

    @Option(names = "--min-repetition-seconds", paramLabel = "SECONDS", description = "shortest measured repetition: a cell's pass is run back to back until it lasts this long, the count fixed by the first repetition and recorded in the cell (0 = one pass) (default: " + Defaults.MIN_REPETITION_SECONDS + "; quick suite " + Defaults.QUICK_MIN_REPETITION_SECONDS + ")")
    Double minRepetitionSecondsFlag;
    double minRepetitionSeconds;

    @Option(names = "--target-interval", paramLabel = "FRACTION", description = "repetitions are added beyond --repetitions until the 95% throughput interval is within this fraction of the mean (0 = never add) (default: " + Defaults.TARGET_HALF_WIDTH + ")")
    double targetHalfWidth = Defaults.TARGET_HALF_WIDTH;

    @Option(names = "--warmup-passes", paramLabel = "N", description = "unmeasured passes over every cell of a suite before the measured ones, after each cell's own warm-up (default: " + Defaults.WARMUP_PASSES + ")")
    int warmupPasses = Defaults.WARMUP_PASSES;

    @Option(names = "--max-repetitions", description = "the most repetitions a cell gets while its interval is wider than --target-interval (default: " + Defaults.MAX_REPETITIONS
            + ", and no more than the asked repetitions' own time, at least 30 s, spent on added ones; given, only the cap applies; quick suite " + Defaults.QUICK_MAX_REPETITIONS + ")")
    Integer maxRepetitionsFlag;
    int maxRepetitions;

    @Option(names = "--no-bare", description = "do not measure the bare reference (each TensorFlow training workload's model, batch, optimizer and data in a bare TensorFlow loop on the driver, no Spark), which every cell's throughput is shown against")
    boolean noBare;

    @Option(names = "--partitions", description = "data-parallel workers (default: " + Defaults.PARTITIONS + ")")
    Integer partitions;

    @Option(names = "--train-samples", description = "training samples used, 0 = all (default: all; quick suite " + Defaults.QUICK_TRAIN_SAMPLES + ")")
    Integer trainSamples;

    @Option(names = "--test-samples", description = "held-out samples for accuracy, 0 = all (default: all; quick suite " + Defaults.QUICK_TEST_SAMPLES + ")")
    Integer testSamples;

    @Option(names = "--warmup-steps", description = "training steps each worker (and the bare reference) runs and undoes before every repetition's timed region, after one unmeasured repetition per cell; "
            + "under spark state on a model built for it, which warms the process, not the models the tasks build every round; 0 = no warm-up at all (default: " + Defaults.WARMUP_STEPS + ")")
    Integer warmupSteps;

    @Option(names = "--throttle", paramLabel = "PERCENT", description = "plant a slowdown: wait PERCENT of each step's compute time extra (default: " + Defaults.THROTTLE_PERCENT + ")")
    Double throttle;

    @Option(names = "--faults", split = ",", paramLabel = "all|none|NAME", description = "faults injected half-way through one extra run of every cell: all, none, or a list of "
            + "lost-cached-blocks, task-failure, executor-kill, local-state-loss, cold-store-outage (default: all in the quick suite, none for one cell)")
    List<String> faultNames;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: " + Defaults.OUT_PATTERN + ")")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "continue an interrupted run in DIR (same as --out DIR)")
    Path resume;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "IDX directory for fashion-mnist/mnist (default: " + Defaults.FASHION_MNIST_DIR + ")")
    Path dataDir;

    @Option(names = "--synthetic-shape", paramLabel = "HxWxC", description = "image shape of the synthetic dataset (default: ${DEFAULT-VALUE})")
    String syntheticShape = Defaults.SYNTHETIC_SHAPE;

    @Option(names = "--synthetic-samples", paramLabel = "N", description = "training samples of the synthetic dataset (default: ${DEFAULT-VALUE})")
    long syntheticSamples = Defaults.SYNTHETIC_SAMPLES;

    @Option(names = "--accelerator", paramLabel = "auto|cpu|emulate:NAME", description = "device: auto (GPU where TensorFlow finds one, else CPU), or emulate:NAME to replace compute with a calibrated wait (default: ${DEFAULT-VALUE})")
    String accelerator = Defaults.ACCELERATOR;

    @Option(names = "--accelerators", split = ",", paramLabel = "N", description = "scale mode: sweep the number of emulated accelerators (e.g. 1,2,4,8,16; needs --accelerator emulate:NAME). "
            + "Each cell runs once per N with N partitions as N tasks at once, each reading and decoding its data from the tier and emulating the device's compute per batch; "
            + "the report gives the largest N kept at or above 90% utilization per tier and state (MLPerf Storage's rule). "
            + "Without --master the run gets local[N," + SparkSessions.TASK_ATTEMPTS + "] for the largest N")
    List<Integer> acceleratorCounts;

    @Option(names = "--accelerator-profiles", paramLabel = "FILE", description = "extra emulation profiles (JSON, same format as the built-in accelerators.json)")
    Path acceleratorProfiles;

    @Option(names = "--master", description = "Spark master: local[N,F], spark://HOST:PORT, yarn, k8s://..., or 'standalone' (a real standalone cluster on this machine, started and stopped by the harness) (default: "
            + Defaults.MASTER + "; with --accelerators, local[N," + SparkSessions.TASK_ATTEMPTS + "] for the largest N)")
    String masterFlag;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "extra Spark configuration (repeatable)")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--scratch", paramLabel = "DIR", description = "scratch directory for shards and embedded services (default: OUT/scratch)")
    Path scratch;

    @Option(names = "--tf-intra-op-threads", paramLabel = "workload|auto|N", description = "TensorFlow intra-op threads per task: workload (each model's measured choice: 1 for the MLPs, "
            + "the cores divided by the tasks a cell runs at once for the CNN), auto (the cores divided by the tasks a cell runs at once, at least 1, for every model: "
            + "single and the bare reference run one task, so they get every core), or N (0 = TensorFlow chooses); changes the bits of a CNN; recorded per cell as tfIntraOpThreads (default: ${DEFAULT-VALUE})")
    String intraOp = Defaults.TF_INTRA_OP_SETTING;

    @Option(names = "--tf-inter-op-threads", description = "TensorFlow inter-op threads (default: ${DEFAULT-VALUE})")
    int interOp = Defaults.TF_INTER_OP_THREADS;

    @Option(names = "--dry-run", description = "print the cells the run would measure (and the combinations it skips), then exit without starting Spark")
    boolean dryRun;

    @Option(names = "--no-report", description = "do not write report.html")
    boolean noReport;

    @Option(names = "--verbose", description = "show Spark's and Hadoop's own logging")
    boolean verbose;

    @Override
    public Integer call() {
        Quiet.apply(verbose);
        Suite plan = suite();
        validate(plan);
        mlpArchitecture(plan);
        boolean quickSuite = "quick".equals(plan.name());
        minRepetitionSeconds = minRepetitionSecondsFlag != null ? minRepetitionSecondsFlag
                : quickSuite ? Defaults.QUICK_MIN_REPETITION_SECONDS : Defaults.MIN_REPETITION_SECONDS;
        maxRepetitions = maxRepetitionsFlag != null ? maxRepetitionsFlag
                : quickSuite ? Math.max(Defaults.QUICK_MAX_REPETITIONS, plan.settings().repetitions()) : Defaults.MAX_REPETITIONS;
        if (!(accuracyTarget > 0 && accuracyTarget <= 1)) throw new UserError("--accuracy-target must be a fraction in (0, 1], was " + accuracyTarget);
        if (checkpointEvery < 0) throw new UserError("--checkpoint-every must be a number of rounds, 1 or more (0 = none), was " + checkpointEvery);
        if (!(minRepetitionSeconds >= 0)) throw new UserError("--min-repetition-seconds must be 0 or more, was " + minRepetitionSeconds);
        if (warmupPasses < 0) throw new UserError("--warmup-passes must be 0 or more, was " + warmupPasses);
        if (!(targetHalfWidth >= 0 && targetHalfWidth < 1)) throw new UserError("--target-interval must be a fraction in [0, 1), was " + targetHalfWidth);
        if (maxRepetitions < 1) throw new UserError("--max-repetitions must be at least 1, was " + maxRepetitions);
        TfSettings tf = tfSettings();
        poolsProblem(tf, TfSettings.perSessionPools()).ifPresent(why -> {
            throw new UserError(why);
        });
        // executors of a cluster master get their own pools too
        if (tf.auto()) sparkConf.putIfAbsent("spark.executorEnv." + TfSettings.PER_SESSION_POOLS_ENV, "1");
        validateScale();
        List<String> formatNames = formats();
        Optional<ParquetDatasetOptions> userParquet = parquetDataset(plan);
        ParquetFormat parquet = new ParquetFormat(parquetCompression, parquetRowGroupSamples);
        String master = master();
        if (dryRun) {
            SuitePlan.skipped(plan).forEach(line -> System.out.println("factortwo: " + line));
            scaleSkipped(plan, accelerator).forEach(line -> System.out.println("factortwo: " + line));
            List<CellSpec> cells = cells(plan, accelerator);
            System.out.println("factortwo: suite '" + plan.name() + "', " + cells.size() + " cells:");
            cells.forEach(c -> System.out.println("  " + c.id()));
            return ExitCode.OK.code();
        }
        SupportMatrix.Verdict stack = SupportMatrix.judge(SupportMatrix.Stack.currentWithoutTensorFlow());
        if (stack.status() == SupportMatrix.Status.BROKEN) throw new Main.EnvironmentError(stack.detail(), stack.fix());
        Path outDir = OutputDir.prepare(resume != null ? resume : out != null ? out : defaultOut());
        Path scratchDir = scratch != null ? scratch : outDir.resolve("scratch");
        Accelerator acc = accelerator(tf);
        Progress progress = new Progress(System.out, System.console() != null);
        SuitePlan.skipped(plan).forEach(line -> progress.note("factortwo: " + line));
        scaleSkipped(plan, acc.device()).forEach(line -> progress.note("factortwo: " + line));
        List<CellSpec> cells = cells(plan, acc.device());
        if (acceleratorCounts != null && cells.isEmpty()) {
            throw new UserError("--accelerators: no cell of the suite can be scaled (see the skipped lines above)");
        }
        progress.note("factortwo: suite '" + plan.name() + "', " + cells.size() + " cells, device " + acc.device() + ", results in " + outDir.resolve(SuiteRunner.RESULTS_FILE));
        List<FaultKind> faultKinds = faults(plan);
        SyntheticOptions synth = synthetic();
        Results results;
        try (ClusterSession cs = ClusterSession.start(master, sparkConf, scratchDir);
             TierRegistry tierRegistry = new TierRegistry(TierSettings.fromEnvironment(scratchDir, System.getenv()))) {
            int slots = SparkSessions.context(cs.session()).defaultParallelism();
            if (acceleratorCounts != null && slots < maxAccelerators()) {
                throw new UserError("--accelerators " + maxAccelerators() + " needs " + maxAccelerators() + " task slots at once, but master "
                        + master + " offers " + slots + "; give a master with more slots, or leave --master out for local[N,"
                        + SparkSessions.TASK_ATTEMPTS + "]");
            }
            DatasetCatalog plain = new DatasetCatalog(scratchDir, Optional.ofNullable(dataDir), synth);
            DatasetCatalog catalog = userParquet.map(o -> plain.withParquet(o, tierRegistry::hadoopConfFor)).orElse(plain);
            // a user's data set is read and checked whole before any cell, so that a mistake in it is one line, not a failed cell each
            for (String d : plan.datasets()) {
                if (ParquetDataset.isName(d)) progress.note("factortwo: " + catalog.source(d));
            }
            CellRunner runner = new CellRunner(SparkSessions.context(cs.session()), catalog, tierRegistry, tf, acc, progress)
                    .withFaults(faultKinds, cs.cluster()).withAccuracyTarget(accuracyTarget)
                    .withPolicy(new MeasurementPolicy(minRepetitionSeconds, targetHalfWidth, maxRepetitions, plan.settings().seed(),
                            maxRepetitionsFlag != null ? 0 : Defaults.EXTRA_REPETITION_TIME_SHARE))
                    .withParquet(parquet);
            Map<String, String> config = new LinkedHashMap<>(plan.settings().asConfig());
            config.put("workloads", String.join(",", plan.workloads()));
            config.put("datasets", String.join(",", plan.datasets()));
            config.put("tiers", String.join(",", plan.tiers()));
            config.put("states", String.join(",", plan.states()));
            config.put("formats", String.join(",", formatNames));
            if (formatNames.contains(ParquetFormat.NAME)) config.putAll(parquet.settings());
            config.put("faults", String.join(",", faultKinds.stream().map(FaultKind::name).toList()));
            config.put("engines", String.join(",", plan.engines()));
            config.put("accelerator", acc.device());
            config.put("master", master);
            if (acceleratorCounts != null) config.put("scale", scaleConfig(acc, slots));
            if (checkpointEvery > 0) config.put("checkpointEvery", String.valueOf(checkpointEvery));
            if (mlpHidden != null) config.put("mlpHidden", mlpHidden);
            config.put("minRepetitionSeconds", String.valueOf(minRepetitionSeconds));
            config.put("warmupPasses", String.valueOf(warmupPasses));
            config.put("targetInterval", String.valueOf(targetHalfWidth));
            config.put("maxRepetitions", String.valueOf(maxRepetitions));
            config.put("repetitionOrder", "interleaved, seeded");
            config.put("bareReference", String.valueOf(!noBare));
            // what 'replay' needs beyond each cell's own settings
            config.put("syntheticShape", syntheticShape);
            config.put("syntheticSamples", String.valueOf(syntheticSamples));
            userParquet.ifPresent(o -> {
                config.put("imageColumn", o.imageColumn());
                config.put("labelColumn", o.labelColumn());
                config.put("imageShape", o.shape());
                if (o.classes() > 0) config.put("classes", String.valueOf(o.classes()));
            });
            Environment env = withFloor(EnvironmentCapture.capture(tf, cs.masterUrl(), cs.conf()), MachineFloor.probe(), progress);
            results = new SuiteRunner(progress).withWarmupPasses(warmupPasses).runInterleaved(plan.name(), cells, outDir, env, config, runner::open, s -> s.id(),
                    plan.settings().seed());
        }
        if (!noReport) Reports.write(List.of(results), Optional.empty(), outDir.resolve("report.html"), Optional.of(outDir.resolve("summary.md")));
        long failed = results.cells().stream().filter(c -> !c.ok()).count();
        dev.factortwo.reports.CheckpointTable.of(results).consoleLine().ifPresent(line -> progress.note("factortwo: " + line));
        progress.note("factortwo: wrote " + outDir.resolve(SuiteRunner.RESULTS_FILE) + (noReport ? "" : " and " + outDir.resolve("report.html")));
        if (failed > 0) {
            System.err.println("factortwo: " + failed + " of " + results.cells().size() + " cells failed:");
            results.cells().stream().filter(c -> !c.ok()).forEach(c -> System.err.println("  " + c.id() + ": " + c.error()));
            return ExitCode.CELLS_FAILED.code();
        }
        return ExitCode.OK.code();
    }

    /** {@code env} with the machine's floor among its extras, said once on the console too. */
    private static Environment withFloor(Environment env, MachineFloor floor, Progress progress) {
        progress.note("factortwo: machine floor: " + floor.text());
        return env.withExtra(MachineFloor.KEY, floor.text());
    }

    Suite suite() {
        boolean quick = "quick".equals(suite);
        boolean fmnist = dataDir != null || Datasets.fashionMnistInstalled();
        String defaultDataset = Defaults.DATASET;
        if (!fmnist && (datasets == null || datasets.contains("fashion-mnist"))) {
            System.out.println("NOTICE: Fashion-MNIST is not installed (apt-get install -y dataset-fashion-mnist);"
                    + " using synthetic data of the same shape (28x28x1, 10 classes) instead.");
            defaultDataset = "synthetic";
            if (datasets != null) datasets = datasets.stream().map(d -> d.equals("fashion-mnist") ? "synthetic" : d).toList();
        }
        Suite base;
        if (quick) {
            base = new Suite("quick", Workloads.names(), List.of(defaultDataset), Tiers.builtInNames(), StateMode.names(), List.of(),
                    List.of(Defaults.ENGINE), new Suite.Settings(Defaults.QUICK_EPOCHS, Defaults.BATCH_SIZE, Defaults.LEARNING_RATE,
                    Defaults.SEED, Defaults.PARTITIONS, Defaults.QUICK_TRAIN_SAMPLES, Defaults.QUICK_TEST_SAMPLES,
                    Defaults.REPETITIONS_SUITE, Defaults.WARMUP_STEPS, 0));
        } else {
            if (suite == null && workloads == null) throw new UserError("give --suite quick|FILE, or --workload for a single cell; see 'factortwo run --help'");
            base = new Suite("single", List.of(), List.of(defaultDataset), List.of(Defaults.TIER), List.of(Defaults.STATE), List.of(),
                    List.of(Defaults.ENGINE), new Suite.Settings(Defaults.EPOCHS, Defaults.BATCH_SIZE, Defaults.LEARNING_RATE,
                    Defaults.SEED, Defaults.PARTITIONS, 0, 0, suite == null ? Defaults.REPETITIONS_SINGLE : Defaults.REPETITIONS_SUITE,
                    Defaults.WARMUP_STEPS, 0));
            if (suite != null) {
                Path file = Path.of(suite);
                if (!Files.isRegularFile(file)) throw new UserError("--suite " + suite + ": expected 'quick' or a suite JSON file, and no such file exists");
                base = SuiteFile.read(file, base);
            }
        }
        Suite.Settings b = base.settings();
        Suite.Settings s = new Suite.Settings(or(epochs, b.epochs()), or(batchSize, b.batchSize()), or(learningRate, b.learningRate()),
                or(seed, b.seed()), or(partitions, b.partitions()), or(trainSamples, b.trainSamples()), or(testSamples, b.testSamples()),
                or(repetitions, b.repetitions()), or(warmupSteps, b.warmupSteps()), or(throttle, b.throttlePercent()));
        return new Suite(base.name(), or(workloads, base.workloads()), or(datasets, base.datasets()), or(tiers, base.tiers()),
                or(states, base.states()), withSyncEvery(or(strategies, base.strategies())), or(engines, base.engines()), s);
    }

    /** {@code local-sgd} in {@code names} renamed for {@code --sync-every}; the flag without local-sgd is a mistake. */
    List<String> withSyncEvery(List<String> names) {
        if (syncEvery == null) return names;
        int k;
        if ("end".equals(syncEvery)) {
            k = 0;
        } else {
            try {
                k = Integer.parseInt(syncEvery);
            } catch (NumberFormatException e) {
                k = -1;
            }
            if (k < 1) throw new UserError("--sync-every must be a positive number of steps or 'end', was '" + syncEvery + "'");
        }
        if (!names.contains(dev.factortwo.harness.strategy.LocalSgd.NAME)) {
            throw new UserError("--sync-every applies to --strategies local-sgd, which is not among " + names);
        }
        String renamed = dev.factortwo.harness.strategy.LocalSgd.nameFor(k);
        return names.stream().map(n -> n.equals(dev.factortwo.harness.strategy.LocalSgd.NAME) ? renamed : n).toList();
    }

    static void validate(Suite s) {
        s.workloads().forEach(Workloads::byName);
        for (String t : s.tiers()) if (!Tiers.names().contains(t)) throw new UserError("unknown tier '" + t + "'; expected one of " + Tiers.names());
        s.states().forEach(StateMode::byName);
        for (String d : s.datasets()) {
            if (ParquetDataset.isName(d)) ParquetDataset.uri(d);
            else if (!Datasets.NAMES.contains(d)) throw new UserError("unknown dataset '" + d + "'; expected one of " + Datasets.NAMES + " or parquet:URI");
        }
        s.engines().forEach(Engines::byName);
        s.strategies().forEach(Engines::ofStrategy);
        Suite.Settings x = s.settings();
        if (x.epochs() < 1) throw new UserError("--epochs must be at least 1, was " + x.epochs());
        if (x.batchSize() < 1) throw new UserError("--batch-size must be at least 1, was " + x.batchSize());
        if (x.partitions() < 1) throw new UserError("--partitions must be at least 1, was " + x.partitions());
        if (x.repetitions() < 1) throw new UserError("--repetitions must be at least 1, was " + x.repetitions());
        if (x.warmupSteps() < 0) throw new UserError("--warmup-steps must be 0 or more, was " + x.warmupSteps());
        if (x.trainSamples() < 0 || x.testSamples() < 0) throw new UserError("--train-samples and --test-samples must be 0 (all) or more");
        if (x.throttlePercent() < 0) throw new UserError("--throttle must be 0 or more percent, was " + x.throttlePercent());
        if (!(x.learningRate() > 0)) throw new UserError("--learning-rate must be positive, was " + x.learningRate());
    }

    List<FaultKind> faults(Suite plan) {
        List<String> names = faultNames != null ? faultNames : "quick".equals(plan.name()) ? List.of("all") : List.of("none");
        if (names.equals(List.of("none"))) return List.of();
        if (names.equals(List.of("all"))) return FaultKind.all();
        return names.stream().map(FaultKind::byName).toList();
    }

    TfSettings tfSettings() {
        try {
            return new TfSettings(TfSettings.parseIntraOp(intraOp), interOp);
        } catch (IllegalArgumentException e) {
            throw new UserError("--tf-intra-op-threads / --tf-inter-op-threads: " + e.getMessage());
        }
    }

    /**
     * The cells {@code plan} measures on {@code device}: with {@code --accelerators}, the scale cells of each (one per
     * number of accelerators); else the cells with the bare references unless {@code --no-bare}.
     */
    private List<CellSpec> cells(Suite plan, String device) {
        List<CellSpec> cells = SuitePlan.withFormats(SuitePlan.expand(plan, device), formats());
        if (acceleratorCounts != null) return withArchitecture(checkpointed(SuitePlan.scaled(cells, acceleratorCounts)), plan);
        return withArchitecture(checkpointed(noBare ? cells : SuitePlan.withBareReferences(cells)), plan);
    }

    /**
     * {@code cells} with {@code --mlp-hidden}'s model in their keys (bare references too), unchanged without the flag or
     * when it gives the default, so that default-size cells keep their ids.
     */
    List<CellSpec> withArchitecture(List<CellSpec> cells, Suite plan) {
        String name = mlpArchitecture(plan);
        if (name.isEmpty()) return cells;
        return cells.stream().map(c -> c.withKey(c.key().withArchitecture(name))).toList();
    }

    /**
     * The name of the MLP {@code --mlp-hidden} asks for ({@code mlp-16384-1024}); empty without the flag or when it gives
     * the default model.
     *
     * @throws UserError naming the flag, for a bad list or a run with a workload that is not an MLP
     */
    String mlpArchitecture(Suite plan) {
        if (mlpHidden == null) return "";
        List<Integer> widths = new ArrayList<>();
        for (String w : mlpHidden.split(",", -1)) {
            try {
                widths.add(Integer.parseInt(w.trim()));
            } catch (NumberFormatException e) {
                widths.add(0);
            }
        }
        if (widths.stream().anyMatch(w -> w < 1)) {
            throw new UserError("--mlp-hidden " + mlpHidden + ": expected the hidden layers' widths, whole numbers of 1 or more separated by commas, e.g. 16384,1024");
        }
        for (int i = 1; i < widths.size(); i++) {
            if ((long) widths.get(i - 1) * widths.get(i) > Integer.MAX_VALUE) {
                throw new UserError("--mlp-hidden " + mlpHidden + ": layers of " + widths.get(i - 1) + " and " + widths.get(i)
                        + " make a weight matrix of more than " + Integer.MAX_VALUE + " numbers, the most one tensor holds here");
            }
        }
        List<String> others = plan.workloads().stream().filter(w -> !Workloads.mlp(Workloads.byName(w))).toList();
        if (!others.isEmpty()) {
            throw new UserError("--mlp-hidden sets the hidden layers of the MLP workloads (" + String.join(", ", Workloads.mlpNames())
                    + "), and " + String.join(", ", others) + " is not one; leave it out with --workloads");
        }
        dev.factortwo.harness.nn.Architecture.Mlp mlp = new dev.factortwo.harness.nn.Architecture.Mlp(widths);
        return mlp.equals(dev.factortwo.harness.nn.Architecture.Mlp.standard()) ? "" : mlp.name();
    }

    /**
     * {@code cells}, each followed, where its strategy keeps worker state that checkpoints apply to (local SGD), by the
     * same cell with {@code --checkpoint-every} in its key: the run measures both, so the price of reproducibility can
     * weigh checkpointed local state against everything else, and the plain cells keep the ids a baseline knows.
     *
     * @throws UserError when no cell of the run has anything to checkpoint
     */
    List<CellSpec> checkpointed(List<CellSpec> cells) {
        if (checkpointEvery == 0) return cells;
        List<CellSpec> out = new ArrayList<>();
        for (CellSpec c : cells) {
            out.add(c);
            boolean applies = !c.key().bare() && dev.factortwo.harness.strategy.Strategies.byName(c.key().strategy()).notCheckpointed().isEmpty();
            if (applies) out.add(c.withKey(c.key().withCheckpointEvery(checkpointEvery)));
        }
        if (out.size() == cells.size()) {
            throw new UserError("--checkpoint-every applies to strategies whose workers keep state (local-sgd, local-sgd-end),"
                    + " and no cell of this run has one");
        }
        return out;
    }

    /** What {@link SuitePlan#scaled} leaves out of {@code plan}, one line each; none outside scale mode. */
    private List<String> scaleSkipped(Suite plan, String device) {
        return acceleratorCounts == null ? List.of() : SuitePlan.scaleSkipped(SuitePlan.expand(plan, device), acceleratorCounts);
    }

    /**
     * {@code --formats}, each a known format and listed once; {@code shards} alone without the flag.
     *
     * @throws UserError naming the flag
     */
    List<String> formats() {
        if (formats == null) return List.of(CellKey.DEFAULT_FORMAT);
        if (formats.isEmpty()) throw new UserError("--formats needs at least one format, e.g. shards,parquet");
        for (String f : formats) {
            if (!DataFormat.names().contains(f)) {
                throw new UserError("--formats: unknown format '" + f + "'; expected one of " + String.join(", ", DataFormat.names()));
            }
        }
        if (new java.util.HashSet<>(formats).size() != formats.size()) throw new UserError("--formats " + formats + ": a format is listed twice");
        return List.copyOf(formats);
    }

    /**
     * The columns, shape and classes of the plan's {@code parquet:URI} data sets; empty when it has none. The flags
     * that describe one are a mistake without one.
     *
     * @throws UserError naming the flag
     */
    Optional<ParquetDatasetOptions> parquetDataset(Suite plan) {
        if (plan.datasets().stream().noneMatch(ParquetDataset::isName)) {
            for (var flag : List.of(Map.entry("--image-column", Optional.ofNullable(imageColumn)), Map.entry("--label-column", Optional.ofNullable(labelColumn)),
                    Map.entry("--image-shape", Optional.ofNullable(imageShape)), Map.entry("--classes", Optional.ofNullable(classes)))) {
                if (flag.getValue().isPresent()) throw new UserError(flag.getKey() + " describes a --dataset parquet:URI, and no such data set is given");
            }
            return Optional.empty();
        }
        return Optional.of(ParquetDatasetOptions.parse(or(imageColumn, ParquetDatasetOptions.DEFAULT_IMAGE_COLUMN),
                or(labelColumn, ParquetDatasetOptions.DEFAULT_LABEL_COLUMN), imageShape, or(classes, 0)));
    }

    /** {@code --accelerators} is a list of distinct positive numbers on an emulated device, and sets the partitions itself. */
    void validateScale() {
        if (acceleratorCounts == null) return;
        if (acceleratorCounts.isEmpty()) throw new UserError("--accelerators needs at least one number, e.g. 1,2,4,8");
        if (!accelerator.startsWith(dev.factortwo.model.CellKey.EMULATED_DEVICE_PREFIX)) {
            throw new UserError("--accelerators sweeps emulated accelerators; give --accelerator emulate:NAME (e.g. emulate:h100), not " + accelerator);
        }
        for (int n : acceleratorCounts) if (n < 1) throw new UserError("--accelerators: each number must be at least 1, was " + n);
        if (new java.util.HashSet<>(acceleratorCounts).size() != acceleratorCounts.size()) {
            throw new UserError("--accelerators " + acceleratorCounts + ": a number is listed twice");
        }
        if (partitions != null) throw new UserError("--accelerators sets each scale cell's partitions (one per accelerator); leave --partitions out");
        acceleratorCounts = acceleratorCounts.stream().sorted().toList();
    }

    private int maxAccelerators() {
        return acceleratorCounts.stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    /** The master asked for, else {@code local[N,F]} for the largest number of accelerators in scale mode, else the default. */
    String master() {
        if (masterFlag != null) return masterFlag;
        return acceleratorCounts != null ? SparkSessions.localMaster(maxAccelerators()) : Defaults.MASTER;
    }

    /** The {@code scale} entry of the results' config: what the sweep ran on, and why more workers than cores is sound. */
    String scaleConfig(Accelerator acc, int slots) {
        int cores = Runtime.getRuntime().availableProcessors();
        String over = maxAccelerators() > cores
                ? "; up to " + maxAccelerators() + " workers on " + cores + " cores: more workers than cores, sound only because the emulated"
                + " compute is a wait (LockSupport.parkNanos) that leaves the cores idle, so only reading, decoding and Spark compete for them"
                : "";
        return "accelerators " + acceleratorCounts.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                + " of " + acc.device() + ": each scale cell runs N partitions as N Spark tasks at once (one emulated accelerator each), "
                + slots + " task slots offered" + over;
    }

    /** Why {@code tf} cannot be honoured in a process whose TensorFlow has (or lacks) a pool per session; empty when it can. */
    static Optional<String> poolsProblem(TfSettings tf, boolean perSessionPools) {
        if (!tf.auto() || perSessionPools) return Optional.empty();
        return Optional.of("--tf-intra-op-threads " + tf.intraOpSetting() + " gives cells different thread counts, but TensorFlow sizes one intra-op pool"
                + " per process by its first session; export " + TfSettings.PER_SESSION_POOLS_ENV + "=1 (./factortwo does), or give a number of threads");
    }

    Accelerator accelerator(TfSettings tf) {
        // the probe is this process's first TensorFlow session: it must ask for the run's threads (TfSettings)
        if ("auto".equals(accelerator)) {
            int cores = Runtime.getRuntime().availableProcessors();
            return new Accelerator.Real(DeviceProbe.detect(tf.intraOpThreads() == TfSettings.BY_WORKLOAD
                    ? new TfSettings(TfSettings.share(1, cores), tf.interOpThreads()) : tf.forTasks(1, cores)));
        }
        try {
            return Accelerator.of(accelerator, () -> AcceleratorProfile.load(Optional.ofNullable(acceleratorProfiles)));
        } catch (UserError e) {
            throw new UserError("--accelerator " + accelerator + ": " + e.getMessage() + " (expected auto, cpu or emulate:NAME)");
        }
    }

    /**
     * The synthetic dataset {@code --synthetic-shape} and {@code --synthetic-samples} describe, checked whole (its
     * spec too) so that a bad value fails here, naming the flags, rather than in every cell.
     */
    SyntheticOptions synthetic() {
        String[] p = syntheticShape.toLowerCase().split("x");
        if (p.length != 3) throw new UserError("--synthetic-shape " + syntheticShape + ": expected HxWxC, e.g. 28x28x1 or 32x32x3");
        SyntheticOptions options;
        try {
            long s = seed != null ? seed : Defaults.SEED;
            options = new SyntheticOptions(syntheticSamples, Math.max(1000, syntheticSamples / 6), Integer.parseInt(p[0]),
                    Integer.parseInt(p[1]), Integer.parseInt(p[2]), 10, s);
        } catch (NumberFormatException e) {
            throw new UserError("--synthetic-shape " + syntheticShape + ": expected HxWxC with whole numbers");
        } catch (IllegalArgumentException e) { // datasets cannot name the flags, nor throw the model's UserError
            throw new UserError("--synthetic-samples " + syntheticSamples + ": " + e.getMessage(), e);
        }
        try {
            options.spec();
        } catch (IllegalArgumentException e) {
            throw new UserError("--synthetic-shape " + syntheticShape + ": " + e.getMessage(), e);
        }
        return options;
    }

    static Path defaultOut() {
        return defaultOut("");
    }

    /** {@code runs/<prefix><date>-<time>}: where a command writes when not told. */
    static Path defaultOut(String prefix) {
        return Path.of("runs", prefix + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }

    static List<String> failedIds(Results r) {
        List<String> out = new ArrayList<>();
        for (CellResult c : r.cells()) if (!c.ok()) out.add(c.id());
        return out;
    }
}
