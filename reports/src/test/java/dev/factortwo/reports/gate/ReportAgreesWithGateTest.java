package dev.factortwo.reports.gate;

import static dev.factortwo.reports.gate.Fixtures.bitwise;
import static dev.factortwo.reports.gate.Fixtures.cell;
import static dev.factortwo.reports.gate.Fixtures.environment;
import static dev.factortwo.reports.gate.Fixtures.results;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.ExitCode;
import dev.factortwo.model.Results;
import dev.factortwo.model.stats.Statistics;
import dev.factortwo.reports.CellLabel;
import dev.factortwo.reports.ReportInput;
import dev.factortwo.reports.html.HtmlReport;
import dev.factortwo.reports.markdown.MarkdownSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The report and the gate decide "slower than the baseline" by one rule: on planted cases, the HTML and the
 * Markdown report call a cell slower exactly where the gate fails its speed check, under the default options
 * and under others.
 */
class ReportAgreesWithGateTest {

    /** A fixed noise pattern of sample standard deviation 1 (so that {@code mean * (1 + cv * z)} has that cv). */
    static final double[] Z = {-1.2649, -0.6325, 0, 0.6325, 1.2649};
    static final double[] Z_SHUFFLED = {0.6325, -1.2649, 1.2649, 0, -0.6325};

    static double[] values(double mean, double cv, double[] z) {
        double[] v = new double[z.length];
        for (int i = 0; i < z.length; i++) v[i] = mean * (1 + cv * z[i]);
        return v;
    }

    static CellKey key(String name) {
        return new CellKey("train-mlp", "fashion-mnist", name, "spark", "single", "tensorflow", "cpu");
    }

    /** The planted cases, by tier name: ratio candidate/baseline and noise (cv) of both sides. */
    static final Map<String, double[]> PLANTED = new LinkedHashMap<>();

    static {
        PLANTED.put("regression", new double[] {0.85, 0.01});       // 15% slower, quiet: the gate fails
        PLANTED.put("small-slowdown", new double[] {0.97, 0.005});  // 3% slower: within the 5% limit
        PLANTED.put("noisy-slowdown", new double[] {0.90, 0.15});   // 10% slower in 15% noise: not significant
        PLANTED.put("welch-only", new double[] {0.93, 0.04});       // uncorrected two-sided Welch at 0.95 says slower
        PLANTED.put("speed-up", new double[] {1.15, 0.01});         // 15% faster
        for (int i = 0; i < 15; i++) PLANTED.put(String.format("same-%02d", i), new double[] {1.0, 0.04});
    }

    static Results side(boolean candidate) {
        List<CellResult> cells = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, double[]> e : PLANTED.entrySet()) {
            double mean = 1000 + 10 * i++;
            double ratio = candidate ? e.getValue()[0] : 1;
            cells.add(cell(key(e.getKey()), values(mean * ratio, e.getValue()[1], candidate ? Z_SHUFFLED : Z), 0.85, bitwise()));
        }
        return results("planted", environment("17.0.15", "1.1.0"), cells);
    }

    static Stream<GateOptions> options() {
        GateOptions d = GateOptions.defaults();
        return Stream.of(d, d.withTest(GateOptions.Test.WELCH).withCorrection(GateOptions.Correction.BH),
                d.withMaxSlowdown(0.10).withConfidence(0.95), d.withTest(GateOptions.Test.MANN_WHITNEY).withConfidence(0.90));
    }

    @ParameterizedTest
    @MethodSource("options")
    void reportSaysSlowerExactlyWhereTheGateFails(GateOptions options) {
        Results base = side(false), cand = side(true);
        GateReport gate = Gate.compare(base, cand, options);
        ReportInput input = new ReportInput(List.of(cand), Optional.of(base), options);
        String md = new MarkdownSummary().render(input);
        String html = new HtmlReport().render(input);
        int slower = 0;
        for (String name : PLANTED.keySet()) {
            CellKey k = key(name);
            CheckResult speed = gate.checks().stream()
                    .filter(c -> c.subject().equals(k.id()) && c.check() == Check.SPEED).findFirst().orElseThrow();
            boolean gateFails = speed.status() == Status.FAIL;
            String label = CellLabel.full(k);
            String mdRow = md.lines().filter(l -> l.startsWith("| " + label + " |")).reduce((a, b) -> b).orElseThrow();
            boolean mdSlower = mdRow.contains("| **slower** |");
            boolean htmlSlower = html.contains("<tr class=\"slower\" data-cell=\"" + label + "\"");
            assertEquals(gateFails, mdSlower, name + ": gate " + speed.message() + "; markdown " + mdRow);
            assertEquals(gateFails, htmlSlower, name + ": gate " + speed.message() + "; html disagrees");
            assertEquals(!gateFails, !mdRow.contains("slower"), name + ": the report says slower only where the gate fails: " + mdRow);
            if (gateFails) slower++;
        }
        assertTrue(slower >= 1, "the planted 15% regression is caught under " + options);
        assertEquals(ExitCode.REGRESSION, gate.exitCode());
    }

    @Test
    void underTheDefaultsEachPlantedCaseComesOutAsPlanted() {
        Results base = side(false), cand = side(true);
        Map<CellKey, SlowdownTest.Decision> d = Gate.speed(base, cand, GateOptions.defaults());
        assertEquals(SlowdownTest.Change.SLOWER, d.get(key("regression")).change());
        assertEquals(SlowdownTest.Change.WITHIN_LIMIT, d.get(key("small-slowdown")).change());
        assertEquals(SlowdownTest.Change.NOT_SIGNIFICANT, d.get(key("noisy-slowdown")).change());
        assertEquals(SlowdownTest.Change.NOT_SIGNIFICANT, d.get(key("welch-only")).change());
        assertEquals(SlowdownTest.Change.FASTER, d.get(key("speed-up")).change());
        for (int i = 0; i < 15; i++) assertEquals(SlowdownTest.Change.WITHIN_LIMIT, d.get(key(String.format("same-%02d", i))).change());

        // the case that made the old report disagree: two-sided Welch at 0.95, uncorrected, calls it significant
        CellResult b = base.cells().stream().filter(c -> c.key().equals(key("welch-only"))).findFirst().orElseThrow();
        CellResult c = cand.cells().stream().filter(x -> x.key().equals(key("welch-only"))).findFirst().orElseThrow();
        double welch = Statistics.standard().welchPValue(c.samplesPerSecond().toArray(), b.samplesPerSecond().toArray());
        assertTrue(welch < 0.05, "planted so that the old rule said slower: Welch p=" + welch);
        Status gate = Gate.compare(base, cand, GateOptions.defaults()).checks().stream()
                .filter(x -> x.subject().equals(key("welch-only").id()) && x.check() == Check.SPEED).findFirst().orElseThrow().status();
        assertTrue(gate != Status.FAIL, "and the gate passes it");
    }
}
