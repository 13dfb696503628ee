package dev.factortwo.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Results;
import dev.factortwo.reports.gate.ExitCode;
import dev.factortwo.reports.gate.Gate;
import dev.factortwo.reports.gate.GateOptions;
import dev.factortwo.reports.gate.GateReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gate on real runs: two runs of the same build pass (A/A), and a run with {@code --throttle 20} fails.
 * The compute is an emulated accelerator (a known wait per sample) so that the planted slowdown is the only
 * systematic difference; Spark, the data path and the measurement are real.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateEndToEndTest {

    SparkFixture fx;
    CellRunner runner;

    @BeforeAll
    void start() throws java.io.IOException {
        fx = new SparkFixture(java.nio.file.Files.createTempDirectory("factortwo-gate"));
        AcceleratorProfile p = new AcceleratorProfile("gate-test", Map.of("train-mlp", 400_000L, "infer", 150_000L), "test");
        runner = fx.runnerWith(new Accelerator.Emulated(p));
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    Results suite(double throttle) {
        List<CellResult> cells = new ArrayList<>();
        for (String[] c : new String[][] {{"train-mlp", "local"}, {"train-mlp", "spark"}, {"infer", "spark"}}) {
            CellSpec s = SparkFixture.cell(c[0], "memory", c[1], 1, 5);
            cells.add(runner.run(new CellSpec(s.key(), s.seed(), 1, s.batchSize(), s.learningRate(), s.partitions(),
                    s.trainSamples(), s.testSamples(), 5, s.warmupSteps(), throttle)));
        }
        return new Results(Results.SCHEMA_V1, "gate-e2e", "now", dev.factortwo.harness.measure.EnvironmentCapture.capture(
                dev.factortwo.harness.engine.TfSettings.defaults(), "local[2,4]", Map.of()), Map.of(), cells);
    }

    @Test
    void aaPassesAndAPlantedTwentyPercentSlowdownFails() {
        Results a = suite(0), a2 = suite(0), slow = suite(20);
        GateReport aa = Gate.compare(a, a2, GateOptions.defaults());
        assertEquals(ExitCode.PASS, aa.exitCode(), aa.toString());
        GateReport ab = Gate.compare(a, slow, GateOptions.defaults());
        assertEquals(ExitCode.REGRESSION, ab.exitCode(), ab.toString());
    }
}
