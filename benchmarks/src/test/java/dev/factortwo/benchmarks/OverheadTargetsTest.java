package dev.factortwo.benchmarks;

import dev.factortwo.model.CellAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Environment;
import dev.factortwo.model.Results;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.model.Interval;
import dev.factortwo.model.stats.Statistics;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overhead targets read from a hand-made results.json whose ratios are known. */
class OverheadTargetsTest {

    private static CellResult cell(String workload, String state, String strategy, double[] endToEnd, double[] steady) {
        CellKey key = new CellKey(workload, "fashion-mnist", "memory", state, strategy, "tensorflow", "cpu");
        CellSpec spec = new CellSpec(key, 42, 2, 64, 0.03, 2, 60000, 10000, endToEnd.length, 5, 0);
        Map<String, String> attrs = steady == null ? Map.of()
                : Map.of(CellAttribute.STEADY_SAMPLES_PER_SECOND.key(), Arrays.stream(steady).mapToObj(v -> String.format("%.1f", v)).collect(Collectors.joining(",")));
        return new CellResult(key, spec, CellResult.Status.OK, null, List.of(), Statistics.standard().summarize(endToEnd, 0.95),
                0, 1, 0.9, 0, "sha256:ab", 0.8, null, null, List.of(), List.of(), attrs);
    }

    /**
     * Two workloads, each with a bare loop at a constant 10,000 samples/s, so each paired interval is the t interval
     * of ln(x / 10,000) carried back (t(0.975, 2) = 4.303; numpy/scipy give the figures below).
     * train-mlp single: steady 9,800-10,000 (0.990 [0.965, 1.015]: met), end to end 7,000-7,200 (0.710 [0.686,
     * 0.735]: MISSED). train-cnn single: steady 8,000-11,000 (0.942 [0.634, 1.400]: inconclusive), end to end
     * 8,900-9,100 (0.900 [0.875, 0.925]: met). Model averaging has no target.
     */
    static Results fixture() {
        double[] bare = {10000, 10000, 10000};
        List<CellResult> cells = List.of(
                cell("train-mlp", "none", "bare", bare, null),
                cell("train-mlp", "local", "single", new double[] {7000, 7100, 7200}, new double[] {9800, 9900, 10000}),
                cell("train-mlp", "local", "model-averaging", new double[] {5000, 5000, 5100}, new double[] {6000, 6100, 6200}),
                cell("train-cnn", "none", "bare", bare, null),
                cell("train-cnn", "local", "single", new double[] {8900, 9000, 9100}, new double[] {8000, 9500, 11000}));
        Environment env = new Environment("17.0.15 (Debian)", "Linux 6.1 amd64", "Intel Xeon", 2, 25_000_000_000L, "none",
                "2.18.0", "4.2.0", "3.5.0", 2, 1, "default", "abc1234", false, Map.of());
        return new Results(Results.SCHEMA_V1, "overhead", "2026-12-01T00:00:00Z", env, Map.of(), cells);
    }

    private static SelfbenchSummary.Line line(List<SelfbenchSummary.Line> lines, String measure) {
        return lines.stream().filter(l -> l.measure().equals(measure)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + measure + "' in " + lines));
    }

    @Test
    void readsResultsJsonAndJudgesEachTargetByItsInterval(@TempDir Path dir) {
        Path file = dir.resolve("results.json");
        ResultsCodec.write(fixture(), file);
        List<SelfbenchSummary.Line> lines = OverheadTargets.lines(ResultsCodec.read(file));

        SelfbenchSummary.Line steady = line(lines, "train-mlp/fashion-mnist memory/local/single / bare steady");
        assertEquals("0.990 [0.965, 1.015]", steady.value());
        assertEquals(">= 0.95", steady.target());
        assertEquals("met", steady.verdict());
        SelfbenchSummary.Line end = line(lines, "train-mlp/fashion-mnist memory/local/single / bare end to end");
        assertEquals("0.710 [0.686, 0.735]", end.value());
        assertEquals(">= 0.80", end.target());
        assertEquals("MISSED", end.verdict());
        SelfbenchSummary.Line cnnSteady = line(lines, "train-cnn/fashion-mnist memory/local/single / bare steady");
        assertEquals("0.942 [0.634, 1.400]", cnnSteady.value());
        assertEquals("inconclusive", cnnSteady.verdict(), "the interval straddles the target");
        assertEquals("met", line(lines, "train-cnn/fashion-mnist memory/local/single / bare end to end").verdict());
    }

    /**
     * Pairing by pass, tested with a bare loop that varies by pass (steal in one pass slows both sides of it): single
     * runs at 0.99 of bare in every pass, so the paired ratio is 0.990 with no spread and the target is met. The same
     * values out of pass order (the pairing lost) give an interval too wide to say anything: a test that any
     * permutation passes could not tell.
     */
    @Test
    void ratiosArePairedByPassSoALoadThatVariesByPassCancels() {
        double[] bare = {10000, 6000, 8000};
        double[] single = {9900, 5940, 7920};
        double[] shuffled = {5940, 7920, 9900};
        Environment env = new Environment("17.0.15 (Debian)", "Linux 6.1 amd64", "Intel Xeon", 2, 25_000_000_000L, "none",
                "2.18.0", "4.2.0", "3.5.0", 2, 1, "default", "abc1234", false, Map.of());
        Results paired = new Results(Results.SCHEMA_V1, "overhead", "2026-12-01T00:00:00Z", env, Map.of(), List.of(
                cell("train-mlp", "none", "bare", bare, bare), cell("train-mlp", "local", "single", single, single)));
        SelfbenchSummary.Line steady = line(OverheadTargets.lines(paired), "train-mlp/fashion-mnist memory/local/single / bare steady");
        assertEquals("0.990 [0.990, 0.990]", steady.value());
        assertEquals("met", steady.verdict());

        Results unpaired = new Results(Results.SCHEMA_V1, "overhead", "2026-12-01T00:00:00Z", env, Map.of(), List.of(
                cell("train-mlp", "none", "bare", bare, bare), cell("train-mlp", "local", "single", shuffled, shuffled)));
        SelfbenchSummary.Line lost = line(OverheadTargets.lines(unpaired), "train-mlp/fashion-mnist memory/local/single / bare steady");
        assertEquals("inconclusive", lost.verdict(), "the same values out of pass order: " + lost.value());
    }

    @Test
    void otherStrategiesAreShownWithoutATargetAndEachWorkloadAgainstItsOwnBare() {
        List<SelfbenchSummary.Line> lines = OverheadTargets.lines(fixture());
        SelfbenchSummary.Line ma = line(lines, "train-mlp/fashion-mnist memory/local/model-averaging / bare steady");
        assertEquals("", ma.target());
        assertEquals("", ma.verdict());
        assertEquals("10,000/s end to end, 10,000/s steady, 3 reps", line(lines, "train-mlp/fashion-mnist bare").value(),
                "the bare loop times train steps alone: its end to end is its steady state");
        assertEquals("9,000/s end to end, 9,500/s steady, 3 reps", line(lines, "train-cnn/fashion-mnist memory/local/single").value());
        assertTrue(lines.stream().noneMatch(l -> l.measure().startsWith("train-cnn") && l.measure().contains("model-averaging")),
                "no cell of another workload is compared with this bare loop");
        assertEquals(11, lines.size(), "2 bare, 3 cells, 2 ratios each");
        String table = SelfbenchSummary.format(lines);
        assertTrue(table.startsWith("measure"), table);
    }

    @Test
    void theVerdictFollowsTheIntervalNotThePointEstimate() {
        assertEquals("met", OverheadTargets.verdict(new Interval(0.97, 0.95, 0.99, 0.95), 0.95));
        assertEquals("inconclusive", OverheadTargets.verdict(new Interval(0.97, 0.94, 0.99, 0.95), 0.95));
        assertEquals("inconclusive", OverheadTargets.verdict(new Interval(0.93, 0.90, 0.96, 0.95), 0.95));
        assertEquals("MISSED", OverheadTargets.verdict(new Interval(0.93, 0.90, 0.9499, 0.95), 0.95));
        assertEquals("inconclusive", OverheadTargets.verdict(new Interval(0.9, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0.95), 0.95));
    }
}
