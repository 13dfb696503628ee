package dev.factortwo.reports;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.EpochIo;
import dev.factortwo.model.Environment;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.HistogramCodec;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.Results;
import dev.factortwo.model.Summary;
import dev.factortwo.model.stats.Statistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A realistic results file built in code: 12 cells over three workloads, four tiers and two states,
 * with bitwise, tolerance, divergent and unchecked verdicts, injected faults, an emulated accelerator,
 * a noisy cell, one failed cell, and where the time goes for five training cells (one of a single round). Deterministic: the same bytes every time.
 */
public final class Fixture {

    private Fixture() {
    }

    public static Results results() {
        return results("fashion-mnist", "train-cnn", "s3a://bench/fashion-mnist/shard-00003: checksum a1b2c3 expected 9f8e7d "
                + "(cold-store-outage was not retried)", "Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz", 1.0);
    }

    /** The same suite, as measured by an earlier build: most cells a little slower, one verdict different. */
    public static Results baseline() {
        return results("fashion-mnist", "train-cnn", "timeout", "Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz", 0.93);
    }

    /** Hostile names everywhere a results file carries text. */
    public static Results hostile() {
        return results("<script>alert(1)</script>", "train-cnn</script><script>alert(2)</script>",
                "<img src=x onerror=alert(3)> | *bold* [link](http://evil) `code` # heading",
                "\"Xeon\" & <b>bold</b> | pipe", 1.0);
    }

    private static Results results(String dataset, String cnn, String failure, String cpu, double speed) {
        List<CellResult> cells = new ArrayList<>();
        Faults none = new Faults();
        // train-mlp: fastest is worker-local state, which a fault restarts; Spark-managed state is recomputable.
        // where the time goes (set-up, first round, steady round, overhead per round, steady samples/s, steady AU) for some
        // training cells; the others recorded none, as emulated, failed, inference and older cells do
        cells.add(split(cell("train-mlp", dataset, "memory", "spark", "cpu", speed, new double[] {9700, 9850, 9950}, 0.81, 0.06, 0.8612,
                Reproducibility.Verdict.BITWISE, new Faults().add("lost-cached-blocks", FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, 1.2,
                        "lost cached blocks: recomputed from memory lineage in 1.2 s, identical")),
                "0.0410,0.0395,0.0402", "0.3300,0.3250,0.3210", "0.2480,0.2445,0.2418", "0.0610,0.0598,0.0590",
                "12096.8,12269.9,12406.9", "0.852,0.861,0.866"));
        cells.add(split(cell("train-mlp", dataset, "memory", "local", "cpu", speed, new double[] {12300, 12500, 12400}, 0.88, 0.05, 0.8607,
                Reproducibility.Verdict.BITWISE, new Faults().add("local-state-loss", FaultOutcome.Outcome.RESTARTED, 6.8,
                        "worker-local state lost: the epoch restarted from the last checkpoint, 6.8 s")),
                "0.0210,0.0205,0.0199", "0.3010,0.2950,0.2990", "0.1660,0.1640,0.1650", "0.0121,0.0118,0.0124",
                "18072.3,18292.7,18181.8", "0.931,0.940,0.935"));
        cells.add(split(cell("train-mlp", dataset, "local-disk", "spark", "cpu", speed, new double[] {9050, 9100, 9160}, 0.77, 0.11, 0.8612,
                Reproducibility.Verdict.BITWISE, new Faults().add("task-failure", FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, 0.9,
                        "a task failed once: retried and recomputed in 0.9 s, identical")),
                "0.0500,0.0490,0.0510", "0.3420,0.3380,0.3350", "0.2710,0.2700,0.2690", "0.0720,0.0700,0.0710",
                "11070.1,11111.1,11152.4", "0.801,0.812,0.806"));
        cells.add(cell("train-mlp", dataset, "hdfs", "local", "cpu", speed * (speed == 1.0 ? 1 : 1.02), new double[] {9000, 12500, 11200}, 0.69, 0.19, 0.8598,
                speed == 1.0 ? Reproducibility.Verdict.TOLERANCE : Reproducibility.Verdict.BITWISE, none));
        // train-cnn: an emulated H100 is fastest but its reductions diverge; on CPU every tier recomputes identically.
        cells.add(cell(cnn, dataset, "memory", "spark", "emulate:h100", speed, new double[] {3100, 3300, 3500}, 0.93, 0.02, 0.8921,
                Reproducibility.Verdict.DIVERGENT, new Faults().add("executor-kill", FaultOutcome.Outcome.RECOMPUTED_DIFFERENT, 3.9,
                        "executor killed: partitions recomputed on a new executor in 3.9 s, weights differ")));
        cells.add(split(cell(cnn, dataset, "local-disk", "spark", "cpu", speed, new double[] {1640, 1650, 1660}, 0.86, 0.08, 0.8934,
                Reproducibility.Verdict.BITWISE, new Faults().add("executor-kill", FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, 3.4,
                        "executor killed: partitions recomputed from local disk in 3.4 s, identical")),
                "0.1020,0.0990,0.1010", "1.8600,1.8400,1.8200", "1.7000,1.6950,1.6900", "0.2100,0.2080,0.2120",
                "1764.7,1769.9,1775.1", "0.884,0.879,0.889"));
        // one round only: no steady figures (NaN, as the harness writes them)
        cells.add(split(cell(cnn, dataset, "hdfs", "spark", "cpu", speed, new double[] {1470, 1480, 1490}, 0.80, 0.13, 0.8934,
                Reproducibility.Verdict.BITWISE, new Faults().add("lost-cached-blocks", FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, 5.1,
                        "lost cached blocks: recomputed from HDFS in 5.1 s, identical")),
                "0.1100,0.1150,0.1120", "3.9500,3.9200,3.9600", "NaN,NaN,NaN", "0.2400,0.2500,0.2450", "NaN,NaN,NaN", "NaN,NaN,NaN"));
        CellKey failedKey = new CellKey(cnn, dataset, "s3", "local", "single", "tensorflow", "cpu");
        cells.add(CellResult.failed(failedKey, spec(failedKey, 3), failure));
        cells.add(cell(cnn, dataset, "s3", "spark", "cpu", speed, new double[] {1200, 1210, 1220}, 0.71, 0.22, 0.8934,
                Reproducibility.Verdict.BITWISE, new Faults().add("cold-store-outage", FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, 8.2,
                        "S3 unavailable for 5 s: reads retried, recomputed in 8.2 s, identical | no data lost")));
        // infer: the fastest configuration is itself recomputable, so reproducibility is free.
        cells.add(cell("infer", dataset, "memory", "spark", "cpu", speed, new double[] {51500, 52000, 52500}, 0.90, 0.03, Double.NaN,
                Reproducibility.Verdict.BITWISE, new Faults().add("lost-cached-blocks", FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, 0.4,
                        "lost cached blocks: recomputed from memory, identical")
                        .add("executor-kill", FaultOutcome.Outcome.NOT_APPLICABLE, 0, "executor-kill: not applicable: no executor JVMs")));
        cells.add(cell("infer", dataset, "hdfs", "local", "cpu", speed, new double[] {38000}, 0.74, 0.15, Double.NaN,
                Reproducibility.Verdict.NOT_CHECKED, none));
        cells.add(cell("infer", dataset, "s3", "spark", "cpu", speed, new double[] {20500, 21000, 21500}, 0.42, 0.51, Double.NaN,
                Reproducibility.Verdict.BITWISE, new Faults().add("cold-store-outage", FaultOutcome.Outcome.RESTARTED, 12.5,
                        "S3 unavailable for 10 s: the pass restarted, 12.5 s")));

        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("spark.master", "local[2]");
        extra.put("gc", "G1");
        Environment env = new Environment("17.0.15 (Debian)", "Linux 6.1.0-37-cloud-amd64 amd64", cpu, 2,
                8L * 1024 * 1024 * 1024, "none", "2.18.0", "4.1.0", "3.4.2", 2, 1, "default",
                speed == 1.0 ? "5cf7dec" : "6a8314d", speed == 1.0, extra);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("repetitions", "3");
        config.put("warmupSteps", "20");
        config.put("batchSize", "64");
        config.put("epochs", "1");
        config.put("seed", "42");
        config.put("faults", "lost-cached-blocks,task-failure,executor-kill,local-state-loss,cold-store-outage");
        config.put("note", dataset.startsWith("<") ? "<b>" + dataset + "</b>" : "fixture");
        return new Results(Results.SCHEMA_V1, "quick", speed == 1.0 ? "2025-11-20T09:14:03Z" : "2025-11-13T08:02:41Z", env, config, cells);
    }

    /** {@code c} with the per-repetition time split the harness records (see {@code TimeSplit}). */
    private static CellResult split(CellResult c, String setup, String first, String steady, String overhead, String rate, String au) {
        Map<String, String> a = new LinkedHashMap<>(c.attributes());
        a.put(CellAttribute.SETUP_SECONDS.key(), setup);
        a.put(CellAttribute.FIRST_ROUND_SECONDS.key(), first);
        a.put(CellAttribute.STEADY_ROUND_SECONDS.key(), steady);
        a.put(CellAttribute.ROUND_OVERHEAD_SECONDS.key(), overhead);
        a.put(CellAttribute.STEADY_SAMPLES_PER_SECOND.key(), rate);
        a.put(CellAttribute.STEADY_UTILIZATION.key(), au);
        return new CellResult(c.key(), c.spec(), c.status(), c.error(), c.repetitions(), c.samplesPerSecond(), c.inputSeconds(),
                c.computeSeconds(), c.acceleratorUtilization(), c.bytesRead(), c.fingerprint(), c.testAccuracy(), c.latency(),
                c.reproducibility(), c.io(), c.notes(), a);
    }

    private static final class Faults {
        final List<FaultOutcome> list = new ArrayList<>();

        Faults add(String fault, FaultOutcome.Outcome outcome, double seconds, String explanation) {
            boolean ran = outcome != FaultOutcome.Outcome.NOT_APPLICABLE;
            list.add(new FaultOutcome(fault, outcome, seconds, ran ? 1_500_000 : 0,
                    outcome == FaultOutcome.Outcome.FAILED ? null : "sha256:" + "ab12".repeat(16), explanation,
                    ran ? java.util.Map.of("bytesReread", 1_500_000L) : java.util.Map.of(), null));
            return this;
        }
    }

    private static CellSpec spec(CellKey key, int repetitions) {
        return new CellSpec(key, 42, 1, 64, 0.05, 2, 6000, 1000, repetitions, 20, 0);
    }

    private static CellResult cell(String workload, String dataset, String tier, String state, String device, double speed,
                                   double[] rates, double au, double inputShare, double accuracy, Reproducibility.Verdict verdict, Faults faults) {
        CellKey key = new CellKey(workload, dataset, tier, state, "single", "tensorflow", device);
        double[] scaled = new double[rates.length];
        for (int i = 0; i < rates.length; i++) scaled[i] = Math.round(rates[i] * speed * 10) / 10.0;
        Summary summary = Statistics.standard().summarize(scaled, 0.95);
        long samples = 6000;
        List<Repetition> reps = new ArrayList<>();
        double input = 0, compute = 0;
        for (int i = 0; i < scaled.length; i++) {
            double wall = samples / scaled[i];
            reps.add(new Repetition(i, samples, wall, scaled[i], wall * inputShare, wall * au, 4_704_000,
                    "sha256:" + "0f".repeat(32), accuracy));
            input += wall * inputShare / scaled.length;
            compute += wall * au / scaled.length;
        }
        boolean reproducible = verdict == Reproducibility.Verdict.BITWISE
                && faults.list.stream().allMatch(f -> f.identical() || f.notApplicable());
        String explanation = switch (verdict) {
            case BITWISE -> "all " + scaled.length + " runs produced bit-identical " + (Double.isNaN(accuracy) ? "outputs" : "weights");
            case TOLERANCE -> "runs differ in the last bits: max relative L2 3.1e-7, within 1e-6";
            case DIVERGENT -> "runs differ: max relative L2 2.4e-3 (GPU reductions are unordered)";
            default -> "a single run: nothing to compare";
        };
        double l2 = switch (verdict) {
            case TOLERANCE -> 3.1e-7;
            case DIVERGENT -> 2.4e-3;
            default -> 0;
        };
        Reproducibility r = new Reproducibility(verdict, verdict == Reproducibility.Verdict.NOT_CHECKED ? 1 : scaled.length, l2, 1e-6,
                faults.list, reproducible, explanation);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("stateReset", "per-repetition");
        List<String> notes = new ArrayList<>();
        if (device.startsWith("emulate:")) {
            attributes.put(CellAttribute.EMULATED.key(), device.substring("emulate:".length()));
            notes.add("emulated accelerator: compute time modelled from H100 throughput");
        }
        List<EpochIo> io = List.of(new EpochIo(0, 4_704_000, tier.equals("memory") ? 0 : 8, tier.equals("memory") ? 0 : 24, input * 0.9));
        return new CellResult(key, spec(key, scaled.length), CellResult.Status.OK, null, reps, summary, input, compute, au,
                4_704_000, "sha256:" + "0f".repeat(32), accuracy, HistogramCodec.summarize(stepLatencies(summary.mean(), key.id())),
                r, io, notes, attributes);
    }

    /** Step latencies (microseconds) around 64 samples at {@code rate}, with a few slow steps: deterministic per cell id. */
    static Histogram stepLatencies(double rate, String id) {
        Histogram h = HistogramCodec.newHistogram();
        long state = id.hashCode();
        double base = 64 / rate * 1_000_000;
        for (int i = 0; i < 2800; i++) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
            double u = (z >>> 11) * 0x1.0p-53;
            double v = base * (0.85 + 0.3 * u);
            if (u > 0.99) v *= 2 + 400 * (u - 0.99);
            h.recordValue(Math.max(1, Math.round(v)));
        }
        return h;
    }
}
