package dev.factortwo.reports.gate;

import dev.factortwo.model.CellAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.reports.compare.Compare;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A round whose two runs lost different numbers of cores to the rest of the machine is run again, up to the limit, and
 * the runs set aside are kept. The builds are shell scripts that write a results file with the load a run recorded.
 */
class CompareRerunTest {

    /** A build whose every run writes {@code results} into its {@code --out} directory and exits 0. */
    private static List<String> build(Path dir, String name, Results results) throws Exception {
        Path json = dir.resolve(name + ".json");
        ResultsCodec.write(results, json);
        Path script = dir.resolve(name + ".sh");
        Files.writeString(script, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo " + name + " 0.0; exit 0; fi\n"
                + "for a; do out=$a; done\nmkdir -p \"$out\" && cp '" + json + "' \"$out/results.json\"\necho done\n");
        assertTrue(script.toFile().setExecutable(true));
        return List.of(script.toString());
    }

    private static Results loaded(double otherBusyCores, double speed) {
        CellResult c = Fixtures.cell(Fixtures.key("train-mlp", "memory"), new double[] {speed, speed * 1.01, speed * 0.99}, 0.8, Fixtures.bitwise());
        Map<String, String> attrs = new LinkedHashMap<>(c.attributes());
        attrs.put(CellAttribute.OTHER_BUSY_CORES.key(), otherBusyCores + "," + otherBusyCores + "," + otherBusyCores);
        attrs.put(CellAttribute.STEAL_CORES.key(), "0,0,0");
        CellResult with = new CellResult(c.key(), c.spec(), c.status(), c.error(), c.repetitions(), c.samplesPerSecond(), c.inputSeconds(),
                c.computeSeconds(), c.acceleratorUtilization(), c.bytesRead(), c.fingerprint(), c.testAccuracy(), c.latency(),
                c.reproducibility(), c.io(), c.notes(), attrs);
        return Fixtures.results("quick", Fixtures.environment("17.0.15", "1.1.0"), List.of(with));
    }

    @Test
    void aRoundWithUnevenLoadRunsAgainUpToTheLimit(@TempDir Path dir) throws Exception {
        // every candidate run loses a whole core more than the baseline's: every round is uneven
        Compare compare = new Compare(new Compare.Side("baseline", build(dir, "base", loaded(0.1, 1000)), List.of()),
                new Compare.Side("candidate", build(dir, "cand", loaded(1.2, 1000)), List.of()), 2, 7, List.of("--suite", "quick"),
                dir.resolve("cmp")).withMaxReruns(2);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        compare.run(GateOptions.defaults().withTest(GateOptions.Test.PAIRED_T), new PrintStream(console, true, StandardCharsets.UTF_8));
        String out = console.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("compare: round 1/2:") && out.contains("uneven load: 0.10 cores taken from the baseline's run, 1.20 from the candidate's"), out);
        assertEquals(2, out.lines().filter(l -> l.contains("; rerun (")).count(), "two reruns, the limit: " + out);
        assertTrue(out.contains("kept: 2 reruns spent"), out);
        assertTrue(Files.isDirectory(dir.resolve("cmp/rounds/r01-candidate.uneven-1")), "the uneven runs are kept aside");
        assertTrue(out.contains("compare: after 2 rounds the paired t can catch a slowdown of "), "what it can catch, said as it runs: " + out);

        // even load: no rerun
        Compare even = new Compare(new Compare.Side("baseline", build(dir, "base2", loaded(0.1, 1000)), List.of()),
                new Compare.Side("candidate", build(dir, "cand2", loaded(0.3, 1000)), List.of()), 2, 7, List.of("--suite", "quick"),
                dir.resolve("cmp2"));
        ByteArrayOutputStream console2 = new ByteArrayOutputStream();
        even.run(GateOptions.defaults().withTest(GateOptions.Test.PAIRED_T), new PrintStream(console2, true, StandardCharsets.UTF_8));
        assertTrue(console2.toString(StandardCharsets.UTF_8).lines().noneMatch(l -> l.contains("rerun")), console2.toString(StandardCharsets.UTF_8));
    }
}
