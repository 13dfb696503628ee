package dev.factortwo.harness.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Environment;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Results;
import dev.factortwo.model.stats.Statistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repetitions of all cells interleaved in a seeded order; repetitions added until the interval is tight. No Spark. */
class SuiteRunnerTest {

    @TempDir
    Path dir;

    /** A cell whose throughput values are scripted; it logs every measurement into a shared journal. */
    static class Scripted implements CellMeasurement {
        final CellSpec spec;
        final double[] speeds;
        final List<String> journal;
        final MeasurementPolicy policy;
        final List<Double> measured = new ArrayList<>();
        boolean closed;
        final boolean failOnSecond;

        Scripted(CellSpec spec, double[] speeds, List<String> journal, MeasurementPolicy policy, boolean failOnSecond) {
            this.spec = spec;
            this.speeds = speeds;
            this.journal = journal;
            this.policy = policy;
            this.failOnSecond = failOnSecond;
        }

        @Override public CellSpec spec() { return spec; }
        @Override public void warmUp() { journal.add("warm " + spec.key().tier()); }
        @Override public void measureOne(int position) {
            if (failOnSecond && measured.size() == 1) throw new IllegalStateException("boom");
            journal.add(spec.key().tier());
            measured.add(speeds[Math.min(measured.size(), speeds.length - 1)]);
        }
        @Override public int measured() { return measured.size(); }
        @Override public boolean enough() { return policy.enough(spec.repetitions(), measured, walls()); }
        List<Double> walls() { return measured.stream().map(x -> 1000 / x).toList(); }
        @Override public CellResult finish() {
            List<Repetition> reps = new ArrayList<>();
            for (int i = 0; i < measured.size(); i++) reps.add(new Repetition(i, 1000, 1000 / measured.get(i), measured.get(i), 0, 0, 0, "sha256:0", 0.9));
            double[] v = measured.stream().mapToDouble(Double::doubleValue).toArray();
            return new CellResult(spec.key(), spec, CellResult.Status.OK, null, reps, Statistics.standard().summarize(v, 0.95), 0, 0, 0, 0,
                    "sha256:0", 0.9, null, null, List.of(), List.of(), Map.of("stop", policy.stopReason(spec.repetitions(), measured, walls())));
        }
        @Override public void close() { closed = true; }
    }

    static CellSpec spec(String tier, int reps) {
        return new CellSpec(new CellKey("train-mlp", "synthetic", tier, "local", "model-averaging", "tensorflow", "cpu"),
                42, 1, 64, 0.03, 2, 100, 10, reps, 5, 0);
    }

    private Results run(List<CellSpec> cells, Function<CellSpec, CellMeasurement> open, long seed, Path out) {
        Environment env = new Environment("17", "linux", "cpu", 2, 1, "none", "tf", "spark", "hadoop", 2, 1, "on", "abc", false, Map.of());
        return new SuiteRunner(Progress.silent()).runInterleaved("t", cells, out, env, Map.of(), open, CellSpec::id, seed);
    }

    @Test
    void repetitionsOfAllCellsAreInterleavedInASeededOrder() {
        MeasurementPolicy fixed = new MeasurementPolicy(0, 0, 0, 1);
        List<CellSpec> cells = List.of(spec("memory", 4), spec("local-disk", 4), spec("hdfs", 4), spec("s3", 4));
        List<String> a = new ArrayList<>(), b = new ArrayList<>(), c = new ArrayList<>();
        run(cells, s -> new Scripted(s, new double[] {100}, a, fixed, false), 1, dir.resolve("a"));
        run(cells, s -> new Scripted(s, new double[] {100}, b, fixed, false), 1, dir.resolve("b"));
        run(cells, s -> new Scripted(s, new double[] {100}, c, fixed, false), 2, dir.resolve("c"));
        // every cell is warmed up first, then each pass measures every cell once
        assertEquals(List.of("warm memory", "warm local-disk", "warm hdfs", "warm s3"), a.subList(0, 4));
        List<String> measured = a.subList(4, a.size());
        assertEquals(16, measured.size());
        for (int pass = 0; pass < 4; pass++) {
            assertEquals(List.of("hdfs", "local-disk", "memory", "s3"), measured.subList(pass * 4, pass * 4 + 4).stream().sorted().toList());
        }
        assertEquals(a, b, "the same seed gives the same order");
        assertNotEquals(a, c, "another seed gives another order");
        assertFalse(measured.subList(0, 4).equals(measured.subList(4, 8)) && measured.subList(4, 8).equals(measured.subList(8, 12))
                && measured.subList(8, 12).equals(measured.subList(12, 16)), "the order is reshuffled between passes");
    }

    @Test
    void cellsMeasuredInOneSeriesArePairedAndNotWithAnotherRunsOrAResumedOnes() {
        MeasurementPolicy fixed = new MeasurementPolicy(0, 0, 0, 1);
        List<CellSpec> cells = List.of(spec("memory", 3), spec("hdfs", 3));
        List<String> journal = new ArrayList<>();
        Results a = run(cells, s -> new Scripted(s, new double[] {100}, journal, fixed, false), 1, dir.resolve("a"));
        Results b = run(cells, s -> new Scripted(s, new double[] {100}, journal, fixed, false), 1, dir.resolve("b"));
        assertTrue(dev.factortwo.model.analysis.Pairing.paired(a.cells()), "one run is one series: " + a.cells());
        assertFalse(dev.factortwo.model.analysis.Pairing.paired(a.cells().get(0), b.cells().get(0)), "two runs are two series");
        // a run resumed after a crash: the cell measured before it keeps its own series, the rest get a new one
        Path resumed = dir.resolve("c");
        run(List.of(cells.get(0)), s -> new Scripted(s, new double[] {100}, journal, fixed, false), 1, resumed);
        Results c = run(cells, s -> new Scripted(s, new double[] {100}, journal, fixed, false), 1, resumed);
        assertEquals(2, c.cells().size());
        assertFalse(dev.factortwo.model.analysis.Pairing.paired(c.cells()), "measured in two series: " + c.cells());
    }

    @Test
    void warmUpPassesRunOverEveryCellUnmeasuredBeforeTheMeasuredPasses() {
        MeasurementPolicy fixed = new MeasurementPolicy(0, 0, 0, 1);
        List<CellSpec> cells = List.of(spec("memory", 2), spec("local-disk", 2), spec("hdfs", 2));
        List<String> journal = new ArrayList<>();
        Environment env = new Environment("17", "linux", "cpu", 2, 1, "none", "tf", "spark", "hadoop", 2, 1, "on", "abc", false, Map.of());
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        Results r = new SuiteRunner(Progress.plain(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8)))
                .withWarmupPasses(2).runInterleaved("t", cells, dir, env, Map.of(),
                s -> new Scripted(s, new double[] {100}, journal, fixed, false), CellSpec::id, 1);
        String printed = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.matches("(?s).*time by phase: set-up and first warm-up \\d+s, warm-up passes \\d+s, measured passes \\d+s,"
                + " faults and results \\d+s \\(total \\d+s\\).*"), printed);
        for (var c : r.cells()) {
            assertTrue(Double.parseDouble(c.attributes().get(SuiteRunner.FIRST_WARM_UP_SECONDS)) >= 0, c.attributes().toString());
            assertTrue(Double.parseDouble(c.attributes().get(SuiteRunner.FINISH_SECONDS)) >= 0, c.attributes().toString());
        }
        // each cell's own warm-up at opening, then 2 passes over all three, then 2 measured passes
        assertEquals(9, journal.subList(0, 9).stream().filter(x -> x.startsWith("warm ")).count(), journal.toString());
        for (int pass = 1; pass <= 2; pass++) {
            assertEquals(List.of("warm hdfs", "warm local-disk", "warm memory"), journal.subList(pass * 3, pass * 3 + 3).stream().sorted().toList());
        }
        assertEquals(6, journal.subList(9, journal.size()).size());
        assertTrue(journal.subList(9, journal.size()).stream().noneMatch(x -> x.startsWith("warm ")), journal.toString());
        assertTrue(r.cells().stream().allMatch(c -> c.repetitions().size() == 2), "warm-up passes are not measured");
        assertThrows(IllegalArgumentException.class, () -> new SuiteRunner(Progress.silent()).withWarmupPasses(-1));
    }

    @Test
    void aCellWhoseWarmUpTookLongSitsTheRemainingWarmUpPassesOut() {
        MeasurementPolicy fixed = new MeasurementPolicy(0, 0, 0, 1);
        List<CellSpec> cells = List.of(spec("memory", 1), spec("hdfs", 1));
        List<String> journal = new ArrayList<>();
        Environment env = new Environment("17", "linux", "cpu", 2, 1, "none", "tf", "spark", "hadoop", 2, 1, "on", "abc", false, Map.of());
        new SuiteRunner(Progress.silent()).withWarmupPasses(3).withLongWarmupSeconds(0.05).runInterleaved("t", cells, dir, env, Map.of(),
                s -> new Scripted(s, new double[] {100}, journal, fixed, false) {
                    @Override public void warmUp() {
                        super.warmUp();
                        if (s.key().tier().equals("hdfs")) java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // a long pass
                    }
                }, CellSpec::id, 1);
        assertEquals(4, journal.stream().filter("warm memory"::equals).count(), "the short cell: its own warm-up and 3 passes " + journal);
        assertEquals(1, journal.stream().filter("warm hdfs"::equals).count(), "the long cell is warm after one: " + journal);
        assertEquals(2, journal.stream().filter(x -> !x.startsWith("warm ")).count(), "both measured: " + journal);
    }

    @Test
    void addedRepetitionsStopWhenTheyWouldTakeLongerThanTheAskedOnes() {
        MeasurementPolicy budget = new MeasurementPolicy(0, 0.05, 10, 1, 1.0);
        java.util.function.Function<double[], List<Double>> l = a -> java.util.Arrays.stream(a).boxed().toList();
        List<Double> noisy = l.apply(new double[] {100, 140, 70, 120, 80, 130});
        // two asked repetitions of 60 s: added ones may take 120 s, so two are added, not eight
        assertTrue(!budget.enough(2, noisy.subList(0, 3), l.apply(new double[] {60, 60, 60})), "60 s added, 60 more fit in 120");
        assertTrue(budget.enough(2, noisy.subList(0, 4), l.apply(new double[] {60, 60, 60, 60})), "120 s added: one more would pass 120");
        String why = budget.stopReason(2, noisy.subList(0, 4), l.apply(new double[] {60, 60, 60, 60}));
        assertTrue(why.startsWith("time for added repetitions spent (2 beyond the 2 asked, 120 s of at most 120 s)"), why);
        // short repetitions: at least 30 s for added ones, however short the asked ones were
        assertTrue(!budget.enough(2, noisy, l.apply(new double[] {1, 1, 1, 1, 1, 1})), "4 s added of at least 30");
        // without a budget only the cap stops a noisy cell
        assertTrue(!new MeasurementPolicy(0, 0.05, 10, 1).enough(2, noisy.subList(0, 4), l.apply(new double[] {60, 60, 60, 60})));
        assertTrue(budget.stopReason(2, noisy.subList(0, 2), l.apply(new double[] {60, 60})).startsWith("2 repetitions as asked"));
    }

    @Test
    void noisyCellsGetRepetitionsUntilTheIntervalIsTightOrTheCapIsReached() {
        MeasurementPolicy policy = new MeasurementPolicy(0, 0.05, 8, 1);
        List<String> journal = new ArrayList<>();
        double[] quiet = {100, 101, 99, 100, 100};
        double[] noisy = {100, 140, 70, 120, 80, 130, 75, 110};
        Results r = run(List.of(spec("memory", 3), spec("s3", 3)), s -> new Scripted(s,
                s.key().tier().equals("memory") ? quiet : noisy, journal, policy, false), 3, dir);
        CellResult q = r.cells().stream().filter(x -> x.key().tier().equals("memory")).findFirst().orElseThrow();
        CellResult n = r.cells().stream().filter(x -> x.key().tier().equals("s3")).findFirst().orElseThrow();
        assertEquals(3, q.repetitions().size());
        assertTrue(q.attributes().get("stop").startsWith("interval within +/-5% after 3"), q.attributes().get("stop"));
        assertEquals(8, n.repetitions().size());
        assertTrue(n.attributes().get("stop").startsWith("cap of 8 repetitions reached"), n.attributes().get("stop"));
        assertTrue(n.samplesPerSecond().relativeHalfWidth() > 0.05);
    }

    @Test
    void aCellThatFailsIsRecordedAndTheOthersGoOn() {
        MeasurementPolicy fixed = new MeasurementPolicy(0, 0, 0, 1);
        List<String> journal = new ArrayList<>();
        List<Scripted> opened = new ArrayList<>();
        Results r = run(List.of(spec("memory", 3), spec("s3", 3)), s -> {
            Scripted x = new Scripted(s, new double[] {100}, journal, fixed, s.key().tier().equals("s3"));
            opened.add(x);
            return x;
        }, 1, dir);
        assertEquals(2, r.cells().size());
        assertEquals(1, r.cells().stream().filter(c -> !c.ok() && c.error().contains("boom")).count());
        assertEquals(3, r.cells().stream().filter(CellResult::ok).findFirst().orElseThrow().repetitions().size());
        assertTrue(opened.stream().allMatch(x -> x.closed), "every opened cell is closed");
    }
}
