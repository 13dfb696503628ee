package dev.factortwo.harness.cli;

import dev.factortwo.datasets.SyntheticOptions;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.device.Accelerator;
import dev.factortwo.harness.cell.CellRunner;
import dev.factortwo.harness.data.DatasetCatalog;
import dev.factortwo.harness.cell.OutputDir;
import dev.factortwo.harness.cell.Progress;
import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.spark.ClusterSession;
import dev.factortwo.harness.spark.Quiet;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Defaults;
import dev.factortwo.model.ExitCode;
import dev.factortwo.model.Knobs;
import dev.factortwo.model.UserError;
import dev.factortwo.model.json.KnobsCodec;
import dev.factortwo.datasets.Datasets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.math3.stat.inference.TTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code factortwo knobs}: what the determinism knobs cost and change. A/B of TensorFlow's intra-op threads
 * (1 versus N, paired and alternated, with a paired t-test on throughput; do the bits change?), and scale
 * invariance (the same training with 1, 2 and 4 partitions: is the fingerprint the same?).
 */
@Command(name = "knobs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures the speed cost of determinism knobs and writes knobs.json.",
                "The knobs: TensorFlow intra-op threads 1 vs N (paired), and whether results are invariant to the partition count."})
public final class KnobsCommand implements Callable<Integer> {

    @Option(names = "--workload", description = "training workload (default: ${DEFAULT-VALUE}, whose bits depend on threads)")
    String workload = Defaults.KNOBS_WORKLOAD;

    @Option(names = "--tier", description = "tier (default: ${DEFAULT-VALUE})")
    String tier = Defaults.TIER;

    @Option(names = "--state", description = "state (default: ${DEFAULT-VALUE})")
    String state = Defaults.STATE;

    @Option(names = "--train-samples", description = "training samples (default: ${DEFAULT-VALUE})")
    int trainSamples = Defaults.KNOBS_TRAIN_SAMPLES;

    @Option(names = "--pairs", description = "A/B pairs, alternated (default: ${DEFAULT-VALUE})")
    int pairs = Defaults.KNOBS_PAIRS;

    @Option(names = "--threads", description = "the N of 1-versus-N intra-op threads (default: ${DEFAULT-VALUE})")
    int threads = Defaults.KNOBS_THREADS;

    @Option(names = "--partitions", split = ",", defaultValue = Defaults.KNOBS_PARTITIONS,
            description = "partition counts for scale invariance (default: ${DEFAULT-VALUE})")
    List<Integer> partitionCounts;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: ${DEFAULT-VALUE})")
    Path out = Path.of(Defaults.KNOBS_OUT);

    @Option(names = "--master", description = "Spark master (default: ${DEFAULT-VALUE})")
    String master = Defaults.MASTER;

    @Override
    public Integer call() {
        if (pairs < 1) throw new UserError("--pairs must be at least 1, was " + pairs);
        if (threads < 0) throw new UserError("--threads must be 0 (TensorFlow chooses) or more, was " + threads);
        if (trainSamples < 0) throw new UserError("--train-samples must be 0 (all) or more, was " + trainSamples);
        if (partitionCounts.stream().anyMatch(n -> n < 1)) throw new UserError("--partitions must each be at least 1, was " + partitionCounts);
        Quiet.apply(false);
        Path dir = OutputDir.prepare(out);
        String dataset = Datasets.fashionMnistInstalled() ? "fashion-mnist" : "synthetic";
        Progress progress = Progress.plain(System.out);
        Knobs.ThreadsAb threadsAb;
        Knobs.ScaleInvariance scaleInvariance;
        try (ClusterSession cs = ClusterSession.start(master, Map.of(), dir.resolve("scratch"));
             TierRegistry tiers = new TierRegistry(TierSettings.fromEnvironment(dir.resolve("scratch"), System.getenv()))) {
            DatasetCatalog catalog = new DatasetCatalog(dir.resolve("scratch"), Optional.empty(), SyntheticOptions.mnistLike(Defaults.SEED));
            Accelerator cpu = new Accelerator.Real("cpu");
            CellRunner one = new CellRunner(SparkSessions.context(cs.session()), catalog, tiers, new TfSettings(1, 1), cpu, progress);
            CellRunner many = new CellRunner(SparkSessions.context(cs.session()), catalog, tiers, new TfSettings(threads, 1), cpu, progress);
            double[] a = new double[pairs], b = new double[pairs];
            String fpOne = null, fpMany = null;
            for (int i = 0; i < pairs; i++) {
                CellResult r1 = one.run(spec(dataset, 2));
                CellResult rn = many.run(spec(dataset, 2));
                a[i] = r1.samplesPerSecond().mean();
                b[i] = rn.samplesPerSecond().mean();
                fpOne = r1.fingerprint();
                fpMany = rn.fingerprint();
                progress.note(String.format("  pair %d: 1 thread %.0f samples/s, %d threads %.0f samples/s", i + 1, a[i], threads, b[i]));
            }
            double p = pairs >= 2 ? new TTest().pairedTTest(b, a) : Double.NaN;
            double ratio = mean(b) / mean(a);
            threadsAb = new Knobs.ThreadsAb("tfIntraOpThreads 1 vs " + threads, java.util.Arrays.stream(a).boxed().toList(),
                    java.util.Arrays.stream(b).boxed().toList(), ratio, p, fpOne, fpMany, !fpOne.equals(fpMany),
                    "not measured: no GPU here (TF_DETERMINISTIC_OPS=1 changes nothing on CPU)");
            System.out.printf("intra-op threads: %d is %.2fx the speed of 1 (paired t-test p=%.3g over %d pairs); bits %s%n",
                    threads, ratio, p, pairs, fpOne.equals(fpMany) ? "identical" : "DIFFER");
            Map<String, String> scale = new LinkedHashMap<>();
            for (int parts : partitionCounts) {
                CellResult r = many.run(spec(dataset, parts));
                scale.put(String.valueOf(parts), r.fingerprint());
            }
            boolean invariant = scale.values().stream().distinct().count() == 1;
            scaleInvariance = new Knobs.ScaleInvariance(scale, invariant, invariant ? "the same bits at every partition count"
                    : "data-parallel training averages different partial models: the partition count changes the result");
            System.out.println("partition counts " + partitionCounts + ": " + (invariant ? "identical fingerprints" : "fingerprints DIFFER (not scale invariant)"));
        }
        KnobsCodec.write(new Knobs(Knobs.SCHEMA_V1, new Knobs.Measured(threadsAb, scaleInvariance)), dir.resolve("knobs.json"));
        System.out.println("factortwo: wrote " + dir.resolve("knobs.json"));
        return ExitCode.OK.code();
    }

    private CellSpec spec(String dataset, int partitions) {
        String strategy = "model-averaging";
        return new CellSpec(new CellKey(workload, dataset, tier, state, strategy, Defaults.ENGINE, "cpu"), Defaults.SEED, 1,
                Defaults.BATCH_SIZE, Defaults.LEARNING_RATE, partitions, trainSamples, Defaults.KNOBS_TEST_SAMPLES, 1, Defaults.WARMUP_STEPS, 0);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }
}
