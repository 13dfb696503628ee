package dev.factortwo.reports.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.ExitCode;
import dev.factortwo.reports.jmh.JmhBenchmark;
import dev.factortwo.reports.jmh.JmhResultsReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** JMH JSON results (hand-written fixtures in the {@code -rf json} format of JMH 1.37). */
class JmhGateTest {

    static final Path BASE = Path.of("src/test/resources/jmh/baseline.json");
    static final Path CAND = Path.of("src/test/resources/jmh/candidate.json");

    @Test
    void readsEveryModeWithItsDirectionAndPerForkSamples() {
        List<JmhBenchmark> b = JmhResultsReader.read(BASE);
        assertEquals(4, b.size());
        assertEquals("dev.factortwo.benchmarks.ShardReadBenchmark.readShard:thrpt(shardKiB=64)", b.get(0).key());
        assertTrue(b.get(0).higherIsBetter());
        assertEquals("dev.factortwo.benchmarks.IdxDecodeBenchmark.decodeBatch:avgt", b.get(2).key());
        assertTrue(!b.get(2).higherIsBetter());
        assertEquals(5, b.get(0).samples().length, "one sample per fork");
        // the mean of the per-fork means equals JMH's score when every fork has the same iteration count
        double mean = java.util.Arrays.stream(b.get(0).samples()).average().orElseThrow();
        assertEquals(b.get(0).score(), mean, 0.01);
        // sample mode: iteration means from rawDataHistogram
        assertEquals("sample", b.get(3).mode());
        assertEquals(b.get(3).score(), java.util.Arrays.stream(b.get(3).samples()).average().orElseThrow(), 0.01);
        assertEquals("17.0.13", b.get(0).jdkVersion());
    }

    @Test
    void aSlowerAverageTimeIsARegressionAndUnchangedThroughputPasses() {
        GateReport r = Gate.compareJmh(JmhResultsReader.read(BASE), JmhResultsReader.read(CAND), GateOptions.defaults());
        assertEquals(ExitCode.REGRESSION, r.exitCode(), () -> new ConsoleTable().render(r));
        List<CheckResult> failed = r.withStatus(Status.FAIL);
        assertEquals(1, failed.size(), () -> new ConsoleTable().render(r));
        assertEquals("dev.factortwo.benchmarks.IdxDecodeBenchmark.decodeBatch:avgt", failed.get(0).subject());
        // lower is better: speed ratio = baseline time / candidate time, about 1/1.15
        assertEquals(1 / 1.15, failed.get(0).numbers().ratio(), 0.03);
        assertTrue(failed.get(0).message().contains("per-fork means"));
        assertEquals(Status.PASS, r.checks().get(0).status(), "same JDK");
    }

    @Test
    void aJmhFileAgainstItselfPassesThroughRun() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = Gate.run(BASE, BASE, GateOptions.defaults(), Optional.empty(), Optional.empty(),
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(0, code, buf.toString(StandardCharsets.UTF_8));
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("PASS: 0 failed, 0 warnings, 5 passed (4 benchmarks)"),
                buf.toString(StandardCharsets.UTF_8));
        assertEquals(2, Gate.run(BASE, CAND, GateOptions.defaults(), Optional.empty(), Optional.empty(),
                new PrintStream(buf, true, StandardCharsets.UTF_8)));
    }

    @Test
    void withFewerThanThreeForksASideTheGateCannotJudge() {
        // the A/A false alarm: one fork of 5 iterations each side, "22.4% slower, significant"
        List<JmhBenchmark> base = JmhResultsReader.read(BASE), cand = JmhResultsReader.read(CAND);
        List<JmhBenchmark> oneForkBase = base.stream().map(b -> new JmhBenchmark(b.benchmark(), b.mode(), b.params(), b.unit(), b.score(),
                b.forks().subList(0, 1), b.jdkVersion(), b.vmName())).toList();
        List<JmhBenchmark> twoForkCand = cand.stream().map(b -> new JmhBenchmark(b.benchmark(), b.mode(), b.params(), b.unit(), b.score(),
                b.forks().subList(0, 2), b.jdkVersion(), b.vmName())).toList();
        GateReport r = Gate.compareJmh(oneForkBase, twoForkCand, GateOptions.defaults());
        assertEquals(ExitCode.OK, r.exitCode(), "neither fail nor a verdict of pass on the speed rows");
        List<CheckResult> speed = r.checks().stream().filter(c -> c.check() == Check.SPEED).toList();
        assertEquals(base.size(), speed.size());
        for (CheckResult c : speed) {
            assertEquals(Status.WARN, c.status());
            assertTrue(c.message().startsWith("cannot judge: 1 vs 2 forks"), c.message());
        }
        // three forks a side are judged: the planted 15% slowdown is still caught
        List<JmhBenchmark> threeBase = base.stream().map(b -> new JmhBenchmark(b.benchmark(), b.mode(), b.params(), b.unit(), b.score(),
                b.forks().subList(0, 3), b.jdkVersion(), b.vmName())).toList();
        List<JmhBenchmark> threeCand = cand.stream().map(b -> new JmhBenchmark(b.benchmark(), b.mode(), b.params(), b.unit(), b.score(),
                b.forks().subList(0, 3), b.jdkVersion(), b.vmName())).toList();
        assertTrue(Gate.compareJmh(threeBase, threeCand, GateOptions.defaults()).checks().stream().noneMatch(c -> c.message().startsWith("cannot judge")));
    }
}
