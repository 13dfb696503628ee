package dev.factortwo.reports.gate;

import static dev.factortwo.reports.gate.Fixtures.environment;
import static dev.factortwo.reports.gate.Fixtures.results;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.ExitCode;
import dev.factortwo.model.Results;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.reports.Golden;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed results files the light CI jar's end-to-end test gates ({@code golden/ci/*.json}): the planted
 * cases of {@link ReportAgreesWithGateTest}, sealed as golden files so that they stay what this code says they
 * are (regenerate with {@code -Dgolden.update=true}).
 */
class CiFixturesTest {

    static Results baseline() {
        return ReportAgreesWithGateTest.side(false);
    }

    /** The same cells, new noise, no change: the gate passes. */
    static Results unchanged() {
        Results b = baseline();
        List<CellResult> cells = b.cells().stream().map(c -> Fixtures.cell(c.key(),
                shuffled(c.samplesPerSecond().toArray()), c.testAccuracy(), c.reproducibility())).toList();
        return results("planted", environment("17.0.15", "1.1.0"), cells);
    }

    /** One cell 15% slower (and the other planted cases): the gate fails. */
    static Results slower() {
        return ReportAgreesWithGateTest.side(true);
    }

    private static double[] shuffled(double[] v) {
        return new double[] {v[3], v[0], v[4], v[2], v[1]};
    }

    @Test
    void committedFixturesAreWhatTheyClaim() throws IOException {
        Golden.assertMatches(ResultsCodec.toJson(baseline()), "ci/baseline.json");
        Golden.assertMatches(ResultsCodec.toJson(unchanged()), "ci/candidate-unchanged.json");
        Golden.assertMatches(ResultsCodec.toJson(slower()), "ci/candidate-slower.json");
        assertEquals(ExitCode.OK, Gate.compare(baseline(), unchanged(), GateOptions.defaults()).exitCode());
        assertEquals(ExitCode.REGRESSION, Gate.compare(baseline(), slower(), GateOptions.defaults()).exitCode());
    }
}
