package dev.factortwo.reports.gate;

import dev.factortwo.model.CellAttribute;
import static dev.factortwo.reports.gate.Fixtures.bitwise;
import static dev.factortwo.reports.gate.Fixtures.cell;
import static dev.factortwo.reports.gate.Fixtures.divergent;
import static dev.factortwo.reports.gate.Fixtures.environment;
import static dev.factortwo.reports.gate.Fixtures.key;
import static dev.factortwo.reports.gate.Fixtures.results;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.Environment;
import dev.factortwo.model.ExitCode;
import dev.factortwo.model.Results;
import dev.factortwo.model.json.ResultsCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest {

    static final String[] WORKLOADS = {"train-mlp", "train-cnn", "infer"};
    static final String[] TIERS = {"memory", "local-disk", "hdfs", "s3"};

    @TempDir
    Path dir;

    /** 12 cells, 5 repetitions each, cv 2%; {@code slow} multiplies the candidate's throughput of the first cell. */
    static Results suite(long seed, double slow, UnaryOperator<CellResult> edit) {
        SplitMix64 rng = new SplitMix64(seed);
        List<CellResult> cells = new ArrayList<>();
        for (String w : WORKLOADS) {
            for (String t : TIERS) {
                double mean = 400 + 100 * cells.size();
                double factor = cells.isEmpty() ? slow : 1;
                double acc = w.equals("infer") ? Double.NaN : 0.85;
                cells.add(edit.apply(cell(key(w, t), rng.normal(5, mean * factor, 0.02), acc, bitwise())));
            }
        }
        return results("quick", environment("17.0.13", "2.18.0"), cells);
    }

    static Results suite(long seed) {
        return suite(seed, 1, c -> c);
    }

    @Test
    void twoRunsFromTheSameDistributionPass() {
        for (long seed = 1; seed <= 20; seed++) {
            GateReport r = Gate.compare(suite(seed), suite(seed + 1000), GateOptions.defaults());
            assertEquals(ExitCode.OK, r.exitCode(), () -> new ConsoleTable().render(r));
            assertEquals(0, r.count(Status.WARN), () -> new ConsoleTable().render(r));
        }
    }

    @Test
    void aTwentyPercentSlowdownFails() {
        GateReport r = Gate.compare(suite(1), suite(2, 0.80, c -> c), GateOptions.defaults());
        assertEquals(ExitCode.REGRESSION, r.exitCode());
        List<CheckResult> failed = r.withStatus(Status.FAIL);
        assertEquals(1, failed.size(), () -> new ConsoleTable().render(r));
        CheckResult f = failed.get(0);
        assertEquals(Check.SPEED, f.check());
        assertEquals("train-mlp/fashion-mnist/memory/spark/single/tensorflow/cpu", f.subject());
        assertEquals(0.80, f.numbers().ratio(), 0.03);
        assertTrue(f.numbers().ratioLow() < f.numbers().ratio() && f.numbers().ratio() < f.numbers().ratioHigh());
        assertTrue(f.numbers().adjustedPValue() < 0.01, f.message());
    }

    @Test
    void aSignificantSlowdownWithinTheLimitPasses() {
        GateReport r = Gate.compare(suite(1), suite(2, 0.97, c -> c), GateOptions.defaults());
        CheckResult speed = r.checks().stream().filter(c -> c.check() == Check.SPEED).findFirst().orElseThrow();
        assertTrue(speed.status() == Status.PASS, speed.message());
        assertEquals(ExitCode.OK, r.exitCode());
    }

    @Test
    void mannWhitneyWarnsWhenTooFewRepetitionsCanEverBeSignificant() {
        Results b = suite(1, 1, c -> Fixtures.cell(c.key(), c.samplesPerSecond().values().subList(0, 2).stream()
                .mapToDouble(Double::doubleValue).toArray(), c.testAccuracy(), c.reproducibility()));
        Results c = suite(2, 0.5, x -> Fixtures.cell(x.key(), x.samplesPerSecond().values().subList(0, 2).stream()
                .mapToDouble(Double::doubleValue).toArray(), x.testAccuracy(), x.reproducibility()));
        GateReport r = Gate.compare(b, c, GateOptions.defaults().withTest(GateOptions.Test.MANN_WHITNEY));
        CheckResult first = r.checks().get(1);
        assertEquals(Status.WARN, first.status(), first.message());
        assertTrue(first.message().contains("smallest possible p=0.167"), first.message());
        assertEquals(ExitCode.OK, r.exitCode());
    }

    @Test
    void welchNeedsTwoRepetitionsPerSide() {
        Results b = suite(1, 1, c -> Fixtures.cell(c.key(), new double[] {c.samplesPerSecond().mean()}, c.testAccuracy(), c.reproducibility()));
        GateReport r = Gate.compare(b, suite(2), GateOptions.defaults().withTest(GateOptions.Test.WELCH));
        CheckResult first = r.checks().get(1);
        assertEquals(Status.WARN, first.status());
        assertTrue(first.message().contains("1 vs 5 samples (Welch needs at least 2 per side)"), first.message());
    }

    @Test
    void accuracyDropBeyondToleranceFails() throws Exception {
        Results c = suite(2, 1, x -> x.key().tier().equals("hdfs") && x.key().workload().equals("train-cnn")
                ? cell(x.key(), x.samplesPerSecond().toArray(), 0.84, x.reproducibility()) : x);
        int code = runOn(suite(1), c);
        assertEquals(2, code);
        assertTrue(out.contains("accuracy dropped: test accuracy 0.8500 -> 0.8400 (-0.0100, limit -0.005)"), out);
        // a drop within tolerance passes
        Results ok = suite(2, 1, x -> x.key().tier().equals("hdfs") && x.key().workload().equals("train-cnn")
                ? cell(x.key(), x.samplesPerSecond().toArray(), 0.846, x.reproducibility()) : x);
        assertEquals(ExitCode.OK, Gate.compare(suite(1), ok, GateOptions.defaults()).exitCode());
    }

    @Test
    void lostReproducibilityFails() throws Exception {
        Results c = suite(2, 1, x -> x.key().tier().equals("s3") && x.key().workload().equals("infer") ? x.withReproducibility(divergent()) : x);
        assertEquals(2, runOn(suite(1), c));
        assertTrue(out.contains("reproducibility lost: repeat divergent (was bitwise, max relative L2 0.0310); "
                + "lost-cached-blocks recomputed-different (was recomputed-identical): lost cached blocks: recomputed, weights differ"), out);
    }

    @Test
    void reproducibilityNoLongerCheckedWarns() {
        Results c = suite(2, 1, x -> x.withReproducibility(null));
        GateReport r = Gate.compare(suite(1), c, GateOptions.defaults());
        assertEquals(12, r.withStatus(Status.WARN).size());
        assertEquals(ExitCode.OK, r.exitCode());
    }

    @Test
    void aMissingCellFailsAndANewCellIsInformation() throws Exception {
        Results b = suite(1);
        Results c = suite(2);
        List<CellResult> cells = new ArrayList<>(c.cells().subList(1, c.cells().size()));
        cells.add(cell(Fixtures.key("train-resnet", "memory"), new double[] {90, 91, 92, 90, 91}, 0.8, null));
        c = results(c.suite(), c.environment(), cells);
        assertEquals(2, runOn(b, c));
        assertTrue(out.contains("FAIL    presence"), out);
        assertTrue(out.contains("missing from the candidate"), out);
        assertTrue(out.contains("INFO    presence         train-resnet/fashion-mnist/memory/spark/single/tensorflow/cpu"), out);
    }

    @Test
    void aCellThatFailedInTheCandidateFails() {
        Results c = suite(2, 1, x -> x.key().tier().equals("memory") ? CellResult.failed(x.key(), x.spec(), "OutOfMemoryError") : x);
        GateReport r = Gate.compare(suite(1), c, GateOptions.defaults());
        assertEquals(3, r.withStatus(Status.FAIL).size());
        assertTrue(r.withStatus(Status.FAIL).get(0).message().contains("OutOfMemoryError"));
    }

    @Test
    void everySpeedRowSaysTheSmallestSlowdownItCouldDetect() {
        GateReport r = Gate.compare(suite(1), suite(2), GateOptions.defaults().withTest(GateOptions.Test.WELCH));
        List<CheckResult> speed = r.checks().stream().filter(c -> c.check() == Check.SPEED).toList();
        assertFalse(speed.isEmpty());
        for (CheckResult c : speed) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("detects (\\d+\\.\\d)%\\+ at 95% power").matcher(c.message());
            assertTrue(m.find(), c.message());
            assertTrue(Double.parseDouble(m.group(1)) > 0, c.message());
        }
    }

    static Results underLoad(Results r, String otherBusyCores, String loadAverage) {
        List<CellResult> cells = new ArrayList<>();
        for (CellResult c : r.cells()) {
            cells.add(new CellResult(c.key(), c.spec(), c.status(), c.error(), c.repetitions(), c.samplesPerSecond(), c.inputSeconds(),
                    c.computeSeconds(), c.acceleratorUtilization(), c.bytesRead(), c.fingerprint(), c.testAccuracy(), c.latency(),
                    c.reproducibility(), c.io(), c.notes(), java.util.Map.of(CellAttribute.OTHER_BUSY_CORES.key(), otherBusyCores, CellAttribute.LOAD_AVERAGE.key(), loadAverage)));
        }
        return results(r.suite(), r.environment(), cells);
    }

    @Test
    void aBaselineAndCandidateMeasuredUnderDifferentLoadWarn() {
        // the case: the baseline ran while another build loaded the machine, the candidate on a quiet one
        Results busy = underLoad(suite(1), "1.60,1.80,1.70", "5.1,5.3,5.2");
        Results quiet = underLoad(suite(2), "0.10,0.20,0.15", "0.9,1.0,1.1");
        CheckResult load = Gate.compare(busy, quiet, GateOptions.defaults()).checks().get(1);
        assertEquals(Status.WARN, load.status());
        assertEquals("machine load differs: other processes kept 1.70 cores busy and steal took 0.00 during the baseline, 0.15 and 0.00"
                + " during the candidate (load average 5.2 vs 1.0); speed differences may come from the load alone (measure both in one"
                + " job: see the README's CI section)", load.message());
        CheckResult same = Gate.compare(quiet, underLoad(suite(2), "0.30,0.20,0.25", "1.2,1.0,1.1"), GateOptions.defaults()).checks().get(1);
        assertEquals(Status.PASS, same.status());
        assertTrue(same.message().startsWith("similar load"), same.message());
        assertTrue(Gate.compare(suite(1), suite(2), GateOptions.defaults()).checks().stream().noneMatch(c -> c.subject().equals("(machine load)")),
                "no row when the runs recorded no load");
    }

    @Test
    void anotherEnvironmentIsRefusedUnlessTheChangeIsAllowed() {
        Results c = suite(2);
        c = results(c.suite(), environment("21.0.5", "2.18.0"), c.cells());
        GateReport refused = Gate.compare(suite(1), c, GateOptions.defaults());
        CheckResult env = refused.checks().get(0);
        assertEquals(Status.FAIL, env.status());
        assertEquals("environment differs: JDK 17 -> 21; refused: measure the baseline in this environment, or pass "
                + "--allow-environment-change", env.message());
        assertEquals(ExitCode.REGRESSION, refused.exitCode());
        GateReport allowed = Gate.compare(suite(1), c, GateOptions.defaults().withStrictEnvironment(false));
        assertEquals(Status.WARN, allowed.checks().get(0).status());
        assertEquals(ExitCode.OK, allowed.exitCode());
        assertEquals("same device cpu, JDK 17, TensorFlow 2.18.0, CPU AMD EPYC 7B13, cores 2, memory 8 GiB, Spark 4.1.0, Hadoop 3.4.2",
                Gate.compare(suite(1), suite(2), GateOptions.defaults()).checks().get(0).message());
    }

    @Test
    void aBaselineFromAnotherCpuCoreCountMemoryOrMasterIsRefusedWithEveryDifferenceListed() {
        // the committed baseline came from an AMD EPYC; an Intel Xeon with AVX-512 gave the CNN other bits (oneDNN kernels)
        Environment amd = Fixtures.environment("17.0.15", "2.18.0");
        Environment intel = new Environment(amd.jdk(), amd.os(), "Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz", 4, (16L << 30) - 200_000_000L,
                amd.gpu(), amd.tensorflowVersion(), amd.sparkVersion(), amd.hadoopVersion(), 2, 1, amd.onednn(), amd.gitCommit(), false,
                java.util.Map.of("sparkMaster", "local[4]"));
        Environment amdOnLocal2 = new Environment(amd.jdk(), amd.os(), amd.cpuModel(), amd.cores(), amd.memoryBytes(), amd.gpu(),
                amd.tensorflowVersion(), amd.sparkVersion(), amd.hadoopVersion(), 2, 1, amd.onednn(), amd.gitCommit(), false,
                java.util.Map.of("sparkMaster", "local[2,4]"));
        Results b = results("quick", amdOnLocal2, suite(1).cells());
        Results c = results("quick", intel, suite(2).cells());
        CheckResult env = Gate.compare(b, c, GateOptions.defaults()).checks().get(0);
        assertEquals(Status.FAIL, env.status());
        assertEquals("environment differs: CPU AMD EPYC 7B13 -> Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz; cores 2 -> 4; "
                + "memory 8 GiB -> 16 GiB; Spark master local[2,4] -> local[4]; refused: measure the baseline in this environment, "
                + "or pass --allow-environment-change", env.message());
        // the same machine after a reboot (a few MB of memory less) is the same environment
        Environment rebooted = new Environment(amd.jdk(), amd.os(), amd.cpuModel(), amd.cores(), amd.memoryBytes() - 50_000_000L, amd.gpu(),
                amd.tensorflowVersion(), amd.sparkVersion(), amd.hadoopVersion(), 2, 1, amd.onednn(), amd.gitCommit(), false,
                java.util.Map.of("sparkMaster", "local[2,4]"));
        assertEquals(Status.PASS, Gate.compare(b, results("quick", rebooted, suite(2).cells()), GateOptions.defaults()).checks().get(0).status());
    }

    @Test
    void aCandidateFromAnotherSuiteIsBadInput() throws Exception {
        Results c = suite(2);
        Results other = results("full", c.environment(), c.cells());
        assertThrows(GateInputException.class, () -> Gate.compare(suite(1), other, GateOptions.defaults()));
        assertEquals(1, runOn(suite(1), other));
        assertTrue(out.startsWith("gate: " + dir.resolve("candidate.json") + ": candidate is from suite 'full' but the baseline "
                + dir.resolve("baseline.json") + " is from suite 'quick'"), out);
    }

    @Test
    void badFilesExitOneNamingTheFileAndTheProblem() throws Exception {
        Path base = dir.resolve("baseline.json");
        ResultsCodec.write(suite(1), base);
        String good = Files.readString(base);
        assertBad(good.substring(0, good.length() / 2), "not valid JSON (truncated?) at line");
        assertBad("", "empty file");
        assertBad(good.replace("factortwo/results/v1", "factortwo/results/v9"), "unknown schema 'factortwo/results/v9'");
        assertBad("[1, 2]", "not JMH results");
        int code = Gate.run(base, dir.resolve("nope.json"), GateOptions.defaults(), Optional.empty(), Optional.empty(), console());
        assertEquals(1, code);
        assertTrue(out().contains(dir.resolve("nope.json") + ": no such file"), out());
    }

    @Test
    void resultsAgainstJmhIsBadInput() throws Exception {
        Path base = dir.resolve("baseline.json");
        ResultsCodec.write(suite(1), base);
        Path jmh = Path.of("src/test/resources/jmh/baseline.json");
        assertEquals(1, Gate.run(base, jmh, GateOptions.defaults(), Optional.empty(), Optional.empty(), console()));
        assertTrue(out().contains("is a JMH results file but the baseline"), out());
    }

    @Test
    void runWritesJUnitAndMarkdown() throws Exception {
        Path junit = dir.resolve("out/gate.xml"), md = dir.resolve("out/gate.md");
        Path b = dir.resolve("b.json"), c = dir.resolve("c.json");
        ResultsCodec.write(suite(1), b);
        ResultsCodec.write(suite(2, 0.8, x -> x), c);
        assertEquals(2, Gate.run(b, c, GateOptions.defaults(), Optional.of(junit), Optional.of(md), console()));
        String xml = Files.readString(junit);
        assertTrue(xml.contains("<failure message=\"regression: "), xml);
        assertTrue(Files.readString(md).startsWith("## factortwo gate: ❌ FAIL: 1 failed"));
    }

    private void assertBad(String candidateText, String problem) throws Exception {
        Path base = dir.resolve("baseline.json");
        Path cand = dir.resolve("candidate.json");
        Files.writeString(cand, candidateText);
        buffer.reset();
        int code = Gate.run(base, cand, GateOptions.defaults(), Optional.empty(), Optional.empty(), console());
        assertEquals(1, code, out());
        assertTrue(out().startsWith("gate: " + cand + ": "), out());
        assertTrue(out().contains(problem), out());
        assertTrue(!out().contains("Exception"), out());
    }

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private String out;

    private PrintStream console() {
        buffer.reset();
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    private String out() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private int runOn(Results b, Results c) {
        Path bp = dir.resolve("baseline.json"), cp = dir.resolve("candidate.json");
        ResultsCodec.write(b, bp);
        ResultsCodec.write(c, cp);
        int code = Gate.run(bp, cp, GateOptions.defaults(), Optional.empty(), Optional.empty(), console());
        out = out();
        return code;
    }
}
