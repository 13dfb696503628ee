package dev.factortwo.model.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.stats.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunsToTrustTest {

    static CellResult cell(String state, Reproducibility.Verdict verdict, double[] accuracy, double[] speed, double wall) {
        List<Repetition> reps = new ArrayList<>();
        for (int i = 0; i < accuracy.length; i++) {
            reps.add(new Repetition(i, 1000, wall, speed[i], 0, 0, 0, "sha256:" + i, accuracy[i]));
        }
        return new CellResult(new CellKey("train-mlp", "d", "memory", state, "s", "tensorflow", "cpu"), null, CellResult.Status.OK, null,
                reps, Statistics.standard().summarize(speed, 0.95), 0, 0, 0, 0, "sha256:0", 0.9, null,
                new Reproducibility(verdict, accuracy.length, 0, 1e-6, List.of(), verdict == Reproducibility.Verdict.BITWISE, ""), List.of(), List.of(), Map.of());
    }

    @Test
    void bitwiseNeedsOneRun() {
        RunsToTrust r = RunsToTrust.of(cell("spark", Reproducibility.Verdict.BITWISE, new double[] {0.9, 0.9}, new double[] {100, 100}, 2.0));
        assertEquals(1, r.runsForAccuracy());
        assertEquals(2.0, r.secondsToTrust(), 1e-12);
    }

    @Test
    void spreadOfAccuracySetsTheRunsByTheNormalApproximation() {
        // accuracies 0.900 and 0.908 (sd = 0.008/sqrt(2) = 0.0056569); z(0.995) + z(0.95) = 2.5758293 + 1.6448536 = 4.2206829
        // n = 2 (4.2206829 x 0.0056569 / 0.005)^2 = 2 x 22.8034 = 45.6 -> 46
        RunsToTrust r = RunsToTrust.of(cell("local", Reproducibility.Verdict.DIVERGENT, new double[] {0.900, 0.908}, new double[] {100, 100}, 3.0));
        assertEquals(0.0056569, r.accuracySd(), 1e-6);
        assertEquals(46, r.runsForAccuracy());
        assertEquals(46 * 3.0, r.secondsToTrust(), 1e-9);
        assertEquals(2, r.runsForThroughput(), "no throughput spread: the minimum of two runs");
    }

    @Test
    void priceOnTimeToTrustComparesTheQuickestToTrust() {
        RunsToTrust slowBitwise = RunsToTrust.of(cell("spark", Reproducibility.Verdict.BITWISE, new double[] {0.9, 0.9}, new double[] {100, 100}, 10.0));
        RunsToTrust fastDivergent = RunsToTrust.of(cell("local", Reproducibility.Verdict.DIVERGENT, new double[] {0.900, 0.908}, new double[] {200, 200}, 1.0));
        Map<String, Double> price = RunsToTrust.priceOnTimeToTrust(List.of(slowBitwise, fastDivergent));
        // the divergent cell needs 46 runs x 1 s = 46 s; the bitwise one 10 s: reproducibility pays for itself
        assertEquals(10.0 / 10.0, price.get("train-mlp"), 1e-12);
        assertTrue(fastDivergent.secondsToTrust() > slowBitwise.secondsToTrust());
    }

    @Test
    void inferenceHasNoAccuracyToTrust() {
        CellResult c = cell("spark", Reproducibility.Verdict.BITWISE, new double[] {Double.NaN}, new double[] {100}, 1.0);
        CellResult infer = new CellResult(c.key(), null, CellResult.Status.OK, null, c.repetitions(), c.samplesPerSecond(), 0, 0, 0, 0,
                "x", Double.NaN, null, c.reproducibility(), List.of(), List.of(), Map.of());
        assertNull(RunsToTrust.of(infer));
    }
}
