package dev.factortwo.reports.gate;

import dev.factortwo.model.CellAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Environment;
import dev.factortwo.model.ExitCode;
import dev.factortwo.model.Results;
import dev.factortwo.model.analysis.Rounds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gate's paired t on {@code compare}'s rounds: a slowdown hidden by load that changes from round to round is
 * caught when the rounds are paired, missed when the repetitions are pooled, and an A/A pair under the same load passes.
 */
class GatePairedTest {

    private static final Environment ENV = Fixtures.environment("17.0.15", "1.1.0");
    private static final CellKey KEY = Fixtures.key("train-mlp", "memory");
    /** The machine's load from round to round: up to half the speed lost, shared by both builds of a round. */
    private static final double[] LOAD = {1.0, 0.55, 0.9, 0.5, 0.8, 0.65};

    /** One build's rounds merged: round r runs at {@code speed * LOAD[r]}, each repetition off by {@code wobble[r]}. */
    private static Results side(double speed, double... wobble) {
        List<Results> rounds = new ArrayList<>();
        for (int r = 0; r < LOAD.length; r++) {
            double v = speed * LOAD[r];
            CellResult c = Fixtures.cell(KEY, new double[] {v * (1 + wobble[r]), v * (1 - wobble[r])}, 0.8, Fixtures.bitwise());
            rounds.add(Fixtures.results("quick", ENV, List.of(c)));
        }
        return Rounds.merge(rounds);
    }

    private static final double[] WOBBLE_A = {0.01, 0.02, 0.005, 0.015, 0.01, 0.02};
    private static final double[] WOBBLE_B = {0.015, 0.005, 0.02, 0.01, 0.02, 0.01};

    private static CheckResult speed(Results base, Results cand, GateOptions.Test test) {
        GateReport r = Gate.compare(base, cand, GateOptions.defaults().withTest(test));
        return r.checks().stream().filter(c -> c.check() == Check.SPEED).findFirst().orElseThrow();
    }

    @Test
    void aTenPercentSlowdownUnderChangingLoadIsCaughtByPairingRoundsAndMissedByPooling() {
        Results base = side(1000, WOBBLE_A), cand = side(900, WOBBLE_B);
        CheckResult paired = speed(base, cand, GateOptions.Test.PAIRED_T);
        assertEquals(Status.FAIL, paired.status(), paired.message());
        assertEquals(0.9, paired.numbers().ratio(), 0.01, "the geometric mean of the rounds' ratios");
        assertTrue(paired.message().contains("means of 6 paired rounds"), paired.message());
        assertEquals(ExitCode.REGRESSION, Gate.compare(base, cand, GateOptions.defaults().withTest(GateOptions.Test.PAIRED_T)).exitCode());

        CheckResult pooled = speed(base, cand, GateOptions.Test.WELCH);
        assertEquals(Status.WARN, pooled.status(), "pooled, the load's spread hides the slowdown: " + pooled.message());
    }

    @Test
    void aCandidateWhoseCellFailedInOneRoundFailsTheGateNamingTheRound() {
        Results base = side(1000, WOBBLE_A);
        // a candidate merged before merges failed closed: its cell looks ok over 5 of 6 rounds, round 3 lost (NaN)
        CellResult c = side(1100, WOBBLE_B).cells().get(0);
        java.util.Map<String, String> attrs = new java.util.LinkedHashMap<>(c.attributes());
        String[] means = attrs.get(CellAttribute.ROUND_SAMPLES_PER_SECOND.key()).split(",");
        means[2] = "NaN";
        attrs.put(CellAttribute.ROUND_SAMPLES_PER_SECOND.key(), String.join(",", means));
        Results cand = Fixtures.results("quick", ENV, List.of(new CellResult(c.key(), c.spec(), c.status(), c.error(), c.repetitions(),
                c.samplesPerSecond(), c.inputSeconds(), c.computeSeconds(), c.acceleratorUtilization(), c.bytesRead(), c.fingerprint(),
                c.testAccuracy(), c.latency(), c.reproducibility(), c.io(), c.notes(), attrs)));
        GateReport r = Gate.compare(base, cand, GateOptions.defaults().withTest(GateOptions.Test.PAIRED_T));
        CheckResult presence = r.checks().stream().filter(x -> x.check() == Check.PRESENCE).findFirst().orElseThrow();
        assertEquals(Status.FAIL, presence.status(), presence.message());
        assertTrue(presence.message().contains("failed in round 3 (candidate) of 6"), presence.message());
        assertEquals(ExitCode.REGRESSION, r.exitCode(), "a faster candidate that crashed in a round is never a pass");

        // merged now, the failed round makes the cell itself failed
        List<Results> rounds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CellResult ok = Fixtures.cell(KEY, new double[] {1000, 1010}, 0.8, Fixtures.bitwise());
            rounds.add(Fixtures.results("quick", ENV, List.of(i == 1 ? CellResult.failed(KEY, ok.spec(), "boom") : ok)));
        }
        Results merged = Rounds.merge(rounds);
        assertEquals(ExitCode.REGRESSION, Gate.compare(Rounds.merge(List.of(rounds.get(0), rounds.get(2), rounds.get(0))), merged,
                GateOptions.defaults().withTest(GateOptions.Test.PAIRED_T)).exitCode());
    }

    @Test
    void anAaPairUnderTheSameLoadPasses() {
        CheckResult aa = speed(side(1000, WOBBLE_A), side(1000, WOBBLE_B), GateOptions.Test.PAIRED_T);
        assertEquals(Status.PASS, aa.status(), aa.message());
        assertTrue(aa.message().contains("detects"), "the detectable slowdown is given: " + aa.message());
    }

    @Test
    void resultsNotFromCompareAreNotPairedByPosition() {
        Results base = Fixtures.results("quick", ENV, List.of(Fixtures.cell(KEY, new double[] {1000, 1010, 990}, 0.8, Fixtures.bitwise())));
        Results cand = Fixtures.results("quick", ENV, List.of(Fixtures.cell(KEY, new double[] {500, 505, 495}, 0.8, Fixtures.bitwise())));
        CheckResult c = speed(base, cand, GateOptions.Test.PAIRED_T);
        assertEquals(Status.WARN, c.status());
        assertTrue(c.message().contains("not from 'factortwo compare'"), c.message());
    }

    /** One build's rounds merged, each round's 2 repetitions with the given cores taken by other processes and steal. */
    private static Results sideWithLoad(double speed, String[] stealPerRound) {
        List<Results> rounds = new ArrayList<>();
        for (int r = 0; r < stealPerRound.length; r++) {
            CellResult c = Fixtures.cell(KEY, new double[] {speed, speed * 1.01}, 0.8, Fixtures.bitwise());
            c = new CellResult(c.key(), c.spec(), c.status(), c.error(), c.repetitions(), c.samplesPerSecond(), c.inputSeconds(),
                    c.computeSeconds(), c.acceleratorUtilization(), c.bytesRead(), c.fingerprint(), c.testAccuracy(), c.latency(),
                    c.reproducibility(), c.io(), c.notes(), java.util.Map.of(CellAttribute.OTHER_BUSY_CORES.key(), "0.00,0.00", CellAttribute.STEAL_CORES.key(), stealPerRound[r],
                    CellAttribute.LOAD_AVERAGE.key(), "2.0,2.0"));
            rounds.add(Fixtures.results("quick", ENV, List.of(c)));
        }
        return Rounds.merge(rounds);
    }

    @Test
    void aRoundWhereStealHitOneBuildOnlyIsNamed() {
        // measured here: the hypervisor took 0.6-1.0 of 2 vCPUs from the baseline's run of round 4, not the candidate's
        Results base = sideWithLoad(1000, new String[] {"0.00,0.01", "0.00,0.00", "0.01,0.00", "0.97,0.85"});
        Results cand = sideWithLoad(1000, new String[] {"0.00,0.00", "0.01,0.00", "0.00,0.02", "0.01,0.02"});
        CheckResult load = Gate.compare(base, cand, GateOptions.defaults().withTest(GateOptions.Test.PAIRED_T)).checks().stream()
                .filter(c -> c.subject().equals("(machine load)")).findFirst().orElseThrow();
        assertEquals(Status.WARN, load.status(), load.message());
        assertTrue(load.message().contains("round 4: 0.91 cores taken from the baseline's run, 0.02 from the candidate's"), load.message());
        assertTrue(!load.message().contains("round 1") && !load.message().contains("round 3"), load.message());

        CheckResult even = Gate.compare(cand, cand, GateOptions.defaults().withTest(GateOptions.Test.PAIRED_T)).checks().stream()
                .filter(c -> c.subject().equals("(machine load)")).findFirst().orElseThrow();
        assertEquals(Status.PASS, even.status(), even.message());
    }
}
