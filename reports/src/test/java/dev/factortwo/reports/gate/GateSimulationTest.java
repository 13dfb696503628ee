package dev.factortwo.reports.gate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.stats.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Measures the gate's false-alarm rate and power on synthetic suites with known distributions
 * (normal, coefficient of variation 3%, seeded SplitMix64): the numbers behind {@link GateOptions}' defaults.
 */
class GateSimulationTest {

    static final int CELLS = 50;
    static final int SUITES = 1000;
    static final double CV = 0.03;

    /** Fraction of suites of {@code CELLS} null cells (no change) in which any cell is flagged as a regression. */
    static double falseAlarmRate(GateOptions o, int reps, double cv, long seed, boolean heterogeneous) {
        SplitMix64 rng = new SplitMix64(seed);
        SlowdownTest test = new SlowdownTest(Statistics.standard(), o, false);
        int alarms = 0;
        for (int s = 0; s < SUITES; s++) {
            List<SpeedSeries> suite = new ArrayList<>(CELLS);
            for (int c = 0; c < CELLS; c++) {
                double mean = 100 + 900 * rng.uniform();
                double cellCv = heterogeneous ? cv * (0.25 + 3.75 * rng.uniform()) : cv;
                suite.add(new SpeedSeries("c" + c, rng.normal(reps, mean, cellCv), rng.normal(reps, mean, cellCv),
                        true, "samples/s", ""));
            }
            if (test.check(suite).results().stream().anyMatch(r -> r.status() == Status.FAIL)) alarms++;
        }
        return alarms / (double) SUITES;
    }

    /** Fraction of suites in which one cell slowed by {@code slowdown} (the other 49 unchanged) is flagged. */
    static double power(GateOptions o, int reps, double slowdown, long seed) {
        SplitMix64 rng = new SplitMix64(seed);
        SlowdownTest test = new SlowdownTest(Statistics.standard(), o, false);
        int detected = 0;
        for (int s = 0; s < SUITES; s++) {
            List<SpeedSeries> suite = new ArrayList<>(CELLS);
            for (int c = 0; c < CELLS; c++) {
                double mean = 100 + 900 * rng.uniform();
                double factor = c == 0 ? 1 - slowdown : 1;
                suite.add(new SpeedSeries("c" + c, rng.normal(reps, mean, CV), rng.normal(reps, mean * factor, CV),
                        true, "samples/s", ""));
            }
            if (test.check(suite).results().get(0).status() == Status.FAIL) detected++;
        }
        return detected / (double) SUITES;
    }

    @Test
    void defaultsKeepFalseAlarmsOfA50CellSuiteAtMostOnePercent() {
        double rate = falseAlarmRate(GateOptions.defaults(), GateOptions.RECOMMENDED_REPETITIONS, CV, 1, false);
        System.out.printf(Locale.ROOT, "false-alarm rate, %d suites x %d null cells, n=%d, cv=%.2f: %.4f%n",
                SUITES, CELLS, GateOptions.RECOMMENDED_REPETITIONS, CV, rate);
        assertTrue(rate <= 0.01, "false-alarm rate " + rate);
    }

    @Test
    void falseAlarmsStayBoundedWhenCellsDifferInNoise() {
        // cv between 0.75% and 12% per cell: the prior weakens instead of lending a quiet cell's precision to a noisy one
        double rate = falseAlarmRate(GateOptions.defaults(), GateOptions.RECOMMENDED_REPETITIONS, CV, 2, true);
        System.out.printf(Locale.ROOT, "false-alarm rate, heterogeneous noise: %.4f%n", rate);
        assertTrue(rate <= 0.01, "false-alarm rate " + rate);
    }

    @Test
    void defaultsDetectA10PercentSlowdownOfOneCellAmong50WithAtLeast95PercentPower() {
        double p = power(GateOptions.defaults(), GateOptions.RECOMMENDED_REPETITIONS, 0.10, 3);
        System.out.printf(Locale.ROOT, "power, 10%% slowdown, 1 of %d cells, n=%d: %.4f%n", CELLS,
                GateOptions.RECOMMENDED_REPETITIONS, p);
        assertTrue(p >= 0.95, "power " + p);
    }

    @Test
    void fiveIsTheSmallestRepetitionCountThatReaches95PercentPower() {
        double p4 = power(GateOptions.defaults(), GateOptions.RECOMMENDED_REPETITIONS - 1, 0.10, 4);
        System.out.printf(Locale.ROOT, "power, 10%% slowdown, n=%d: %.4f%n", GateOptions.RECOMMENDED_REPETITIONS - 1, p4);
        assertTrue(p4 < 0.95, "power at one repetition fewer " + p4);
    }

    @Test
    void plainWelchAtFiveRepetitionsIsWhyTheDefaultIsModerated() {
        double p = power(GateOptions.defaults().withTest(GateOptions.Test.WELCH), 5, 0.10, 5);
        System.out.printf(Locale.ROOT, "power, plain Welch, n=5: %.4f%n", p);
        assertTrue(p < 0.5, "plain Welch power " + p);
    }
}
