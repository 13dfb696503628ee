package dev.factortwo.harness.cell;

import dev.factortwo.harness.device.Accelerator;
import dev.factortwo.harness.device.AcceleratorProfile;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Results;
import dev.factortwo.model.ExitCode;
import dev.factortwo.reports.gate.Gate;
import dev.factortwo.reports.gate.GateOptions;
import dev.factortwo.reports.gate.GateReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The gate on real runs: two runs of the same build pass (A/A), and a run with {@code --throttle 20} fails.
 * The compute is an emulated accelerator (a known wait per sample, 2 ms: most of each run's wall time, and a
 * wait that other load on the machine cannot slow) so that the planted slowdown is the only systematic
 * difference; Spark, the data path and the measurement are real.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GateEndToEndTest {

    SparkFixture fx;
    CellRunner runner;

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
        AcceleratorProfile p = new AcceleratorProfile("gate-test", Map.of("train-mlp", 2_000_000L, "infer", 1_000_000L), "test");
        runner = fx.runnerWith(new Accelerator.Emulated(p));
    }


    /**
     * Runs A, A again and A throttled one repetition at a time, interleaved, five times per cell, so that the
     * machine's drift (JIT warming up, other load) hits all three alike; then each becomes a 5-repetition cell.
     */
    List<Results> suites() {
        List<List<CellResult>> runs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        double[] throttles = {0, 0, 20};
        for (String[] c : new String[][] {{"train-mlp", "local"}, {"train-mlp", "spark"}, {"infer", "spark"}}) {
            CellSpec s = SparkFixture.cell(c[0], "memory", c[1], 1, 1);
            List<List<CellResult>> reps = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int r = 0; r < 5; r++) {
                for (int i = 0; i < 3; i++) {
                    reps.get(i).add(runner.run(new CellSpec(s.key(), s.seed(), 1, s.batchSize(), s.learningRate(), s.partitions(),
                            640, s.testSamples(), 1, s.warmupSteps(), throttles[i])));
                }
            }
            for (int i = 0; i < 3; i++) runs.get(i).add(merge(reps.get(i)));
        }
        var env = dev.factortwo.harness.measure.EnvironmentCapture.capture(dev.factortwo.harness.nn.TfSettings.defaults(), "local[2,4]", Map.of());
        return runs.stream().map(cells -> new Results(Results.SCHEMA_V1, "gate-e2e", "now", env, Map.of(), cells)).toList();
    }

    /** One cell of many single-repetition runs of it. */
    static CellResult merge(List<CellResult> parts) {
        CellResult f = parts.get(0);
        List<dev.factortwo.model.Repetition> reps = parts.stream().map(p -> p.repetitions().get(0)).toList();
        var sps = dev.factortwo.model.stats.Statistics.standard().summarize(
                reps.stream().mapToDouble(dev.factortwo.model.Repetition::samplesPerSecond).toArray(), 0.95);
        var repro = CellAssembly.repeatVerdictOf(reps);
        return new CellResult(f.key(), f.spec(), f.status(), f.error(), reps, sps, f.inputSeconds(), f.computeSeconds(),
                f.acceleratorUtilization(), f.bytesRead(), f.fingerprint(), f.testAccuracy(), f.latency(), repro, f.io(), f.notes(), f.attributes());
    }

    @Test
    void aaPassesAndAPlantedTwentyPercentSlowdownFails() {
        List<Results> s = suites();
        Results a = s.get(0), a2 = s.get(1), slow = s.get(2);
        GateReport aa = Gate.compare(a, a2, GateOptions.defaults());
        assertEquals(ExitCode.OK, aa.exitCode(), aa.toString());
        GateReport ab = Gate.compare(a, slow, GateOptions.defaults());
        assertEquals(ExitCode.REGRESSION, ab.exitCode(), ab.toString());
    }
}
