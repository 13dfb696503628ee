package dev.factortwo.model.analysis;

import dev.factortwo.model.CellAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.Summary;
import dev.factortwo.model.analysis.PriceOfReproducibility.Kind;
import dev.factortwo.model.stats.Statistics;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceOfReproducibilityTest {

    static final Reproducibility BITWISE = new Reproducibility(Reproducibility.Verdict.BITWISE, 3, 0, 0,
            List.of(new FaultOutcome("lost-cached-blocks", FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, 2.0, 0, "sha256:aa", "ok",
                    Map.of("blocksRemoved", 2L, "bytesReread", 4096L, "restarts", 0L), null)),
            true, "identical");
    /** Bit-identical repeats and no fault injected: repeatable, not recomputable (a run with --faults none). */
    private static final Reproducibility REPEATS_ONLY = new Reproducibility(Reproducibility.Verdict.BITWISE, 3, 0, 0, List.of(), true, "identical");
    /** An identical result after a fault whose evidence is all zeros: it hit nothing, so it proves nothing. */
    private static final Reproducibility IDENTICAL_NO_HIT = new Reproducibility(Reproducibility.Verdict.BITWISE, 3, 0, 0,
            List.of(new FaultOutcome("task-failure", FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, 0.1, 0, "sha256:aa", "ok",
                    Map.of("failedTaskAttempts", 0L, "restarts", 0L, "bytesReread", 0L), null)),
            true, "identical");
    static final Reproducibility DIVERGENT = new Reproducibility(Reproducibility.Verdict.DIVERGENT, 3, 0.02, 1e-6,
            List.of(), false, "differs");
    private static final Reproducibility BITWISE_BUT_FAULT_DIFFERENT = new Reproducibility(Reproducibility.Verdict.BITWISE, 3, 0, 0,
            List.of(new FaultOutcome("local-state-loss", FaultOutcome.Outcome.RECOMPUTED_DIFFERENT, 4.0, 0, "sha256:bb", "differs")),
            false, "fault changed the result");
    private static final Reproducibility NOT_CHECKED = new Reproducibility(Reproducibility.Verdict.NOT_CHECKED, 1, 0, 0,
            List.of(), false, "single run");

    static CellResult cell(String workload, String tier, Reproducibility r, double... samplesPerSecond) {
        CellKey key = new CellKey(workload, "fashion-mnist", tier, "spark", "single", "tensorflow", "cpu");
        CellSpec spec = new CellSpec(key, 7, 1, 64, 0.1, 1, 0, 0, samplesPerSecond.length, 0, 0);
        Summary s = Statistics.standard().summarize(samplesPerSecond, 0.95);
        return new CellResult(key, spec, CellResult.Status.OK, null, List.of(), s, 1, 1, 0.5, 0, "sha256:00",
                0.8, null, r, List.of(), List.of(), Map.of());
    }

    @Test
    void priceIsTheRatioOfFastestToFastestReproducibleWithFiellerInterval() {
        // fastest: mean 200, sample variance 100 over n=3, so var(mean) = 100/3;
        // fastest reproducible: constant 100, so var(mean) = 0 and Welch df = n - 1 = 2, t(0.975, 2) = 4.302653.
        // Fieller with var(denominator) = 0 reduces to (mean_a -/+ t * sqrt(var_a / n)) / mean_b
        //   = (200 -/+ 4.302653 * 5.773503) / 100 = [1.7516, 2.2484].
        CellResult fast = cell("train-cnn", "memory", DIVERGENT, 190, 200, 210);
        CellResult repro = cell("train-cnn", "hdfs", BITWISE, 100, 100, 100);
        CellResult slowRepro = cell("train-cnn", "s3", BITWISE, 50, 50, 50);
        PriceOfReproducibility p = PriceOfReproducibility.of("train-cnn", List.of(slowRepro, fast, repro));

        assertEquals(Kind.PRICED, p.kind());
        assertSame(fast, p.fastest());
        assertSame(repro, p.fastestReproducible());
        assertEquals(2.0, p.price().estimate(), 1e-12);
        assertEquals(1.7516, p.price().low(), 1e-4);
        assertEquals(2.2484, p.price().high(), 1e-4);
        assertEquals(3, p.cells());
        assertEquals(3, p.checked());
        // half-width 0.2484 around 2.00: no number of repetitions separates an estimate of exactly 2 from 2
        assertEquals("reproducibility costs 2.00x [1.75, 2.25] in samples/s here: inconclusive: the interval includes "
                + "Bottou's factor of two (at this estimate no number of repetitions would settle it)", p.sentence());
    }

    @Test
    void aTightPriceBelowTwoSaysLessThanBottou() {
        CellResult fast = cell("train-mlp", "memory", DIVERGENT, 1300, 1300, 1300);
        CellResult repro = cell("train-mlp", "local-disk", BITWISE, 1000, 1000, 1000);
        PriceOfReproducibility p = PriceOfReproducibility.of("train-mlp", List.of(fast, repro));

        assertEquals(1.3, p.price().estimate(), 1e-12);
        assertEquals("reproducibility costs 1.30x in samples/s here: less than Bottou's factor of two", p.sentence());
    }

    @Test
    void aPriceAboveTwoSaysMoreThanBottou() {
        CellResult fast = cell("infer", "memory", DIVERGENT, 3000, 3000, 3000);
        CellResult repro = cell("infer", "s3", BITWISE, 1000, 1000, 1000);
        PriceOfReproducibility p = PriceOfReproducibility.of("infer", List.of(fast, repro));

        assertEquals(3.0, p.price().estimate(), 1e-12);
        assertTrue(p.sentence().endsWith("here: more than Bottou's factor of two"), p.sentence());
    }

    @Test
    void aPriceWhoseIntervalIncludesOneButReachesAboveTheFreeBoundIsLessThanTwoNotFree() {
        // means 105 and 100; both variances 25 with n=3 give an interval around 1.05 that includes 1.
        CellResult fast = cell("infer", "memory", DIVERGENT, 100, 105, 110);
        CellResult repro = cell("infer", "hdfs", BITWISE, 95, 100, 105);
        PriceOfReproducibility p = PriceOfReproducibility.of("infer", List.of(fast, repro));

        assertEquals(1.05, p.price().estimate(), 1e-12);
        assertTrue(p.price().low() < 1.0 && p.price().high() < 2.0, p.price().toString());
        assertTrue(p.price().high() > PriceOfReproducibility.FREE_BOUND, p.price().toString());
        assertTrue(p.sentence().endsWith("here, not shown to cost anything (the interval reaches 1.00x): less than Bottou's factor of two"),
                p.sentence());
    }

    @Test
    void fastestCellReproducibleMeansPriceOne() {
        CellResult fast = cell("train-mlp", "memory", BITWISE, 900, 950, 1000);
        CellResult slow = cell("train-mlp", "s3", DIVERGENT, 500, 510, 520);
        PriceOfReproducibility p = PriceOfReproducibility.of("train-mlp", List.of(slow, fast));

        assertEquals(Kind.FREE, p.kind());
        assertSame(fast, p.fastest());
        assertSame(fast, p.fastestReproducible());
        assertEquals(1.0, p.price().estimate());
        assertEquals(1.0, p.price().low());
        assertEquals(1.0, p.price().high());
        assertTrue(p.sentence().startsWith("reproducibility is free here"), p.sentence());
    }

    @Test
    void noReproducibleCellHasNoPrice() {
        CellResult a = cell("train-cnn", "memory", DIVERGENT, 300, 310, 320);
        CellResult b = cell("train-cnn", "hdfs", BITWISE_BUT_FAULT_DIFFERENT, 200, 200, 200);
        CellResult c = cell("train-cnn", "s3", NOT_CHECKED, 100);
        PriceOfReproducibility p = PriceOfReproducibility.of("train-cnn", List.of(a, b, c));

        assertEquals(Kind.NONE_REPRODUCIBLE, p.kind());
        assertFalse(p.known());
        assertSame(a, p.fastest());
        assertNull(p.fastestReproducible());
        assertEquals(2, p.checked());
        assertEquals("no configuration gave a result that can be recomputed (1 of 3 not checked): "
                + "reproducibility is not available here at any speed", p.sentence());
    }

    @Test
    void theIntervalCoversWhichConfigurationIsFastestSoTwoRunsAgreeInWords() {
        // two runs of one commit: a recomputable and a non-recomputable configuration within noise of each other, the
        // recomputable one fastest in the first run, the other in the second
        CellResult reproFirst = cell("train-mlp", "memory", BITWISE, 100, 80, 120);
        CellResult otherFirst = cell("train-mlp", "hdfs", DIVERGENT, 98, 78, 118);
        PriceOfReproducibility first = PriceOfReproducibility.of("train-mlp", List.of(reproFirst, otherFirst));
        assertEquals(Kind.FREE, first.kind());
        assertEquals(1.0, first.price().estimate(), 1e-12);
        assertEquals(1.0, first.price().low(), 1e-12);
        assertTrue(first.price().high() > PriceOfReproducibility.FREE_BOUND,
                "the runner-up could as well have been fastest: " + first.price());
        assertFalse(first.sentence().contains("free"), first.sentence());

        CellResult reproSecond = cell("train-mlp", "memory", BITWISE, 98, 78, 118);
        CellResult otherSecond = cell("train-mlp", "hdfs", DIVERGENT, 100, 80, 120);
        PriceOfReproducibility second = PriceOfReproducibility.of("train-mlp", List.of(reproSecond, otherSecond));
        assertEquals(Kind.PRICED, second.kind());
        assertFalse(second.sentence().contains("free"), second.sentence());
        assertTrue(first.sentence().endsWith("less than Bottou's factor of two") && second.sentence().endsWith("less than Bottou's factor of two"),
                first.sentence() + " / " + second.sentence());

        // clearly ahead, the recomputable configuration is free with an interval that says so
        CellResult clear = cell("train-mlp", "memory", BITWISE, 200, 201, 202);
        PriceOfReproducibility free = PriceOfReproducibility.of("train-mlp", List.of(clear, otherFirst));
        assertTrue(free.price().high() < PriceOfReproducibility.FREE_BOUND, free.price().toString());
        assertTrue(free.sentence().startsWith("reproducibility is free here"), free.sentence());
    }

    @Test
    void repeatableIsNotRecomputableWithoutAFault() {
        // --strategies model-averaging,local-sgd-end --states local --faults none: local-sgd-end is the fastest and
        // bit-identical on repeats, but no fault tested it, so it must never be named the fastest recomputable one
        CellResult sgd = cell("train-mlp", "memory", REPEATS_ONLY, 300, 305, 310);
        CellResult avg = cell("train-mlp", "memory", REPEATS_ONLY, 200, 205, 210);
        PriceOfReproducibility p = PriceOfReproducibility.of("train-mlp", List.of(sgd, avg));
        assertEquals(Kind.NOT_FAULT_TESTED, p.kind());
        assertNull(p.fastestReproducible());
        assertNull(p.price());
        assertFalse(p.sentence().contains("free"), p.sentence());
        assertTrue(p.sentence().startsWith("2 of 2 configurations are repeatable") && p.sentence().endsWith("add --faults to price recomputation"),
                p.sentence());

        // with one configuration tested against a fault, only that one can stand on the recomputable side
        CellResult tested = cell("train-mlp", "hdfs", BITWISE, 100, 101, 102);
        PriceOfReproducibility q = PriceOfReproducibility.of("train-mlp", List.of(sgd, avg, tested));
        assertEquals(Kind.PRICED, q.kind());
        assertSame(tested, q.fastestReproducible());
        assertSame(sgd, q.fastest());
    }

    @Test
    void anIdenticalResultAfterAFaultThatHitNothingIsNotRecomputable() {
        CellResult noHit = cell("infer", "memory", IDENTICAL_NO_HIT, 300, 301, 302);
        CellResult tested = cell("infer", "hdfs", BITWISE, 100, 101, 102);
        assertFalse(IDENTICAL_NO_HIT.recomputable(), "evidence is judged by its values: all zeros show no hit");
        assertTrue(IDENTICAL_NO_HIT.repeatable());
        PriceOfReproducibility p = PriceOfReproducibility.of("infer", List.of(noHit, tested));
        assertSame(tested, p.fastestReproducible());
        assertEquals(Kind.PRICED, p.kind());
    }

    @Test
    void noCheckedCellSaysUnknown() {
        CellResult a = cell("infer", "memory", NOT_CHECKED, 300);
        CellResult b = cell("infer", "hdfs", null, 200);
        PriceOfReproducibility p = PriceOfReproducibility.of("infer", List.of(a, b));

        assertEquals(Kind.NOT_CHECKED, p.kind());
        assertEquals(0, p.checked());
        assertNull(p.price());
        assertTrue(p.sentence().contains("unknown"), p.sentence());
    }

    @Test
    void failedCellsAreIgnoredAndAllFailedMeansNoResults() {
        CellKey key = new CellKey("train-cnn", "fashion-mnist", "s3", "local", "single", "tensorflow", "cpu");
        CellResult failed = CellResult.failed(key, new CellSpec(key, 1, 1, 64, 0.1, 1, 0, 0, 3, 0, 0), "boom");
        PriceOfReproducibility p = PriceOfReproducibility.of("train-cnn", List.of(failed));
        assertEquals(Kind.NO_RESULTS, p.kind());
        assertNull(p.fastest());

        CellResult ok = cell("train-cnn", "memory", BITWISE, 10, 10, 10);
        assertEquals(Kind.FREE, PriceOfReproducibility.of("train-cnn", List.of(failed, ok)).kind());
    }

    @Test
    void perWorkloadKeepsOrderOfFirstAppearance() {
        List<PriceOfReproducibility> all = PriceOfReproducibility.perWorkload(List.of(
                cell("infer", "memory", BITWISE, 5, 5, 5),
                cell("train-mlp", "memory", DIVERGENT, 9, 9, 9),
                cell("infer", "s3", DIVERGENT, 7, 7, 7),
                cell("train-mlp", "hdfs", BITWISE, 3, 3, 3)));
        assertEquals(List.of("infer", "train-mlp"), all.stream().map(PriceOfReproducibility::workload).toList());
        assertEquals(1.4, all.get(0).price().estimate(), 1e-12);
        assertEquals(3.0, all.get(1).price().estimate(), 1e-12);
    }

    @Test
    void unboundedIntervalIsSaidPlainly() {
        // 100.5 / 50 = 2.01; the denominator spreads so widely over 2 values that Fieller cannot bound it.
        CellResult fast = cell("infer", "memory", DIVERGENT, 100, 101);
        CellResult repro = cell("infer", "hdfs", BITWISE, 1, 99);
        PriceOfReproducibility p = PriceOfReproducibility.of("infer", List.of(fast, repro));
        assertFalse(p.price().bounded(), Arrays.toString(new double[] {p.price().low(), p.price().high()}));
        // so noisy that the recomputable configuration is not significantly slower: a tie, and still no bound
        assertTrue(p.tied());
        assertEquals("the fastest recomputable configuration (hdfs · spark · single · cpu) ties for fastest with memory · spark · "
                + "single · cpu (not significantly slower in samples/s, one-sided Welch t-test at 5%): "
                + "reproducibility costs 2.01x [unbounded] in samples/s here: inconclusive: the interval is unbounded, "
                + "too few or too noisy repetitions to compare with Bottou's factor of two", p.sentence());
    }
    /** A training cell with seconds to the accuracy target per repetition (NaN: not reached) and samples/s. */
    static CellResult timed(String tier, Reproducibility r, double[] seconds, double... samplesPerSecond) {
        CellResult c = cell("train-mlp", tier, r, samplesPerSecond);
        String times = Arrays.stream(seconds).mapToObj(x -> Double.isNaN(x) ? "not reached" : String.valueOf(x))
                .collect(java.util.stream.Collectors.joining(","));
        return new CellResult(c.key(), c.spec(), c.status(), c.error(), c.repetitions(), c.samplesPerSecond(), c.inputSeconds(),
                c.computeSeconds(), c.acceleratorUtilization(), c.bytesRead(), c.fingerprint(), c.testAccuracy(), c.latency(),
                c.reproducibility(), c.io(), c.notes(), Map.of(CellAttribute.TIME_TO_TARGET_BY_REPETITION.key(), times));
    }

    static PriceOfReproducibility timedPrice(double[] fastSeconds, double[] reproSeconds) {
        return PriceOfReproducibility.of("train-mlp", List.of(
                timed("memory", DIVERGENT, fastSeconds, 2000, 2000, 2000),
                timed("hdfs", BITWISE, reproSeconds, 1000, 1000, 1000)));
    }

    @Test
    void trainingIsPricedOnTimeToTheTargetWithThroughputSecond() {
        // repro waits 2.0 s, the fastest 1.6: the headline is 1.25x in time even though samples/s say 2.00x
        PriceOfReproducibility p = timedPrice(new double[] {1.6, 1.6, 1.6}, new double[] {2.0, 2.0, 2.0});
        assertEquals(PriceOfReproducibility.Measure.TIME_TO_TARGET, p.measure());
        assertEquals(1.25, p.price().estimate(), 1e-12);
        assertEquals(2.0, p.throughput().estimate(), 1e-12);
        assertEquals("reproducibility costs 1.25x [1.25, 1.25] in time to the accuracy target here: less than Bottou's factor of two;"
                + " by samples/s 2.00x", p.sentence());
    }

    @Test
    void wordsFollowPlantedIntervalsOnEachSideOfOneAndTwo() {
        // whole interval under the free bound: free
        PriceOfReproducibility free = timedPrice(new double[] {1.0, 1.0, 1.0}, new double[] {1.02, 1.03, 1.04});
        assertTrue(free.price().high() < PriceOfReproducibility.FREE_BOUND, free.price().toString());
        assertTrue(free.sentence().contains("here: free (the whole interval is below 1.10x)"), free.sentence());
        // interval straddling 1 but reaching 1.2: not free, less than two
        PriceOfReproducibility aroundOne = timedPrice(new double[] {1.0, 1.1, 1.2}, new double[] {1.0, 1.1, 1.3});
        assertTrue(aroundOne.price().low() < 1 && aroundOne.price().high() > PriceOfReproducibility.FREE_BOUND
                && aroundOne.price().high() < 2, aroundOne.price().toString());
        assertTrue(aroundOne.sentence().contains("here, not shown to cost anything (the interval reaches 1.00x): less than Bottou's factor of two"),
                aroundOne.sentence());
        // whole interval above 2: more than two
        PriceOfReproducibility above = timedPrice(new double[] {1.0, 1.0, 1.0}, new double[] {2.9, 3.0, 3.1});
        assertTrue(above.price().low() > 2, above.price().toString());
        assertTrue(above.sentence().contains("here: more than Bottou's factor of two"), above.sentence());
        // interval straddling 2 just below it: inconclusive, with how many repetitions would settle it
        PriceOfReproducibility below = timedPrice(new double[] {1.0, 1.0, 1.0}, new double[] {1.5, 1.8, 2.1});
        assertTrue(below.price().low() < 2 && below.price().high() > 2, below.price().toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("inconclusive: the interval includes Bottou's factor of two "
                + "\\(about (\\d+) repetitions, not 3, would settle it\\)").matcher(below.sentence());
        assertTrue(m.find(), below.sentence());
        // estimate 1.8, half-width 4.302653 * sqrt(0.09 / 3) = 0.7452: 3 * (0.7452 / 0.2)^2 = 41.6
        assertEquals(42, Integer.parseInt(m.group(1)), below.sentence());
        // straddling 2 from above
        PriceOfReproducibility over = timedPrice(new double[] {1.0, 1.0, 1.0}, new double[] {1.9, 2.3, 2.7});
        assertTrue(over.price().low() < 2 && over.price().high() > 2, over.price().toString());
        assertTrue(over.sentence().contains("inconclusive"), over.sentence());
    }

    @Test
    void aConfigurationThatNeverReachesTheTargetIsNotReachedNotFast() {
        // the divergent cell is twice as fast by samples/s but missed the target once: it cannot be the fastest
        PriceOfReproducibility p = timedPrice(new double[] {0.5, Double.NaN, 0.5}, new double[] {2.0, 2.0, 2.0});
        assertEquals(Kind.FREE, p.kind());
        assertEquals("hdfs", p.fastest().key().tier());
        assertTrue(p.sentence().contains("(1 of 2 configurations did not reach it: not reached)"), p.sentence());
        // no recomputable configuration reached it: no price
        PriceOfReproducibility none = timedPrice(new double[] {1.0, 1.0, 1.0}, new double[] {Double.NaN, Double.NaN, Double.NaN});
        assertEquals(Kind.NOT_REACHED, none.kind());
        assertNull(none.price());
        assertTrue(none.sentence().startsWith("no recomputable configuration reached the accuracy target"), none.sentence());
    }

    @Test
    void aRecomputableConfigurationNotSignificantlySlowerTiesForFastestAndTheWordsStillFollowTheInterval() {
        // means 105 and 100, sd 5 each over 3 repetitions: one-sided Welch p = 0.14, not significantly slower
        CellResult fast = cell("infer", "memory", DIVERGENT, 100, 105, 110);
        CellResult repro = cell("infer", "hdfs", BITWISE, 95, 100, 105);
        PriceOfReproducibility p = PriceOfReproducibility.of("infer", List.of(fast, repro));

        assertTrue(p.tied());
        assertEquals(Kind.PRICED, p.kind(), "a tie is priced, not free by fiat");
        assertSame(fast, p.fastest());
        assertSame(repro, p.fastestReproducible());
        assertEquals(Fastest.bySamplesPerSecond(List.of(fast, repro)).contains(repro), p.tied(), "the same rule as the fastest column");
        assertEquals(String.format(java.util.Locale.ROOT, "the fastest recomputable configuration (hdfs · spark · single · cpu) ties for "
                + "fastest with memory · spark · single · cpu (not significantly slower in samples/s, one-sided Welch t-test at 5%%): "
                + "reproducibility costs 1.05x [%.2f, %.2f] in samples/s here, not shown to cost anything (the interval reaches 1.00x): "
                + "less than Bottou's factor of two", p.price().low(), p.price().high()), p.sentence());
        assertTrue(p.price().low() <= 1.0, "a tie's interval reaches 1.00x: " + p.price());
        assertTrue(p.price().high() > PriceOfReproducibility.FREE_BOUND, "so the tie is not called free: " + p.price());
    }

    @Test
    void aClearlySlowerRecomputableConfigurationDoesNotTie() {
        CellResult fast = cell("train-cnn", "memory", DIVERGENT, 190, 200, 210);
        CellResult repro = cell("train-cnn", "hdfs", BITWISE, 100, 100, 100);
        PriceOfReproducibility p = PriceOfReproducibility.of("train-cnn", List.of(fast, repro));

        assertFalse(p.tied());
        assertFalse(Fastest.bySamplesPerSecond(List.of(fast, repro)).contains(repro));
        assertTrue(p.sentence().startsWith("reproducibility costs 2.00x"), p.sentence());
        assertFalse(p.sentence().contains("ties"), p.sentence());
    }

    @Test
    void aSingleMeasurementNeverTies() {
        CellResult fast = cell("infer", "memory", DIVERGENT, 100, 105, 110);
        CellResult repro = cell("infer", "hdfs", BITWISE, 104);
        assertFalse(PriceOfReproducibility.of("infer", List.of(fast, repro)).tied());
    }

    @Test
    void onTimeToTheTargetATieIsJudgedOnTimeWhereLowerIsFaster() {
        // times 1.00/1.02/1.04 s and 1.01/1.03/1.05 s: Welch p = 0.29, a tie, and the whole interval is under 1.10: free
        PriceOfReproducibility free = timedPrice(new double[] {1.00, 1.02, 1.04}, new double[] {1.01, 1.03, 1.05});
        assertTrue(free.tied(), free.sentence());
        assertEquals(Kind.PRICED, free.kind());
        assertTrue(free.price().high() < PriceOfReproducibility.FREE_BOUND, free.price().toString());
        assertTrue(free.sentence().startsWith("the fastest recomputable configuration (hdfs · spark · single · cpu) ties for fastest "
                + "with memory · spark · single · cpu (not significantly slower in time to the accuracy target, one-sided Welch t-test at 5%): "
                + "reproducibility costs 1.01x"), free.sentence());
        assertTrue(free.sentence().contains("here, not shown to cost anything (the interval reaches 1.00x): free (the whole interval is below "
                + "1.10x); by samples/s 2.00x"), free.sentence());
        // so noisy that it ties, and its interval includes 2: inconclusive with the repetitions that would settle it, not free
        PriceOfReproducibility noisy = timedPrice(new double[] {1.0, 1.0, 1.0}, new double[] {0.6, 1.6, 2.6});
        assertTrue(noisy.tied(), noisy.sentence());
        assertTrue(noisy.price().low() < 2 && noisy.price().high() > 2, noisy.price().toString());
        assertTrue(noisy.sentence().contains("ties for fastest"), noisy.sentence());
        assertTrue(noisy.sentence().contains("(the interval reaches 1.00x): inconclusive: the interval includes Bottou's factor of two (about "),
                noisy.sentence());
        // the same samples/s but clearly slower in time: no tie, although samples/s would not decide it
        PriceOfReproducibility slower = timedPrice(new double[] {1.00, 1.01, 1.02}, new double[] {1.50, 1.51, 1.52});
        assertFalse(slower.tied(), slower.sentence());
        assertTrue(slower.sentence().startsWith("reproducibility costs 1.50x"), slower.sentence());
    }
}
