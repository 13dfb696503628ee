package dev.factortwo.harness.cli;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.datasets.Datasets;
import dev.factortwo.harness.cell.CellRunner;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Environment;
import dev.factortwo.model.ExitCode;
import dev.factortwo.model.Results;
import dev.factortwo.model.UserError;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.reports.cli.Cli;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code factortwo replay RESULTS}: reruns recorded cells from what the results file records (each cell's key and
 * settings, the run's master, TensorFlow threads and synthetic data options) and says, per cell, whether the
 * fingerprint came out the same, naming every recorded fact of the environment that differs on this machine. Only
 * cells whose repeats were bitwise are replayed (a divergent or emulated cell has no fingerprint to reproduce), each
 * as one repetition with no faults, no warm-up passes and no bare reference. Exit 0 when every fingerprint is the
 * same, 2 when one differs (also where the environment differs: the difference is named, not excused), 1 when the
 * file or a cell cannot be replayed here (a data set that is not present), in one line.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reruns the cells a results file records and says whether each fingerprint came out the same.",
                "Replays bitwise cells only, one repetition each, and names every recorded fact of the environment that differs here."})
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RESULTS", description = "a results.json written by 'run'")
    Path resultsFile;

    @Option(names = "--cell", paramLabel = "ID", split = ",", description = "replay only these cells (ids as in results.json)")
    List<String> cells;

    @Option(names = "--out", paramLabel = "DIR", description = "where the replays run (default: runs/replay-<date>-<time>)")
    Path out;

    private final PrintStream console;

    public ReplayCommand() {
        this(System.out);
    }

    ReplayCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Results recorded = ResultsCodec.read(resultsFile);
        List<CellResult> chosen = choose(recorded);
        Path dir = out != null ? out : RunCommand.defaultOut("replay-");
        Map<String, String> config = recorded.config();
        int same = 0, differ = 0, n = 0;
        List<String> dataFacts = new ArrayList<>();
        Environment here = null;
        for (CellResult cell : chosen) {
            n++;
            CellSpec s = cell.spec();
            if ("fashion-mnist".equals(s.key().dataset()) && !Datasets.fashionMnistInstalled()) {
                throw new UserError(resultsFile + ": cell " + cell.id() + " trained on fashion-mnist, which is not installed here"
                        + " (apt-get install -y dataset-fashion-mnist): cannot replay it");
            }
            Path cellDir = dir.resolve(String.format(Locale.ROOT, "cell-%02d", n));
            List<String> args = new ArrayList<>(List.of("--workload", s.key().workload(), "--dataset", s.key().dataset(),
                    "--tier", s.key().tier(), "--state", s.key().state(), "--strategies", s.key().strategy(),
                    "--engines", s.key().engine(), "--accelerator", s.key().device(),
                    "--seed", String.valueOf(s.seed()), "--epochs", String.valueOf(s.epochs()), "--batch-size", String.valueOf(s.batchSize()),
                    "--learning-rate", String.valueOf(s.learningRate()), "--partitions", String.valueOf(s.partitions()),
                    "--train-samples", String.valueOf(s.trainSamples()), "--test-samples", String.valueOf(s.testSamples()),
                    "--warmup-steps", String.valueOf(s.warmupSteps()), "--throttle", String.valueOf(s.throttlePercent()),
                    "--repetitions", "1", "--max-repetitions", "1", "--min-repetition-seconds", "0", "--target-interval", "0",
                    "--warmup-passes", "0", "--no-bare", "--faults", "none", "--no-report", "--out", cellDir.toString()));
            // a checkpointed cell's key carries its period: without it, the replay would run (and name) another cell
            if (s.key().checkpointed()) args.addAll(List.of("--checkpoint-every", String.valueOf(s.key().checkpointEvery())));
            // and its storage format: the same bits by design, so without it a replay would pass without running the cell
            if (!s.key().defaultFormat()) args.addAll(List.of("--formats", s.key().format()));
            // and its model: a cell of another size builds the same model again, and keeps its id
            if (!s.key().architecture().isEmpty()) args.addAll(List.of("--mlp-hidden", mlpHidden(s.key().architecture())));
            recordedOption(config, "master", "--master", args);
            recordedOption(config, "syntheticShape", "--synthetic-shape", args);
            recordedOption(config, "syntheticSamples", "--synthetic-samples", args);
            if (s.key().dataset().startsWith(dev.factortwo.harness.data.ParquetDataset.PREFIX)) {
                recordedOption(config, "imageColumn", "--image-column", args);
                recordedOption(config, "labelColumn", "--label-column", args);
                recordedOption(config, "imageShape", "--image-shape", args);
                recordedOption(config, "classes", "--classes", args);
            }
            // the threads the cell's tasks ran with (a CNN's bits depend on them), not the run's rule for choosing them,
            // which may choose differently on a machine with other cores
            String used = cell.attributes().get(CellAttribute.TF_INTRA_OP_THREADS.key());
            if (used != null) {
                args.addAll(List.of("--tf-intra-op-threads", used));
            } else if (recorded.environment() != null && recorded.environment().tfIntraOpThreads() != 0) {
                args.addAll(List.of("--tf-intra-op-threads", recorded.environment().intraOpSetting()));
            }
            if (recorded.environment() != null && recorded.environment().tfInterOpThreads() != 0) {
                args.addAll(List.of("--tf-inter-op-threads", String.valueOf(recorded.environment().tfInterOpThreads())));
            }
            console.println("replay: " + cell.id());
            int code = Cli.commandLine(new RunCommand()).execute(args.toArray(String[]::new));
            Path again = cellDir.resolve("results.json");
            if (code != ExitCode.OK.code() || !Files.isRegularFile(again)) {
                throw new UserError("cell " + cell.id() + ": the replay run exited " + code + "; its output is in " + cellDir);
            }
            Results replayed = ResultsCodec.read(again);
            here = replayed.environment();
            // the replayed cell is the one with the recorded key (a checkpointed run also measures the plain cell)
            List<CellResult> ok = replayed.cells().stream().filter(CellResult::ok).toList();
            Optional<CellResult> mine = ok.stream().filter(c -> c.id().equals(cell.id())).findFirst()
                    .or(() -> ok.size() == 1 ? Optional.of(ok.get(0)) : Optional.empty());
            String got = mine.map(CellResult::fingerprint).orElse("(failed: " + replayed.cells().get(0).error() + ")");
            boolean equal = Objects.equals(got, cell.fingerprint());
            if (equal) same++;
            else differ++;
            console.println(String.format(Locale.ROOT, "  %s  recorded %s, now %s", equal ? "SAME     " : "DIFFERENT", cell.fingerprint(), got));
            mine.ifPresent(now -> dataFacts.addAll(dataDifferences(cell, now)));
        }
        List<String> facts = new ArrayList<>(differences(recorded.environment(), here));
        facts.addAll(dataFacts);
        console.println(String.format(Locale.ROOT, "replay: %d of %d cells gave the recorded fingerprint%s", same, n,
                facts.isEmpty() ? "; the recorded environment is this one" : "; differs here: " + String.join("; ", facts)));
        if (differ > 0) {
            console.println(facts.isEmpty() ? "replay: a fingerprint differs though nothing recorded differs: not reproducible here"
                    : "replay: a fingerprint differs; the facts above differ too, and may or may not be why");
            return ExitCode.REGRESSION.code();
        }
        return ExitCode.OK.code();
    }

    private List<CellResult> choose(Results recorded) {
        List<CellResult> out = new ArrayList<>();
        if (cells != null) {
            for (String id : cells) {
                CellResult c = recorded.cell(id).orElseThrow(() -> new UserError("--cell " + id + ": no such cell in " + resultsFile));
                if (!replayable(c)) throw new UserError("--cell " + id + ": " + why(c) + ", so there is no fingerprint to reproduce");
                out.add(c);
            }
            return out;
        }
        for (CellResult c : recorded.cells()) if (replayable(c)) out.add(c);
        if (out.isEmpty()) throw new UserError(resultsFile + ": no cell with bitwise repeats to replay");
        return out;
    }

    static boolean replayable(CellResult c) {
        return c.ok() && !c.key().deviceEmulated() && !c.key().bare() && c.spec() != null && c.reproducibility() != null
                && c.reproducibility().repeatable();
    }

    private static String why(CellResult c) {
        if (!c.ok()) return "it failed";
        if (c.key().deviceEmulated()) return "its compute was emulated";
        if (c.key().bare()) return "it is the bare reference, not a configuration";
        return "its repeats were " + (c.reproducibility() == null ? "not checked" : c.reproducibility().verdict().word());
    }

    /** {@code --mlp-hidden}'s value for a key's model: {@code 16384,1024} for {@code mlp-16384-1024}. */
    static String mlpHidden(String architecture) {
        return dev.factortwo.harness.nn.Architecture.Mlp.parseName(architecture).hidden().stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static void recordedOption(Map<String, String> config, String key, String flag, List<String> args) {
        String v = config.get(key);
        if (v != null && !v.isBlank()) args.addAll(List.of(flag, v));
    }

    /** The data digests a cell recorded that its replay does not match, as "cell ID: training data sha256:… -> sha256:…". */
    static List<String> dataDifferences(CellResult recorded, CellResult replayed) {
        List<String> out = new ArrayList<>();
        for (var what : List.of(Map.entry(CellAttribute.TRAIN_DATA_DIGEST.key(), "training data"), Map.entry(CellAttribute.TEST_DATA_DIGEST.key(), "held-out data"))) {
            String then = recorded.attributes().get(what.getKey());
            String now = replayed.attributes().get(what.getKey());
            if (then != null && !then.equals(now)) out.add(recorded.id() + ": " + what.getValue() + " " + then + " -> " + now);
        }
        return out;
    }

    /** The recorded facts of the environment that differ here, as "jdk 17.0.15 -> 25.0.3". */
    static List<String> differences(Environment then, Environment now) {
        List<String> out = new ArrayList<>();
        if (then == null || now == null) return out;
        diff(out, "JDK", then.jdk(), now.jdk());
        diff(out, "OS", then.os(), now.os());
        diff(out, "CPU", then.cpuModel(), now.cpuModel());
        diff(out, "cores", String.valueOf(then.cores()), String.valueOf(now.cores()));
        diff(out, "TensorFlow", then.tensorflowVersion(), now.tensorflowVersion());
        diff(out, "Spark", then.sparkVersion(), now.sparkVersion());
        diff(out, "Hadoop", then.hadoopVersion(), now.hadoopVersion());
        diff(out, "oneDNN", then.onednn(), now.onednn());
        diff(out, "commit", then.gitCommit() + (then.gitDirty() ? " (dirty)" : ""), now.gitCommit() + (now.gitDirty() ? " (dirty)" : ""));
        return out;
    }

    private static void diff(List<String> out, String what, String then, String now) {
        if (!Objects.equals(then, now)) out.add(what + " " + then + " -> " + now);
    }
}
