package dev.factortwo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.ExitCode;
import dev.factortwo.model.Results;
import dev.factortwo.model.analysis.ScaleCurve;
import dev.factortwo.model.json.ResultsCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --accelerators}: a tiny sweep of emulated H100s on the memory tier, end to end on local Spark. Each number
 * of accelerators is a cell with its own id, its workers ran as that many tasks at once, and the report shows the curve.
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.factortwo.harness.testing.OwnSpark.class)
class ScaleModeTest {

    @Test
    void aSweepOfOneTwoAndFourEmulatedAcceleratorsRunsEndToEnd(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        MainTest.Outcome o = MainTest.run("run", "--workload", "train-mlp", "--dataset", "synthetic", "--synthetic-samples", "2400",
                "--tier", "memory", "--state", "spark", "--accelerator", "emulate:h100", "--accelerators", "4,1,2", "--epochs", "1",
                "--repetitions", "2", "--max-repetitions", "2", "--target-interval", "0", "--min-repetition-seconds", "0",
                "--warmup-passes", "0", "--scratch", dir.resolve("scratch").toString(), "--out", out.toString());
        assertEquals(ExitCode.OK.code(), o.code(), o.out() + o.err());
        Results r = ResultsCodec.read(out.resolve("results.json"));
        assertEquals("local[4,4]", r.config().get("master"), "no --master: as many slots as the most accelerators");
        assertTrue(r.environment().extra().get("machineFloor").startsWith("a fixed "), "the machine's floor, measured before the cells: "
                + r.environment().extra());
        assertTrue(o.out().contains("factortwo: machine floor: a fixed "), o.out());
        assertTrue(r.config().get("scale").startsWith("accelerators 1,2,4 of emulate:h100"), r.config().get("scale"));
        List<String> ids = r.cells().stream().map(CellResult::id).toList();
        assertEquals(List.of("train-mlp/synthetic/memory/spark/model-averaging/tensorflow/emulate:h100x1",
                "train-mlp/synthetic/memory/spark/model-averaging/tensorflow/emulate:h100x2",
                "train-mlp/synthetic/memory/spark/model-averaging/tensorflow/emulate:h100x4"), ids.stream().sorted().toList(),
                "one cell per number, no bare reference for an emulated device");
        for (CellResult c : r.cells()) {
            int n = c.key().accelerators();
            assertTrue(c.ok(), c.id() + ": " + c.error());
            assertEquals(String.valueOf(n), c.attributes().get("partitions"), c.id());
            assertEquals(2, c.repetitions().size(), c.id());
            assertTrue(c.acceleratorUtilization() > 0 && c.acceleratorUtilization() <= 1.0001, c.id() + " AU " + c.acceleratorUtilization());
            assertTrue(c.attributes().get("scaleWorkers").startsWith(n + (n == 1 ? " emulated accelerator as 1 Spark task at once"
                            : " emulated accelerators as " + n + " Spark tasks at once")),
                    c.attributes().get("scaleWorkers"));
            int cores = Runtime.getRuntime().availableProcessors();
            assertEquals(n > cores, c.attributes().get("scaleWorkers").contains("more workers than the " + cores + " cores"),
                    "says when workers outnumber the cores: " + c.attributes().get("scaleWorkers"));
        }
        List<ScaleCurve> curves = ScaleCurve.of(r.cells(), r.environment().cores());
        assertEquals(1, curves.size());
        assertEquals(List.of(1, 2, 4), curves.get(0).sweep());
        assertTrue(curves.get(0).points().stream().allMatch(p -> p.utilization().values().size() == 2
                && Double.isFinite(p.utilization().ciLow())), "an interval for every number");
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("### How many accelerators each tier feeds"), md);
        assertTrue(md.contains("| train-mlp · memory · spark · model-averaging · emulate:h100 |"), md);
        assertTrue(Files.readString(out.resolve("report.html")).contains("<section id=\"scale-0\">"));
    }

    @Test
    void aSweepOfARealDeviceOrWithPartitionsIsRefusedBeforeSparkStarts(@TempDir Path dir) {
        MainTest.Outcome cpu = MainTest.run("run", "--workload", "train-mlp", "--accelerator", "cpu", "--accelerators", "1,2",
                "--out", dir.resolve("a").toString());
        assertEquals(ExitCode.BAD_INPUT.code(), cpu.code(), cpu.out() + cpu.err());
        assertTrue(cpu.err().contains("--accelerators sweeps emulated accelerators"), cpu.err());
        MainTest.Outcome parts = MainTest.run("run", "--workload", "train-mlp", "--accelerator", "emulate:h100", "--accelerators", "1,2",
                "--partitions", "3", "--out", dir.resolve("b").toString());
        assertEquals(ExitCode.BAD_INPUT.code(), parts.code(), parts.out() + parts.err());
        assertTrue(parts.err().contains("leave --partitions out"), parts.err());
        MainTest.Outcome twice = MainTest.run("run", "--workload", "train-mlp", "--accelerator", "emulate:h100", "--accelerators", "2,2",
                "--dry-run");
        assertEquals(ExitCode.BAD_INPUT.code(), twice.code(), twice.out() + twice.err());
    }
}
