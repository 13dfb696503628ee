package dev.factortwo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.reports.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results file replays itself: a small bitwise cell run by 'run' comes out with the recorded fingerprint, and the
 * same file with another seed planted in it is caught (exit 2). Real Spark and TensorFlow, tiny synthetic data.
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.factortwo.harness.testing.OwnSpark.class)
class ReplayCommandTest {

    private static int replay(Path results, Path out, ByteArrayOutputStream console) {
        return Cli.commandLine(new ReplayCommand(new PrintStream(console, true, StandardCharsets.UTF_8)))
                .execute(results.toString(), "--out", out.toString());
    }

    @Test
    void aRecordedCellReplaysToItsFingerprintAndAPlantedSeedIsCaught(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        int code = Cli.commandLine(new RunCommand()).execute("--workload", "train-mlp", "--dataset", "synthetic",
                "--synthetic-samples", "600", "--train-samples", "400", "--test-samples", "100", "--tier", "memory", "--state", "spark",
                "--strategies", "single", "--epochs", "1", "--repetitions", "2", "--max-repetitions", "2", "--min-repetition-seconds", "0",
                "--warmup-passes", "0", "--no-bare", "--faults", "none", "--no-report", "--accelerator", "cpu", "--out", run.toString());
        assertEquals(0, code);
        Path results = run.resolve("results.json");

        ByteArrayOutputStream same = new ByteArrayOutputStream();
        assertEquals(0, replay(results, dir.resolve("again"), same), same.toString(StandardCharsets.UTF_8));
        assertTrue(same.toString(StandardCharsets.UTF_8).contains("replay: 1 of 1 cells gave the recorded fingerprint"),
                same.toString(StandardCharsets.UTF_8));

        String json = Files.readString(results);
        Path planted = dir.resolve("planted.json");
        String edited = json.replaceFirst("\"seed\" : (\\d+)", "\"seed\" : 4242");
        assertTrue(!edited.equals(json), "the seed was planted");
        Files.writeString(planted, edited);
        ByteArrayOutputStream differ = new ByteArrayOutputStream();
        assertEquals(2, replay(planted, dir.resolve("planted-run"), differ), differ.toString(StandardCharsets.UTF_8));
        assertTrue(differ.toString(StandardCharsets.UTF_8).contains("DIFFERENT"), differ.toString(StandardCharsets.UTF_8));

        // the data is recorded by digest: a recorded digest this machine's data does not match is named
        assertTrue(json.contains("\"trainDataDigest\" : \"sha256:") && json.contains("\"testDataDigest\" : \"sha256:"), "digests recorded");
        Path otherData = dir.resolve("other-data.json");
        Files.writeString(otherData, json.replaceFirst("\"trainDataDigest\" : \"sha256:[0-9a-f]+\"", "\"trainDataDigest\" : \"sha256:0000\""));
        ByteArrayOutputStream named = new ByteArrayOutputStream();
        assertEquals(0, replay(otherData, dir.resolve("other-data-run"), named), named.toString(StandardCharsets.UTF_8));
        assertTrue(named.toString(StandardCharsets.UTF_8).contains(": training data sha256:0000 -> sha256:"), named.toString(StandardCharsets.UTF_8));
    }

    /**
     * A run with checkpoints and two formats, of a non-default MLP size, holds per format a local-sgd cell and its
     * checkpointed twin; replay reruns each of the four as recorded (its format, period and model passed back) and
     * compares it with the cell of the same id.
     */
    @Test
    void checkpointedAndParquetCellsReplayAsTheCellsTheyWere(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        int code = Cli.commandLine(new RunCommand()).execute("--workload", "train-mlp", "--dataset", "synthetic",
                "--synthetic-samples", "600", "--train-samples", "400", "--test-samples", "100", "--tier", "memory", "--state", "local",
                "--strategies", "local-sgd", "--checkpoint-every", "1", "--formats", "shards,parquet", "--mlp-hidden", "32,16", "--epochs", "2",
                "--repetitions", "2", "--max-repetitions", "2", "--min-repetition-seconds", "0", "--warmup-passes", "0", "--no-bare",
                "--faults", "none", "--no-report", "--accelerator", "cpu", "--out", run.toString());
        assertEquals(0, code);
        java.util.List<String> ids = dev.factortwo.model.json.ResultsCodec.read(run.resolve("results.json")).cells().stream()
                .map(dev.factortwo.model.CellResult::id).toList();
        for (String id : new String[] {"memory/local/local-sgd/", "memory/local/local-sgd+checkpoint-every-1/",
                "memory+parquet/local/local-sgd/", "memory+parquet/local/local-sgd+checkpoint-every-1/"}) {
            assertTrue(ids.stream().anyMatch(i -> i.contains(id)), id + " in " + ids);
        }
        assertTrue(ids.stream().allMatch(i -> i.startsWith("train-mlp+mlp-32-16/")), "the model is named in every id: " + ids);
        assertEquals(4, ids.size(), ids.toString());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        assertEquals(0, replay(run.resolve("results.json"), dir.resolve("again"), console), console.toString(StandardCharsets.UTF_8));
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("replay: 4 of 4 cells gave the recorded fingerprint"),
                console.toString(StandardCharsets.UTF_8));
    }
}
