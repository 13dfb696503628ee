package dev.factortwo.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.factortwo.model.stats.Statistics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results file is a public contract: sealed by a golden file, and every earlier schema keeps reading. */
class ResultsCodecTest {

    static Results fixture() {
        CellKey key = new CellKey("train-mlp", "fashion-mnist", "hdfs", "spark", "model-averaging", "tensorflow", "cpu");
        CellSpec spec = new CellSpec(key, 42, 2, 64, 0.03, 2, 6000, 2000, 2, 5, 0);
        Histogram h = HistogramCodec.newHistogram();
        for (long v : new long[] {900, 1000, 1100, 1200, 5000}) h.recordValue(v);
        List<Repetition> reps = List.of(
                new Repetition(0, 11904, 1.25, 9523.2, 0.05, 1.1, 9420000, "sha256:ab", 0.8125, 2.4, 1050),
                new Repetition(1, 11904, 1.5, 7936.0, 0.06, 1.2, 9420000, "sha256:ab", 0.8125, 2.9, 1100));
        Reproducibility r = new Reproducibility(Reproducibility.Verdict.BITWISE, 2, 0, 1e-6,
                List.of(new FaultOutcome("task-failure", FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, 0.25, 0, "sha256:ab", "task-failure: recomputed by Spark, identical")),
                true, "2 runs with one seed gave bit-identical weights");
        CellResult cell = new CellResult(key, spec, CellResult.Status.OK, null, reps,
                Statistics.standard().summarize(new double[] {9523.2, 7936.0}, 0.95), 0.055, 1.15, 0.83, 9420000, "sha256:ab", 0.8125,
                HistogramCodec.summarize(h), r, List.of(new EpochIo(0, 4710000, 3, 120, 0.02), new EpochIo(1, 4710000, 3, 120, 0.02)),
                List.of("a note"), Map.of("partitions", "2"));
        CellResult failed = CellResult.failed(new CellKey("infer", "fashion-mnist", "s3", "local", "scheduler", "tensorflow", "cpu"), null,
                "UncheckedIOException: s3 down");
        Environment env = new Environment("17.0.15 (Debian)", "Linux 6.1 amd64", "AMD EPYC", 2, 25_000_000_000L, "none",
                "2.18.0", "4.1.0", "3.4.2", 2, 1, "default", "f0c214e", false, Map.of("gc", "G1"));
        return new Results(Results.SCHEMA_V1, "quick", "2026-11-28T02:00:00Z", env, Map.of("epochs", "2"), List.of(cell, failed));
    }

    @Test
    void v1IsSealedByItsGoldenFile() throws IOException {
        String json = ResultsCodec.toJson(fixture());
        Path golden = Path.of("src/test/resources/golden/results-v1.json");
        if (Boolean.getBoolean("golden.update")) Files.writeString(golden, json);
        assertEquals(Files.readString(golden), json, "results.json changed shape; if on purpose, bump the schema and keep v1 readable");
    }

    @Test
    void roundTripsAndReadsTheGoldenV1() throws IOException {
        Results back = ResultsCodec.parse(Path.of("mem"), ResultsCodec.toJson(fixture()));
        assertEquals(ResultsCodec.toJson(fixture()), ResultsCodec.toJson(back));
        try (InputStream in = getClass().getResourceAsStream("/golden/results-v1.json")) {
            Results old = ResultsCodec.parse(Path.of("results-v1.json"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(2, old.cells().size());
            assertTrue(Double.isNaN(old.cells().get(1).testAccuracy()));
            assertEquals(1.1, HistogramCodec.decode(old.cells().get(0).latency().histogram()).getValueAtPercentile(50) / 1000.0, 0.01);
            assertEquals(2.4, old.cells().get(0).repetitions().get(0).cpuSeconds());
            assertEquals(11904 / 2.4, old.cells().get(0).repetitions().get(0).samplesPerCpuSecond(), 1e-9);
            assertEquals(1050, old.cells().get(0).repetitions().get(0).medianStepMicros());
        }
    }

    @Test
    void aV1FileWrittenBeforeCpuTimeAndStepMediansReadsThemAsUnknown() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/results-v1-without-cpu.json")) {
            Results old = ResultsCodec.parse(Path.of("results-v1-without-cpu.json"), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Repetition r = old.cells().get(0).repetitions().get(0);
            assertTrue(Double.isNaN(r.cpuSeconds()) && Double.isNaN(r.medianStepMicros()) && Double.isNaN(r.samplesPerCpuSecond()), r.toString());
            assertTrue(dev.factortwo.model.analysis.CpuThroughput.of(old.cells().get(0)).isEmpty(), "no CPU figure without CPU times");
        }
        Results now = ResultsCodec.parse(Path.of("mem"), ResultsCodec.toJson(fixture()));
        var cpu = dev.factortwo.model.analysis.CpuThroughput.of(now.cells().get(0)).orElseThrow();
        assertEquals((11904 / 2.4 + 11904 / 2.9) / 2, cpu.mean(), 1e-6);
    }

    @Test
    void writesAtomicallyAndNamesTheFileOnBadInput(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("results.json");
        ResultsCodec.write(fixture(), file);
        assertEquals(ResultsCodec.toJson(fixture()), ResultsCodec.toJson(ResultsCodec.read(file)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files left");
        }
        Files.writeString(file, ResultsCodec.toJson(fixture()).substring(0, 200));
        ResultsFormatException truncated = assertThrows(ResultsFormatException.class, () -> ResultsCodec.read(file));
        assertTrue(truncated.getMessage().startsWith(file.toString()) && truncated.getMessage().contains("not valid JSON"), truncated.getMessage());
        Files.writeString(file, "{\"schema\":\"factortwo/results/v9\",\"cells\":[]}");
        assertTrue(assertThrows(ResultsFormatException.class, () -> ResultsCodec.read(file)).getMessage().contains("unknown schema 'factortwo/results/v9'"));
        Files.writeString(file, "");
        assertTrue(assertThrows(ResultsFormatException.class, () -> ResultsCodec.read(file)).getMessage().contains("empty file"));
        assertTrue(assertThrows(ResultsFormatException.class, () -> ResultsCodec.read(dir.resolve("nope.json"))).getMessage().contains("no such file"));
    }

    @Test
    void aStoredFlagThatContradictsTheVerdictIsRefusedNamingTheCell(@TempDir Path dir) throws IOException {
        // a cell edited to 'divergent' but left with reproducible: true must not be shown or priced as recomputable
        Path file = dir.resolve("results.json");
        String json = ResultsCodec.toJson(fixture()).replaceFirst("\"verdict\" : \"bitwise\"", "\"verdict\" : \"divergent\"");
        assertTrue(json.contains("\"divergent\""), "the edit took");
        Files.writeString(file, json);
        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> ResultsCodec.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("cell train-mlp")
                && e.getMessage().contains("'reproducible' is true but its verdict 'divergent'"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }
}
