package dev.factortwo.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The light CI jar as CI uses it: {@code java -jar factortwo-ci.jar ...} in a JVM of its own, with nothing else
 * on the classpath, on the committed fixture results ({@code src/test/resources/golden/ci}). Runs after
 * {@code package} (failsafe), on the jar the build just made.
 */
class CiJarIT {

    static final long MAX_BYTES = 20L * 1024 * 1024;
    static final Path FIXTURES = Path.of("src/test/resources/golden/ci");

    static Path jar() {
        Path jar = Path.of(System.getProperty("factortwo.ci.jar", "target/factortwo-ci.jar"));
        assertTrue(Files.isRegularFile(jar), "the CI jar " + jar.toAbsolutePath() + " was not built");
        return jar;
    }

    record Outcome(int code, String out) {
    }

    static Outcome run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        Collections.addAll(cmd, args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "java -jar did not exit: " + cmd);
        return new Outcome(p.exitValue(), out);
    }

    static String fixture(String name) {
        return FIXTURES.resolve(name).toString();
    }

    @Test
    void isSmallAndCarriesNoTensorFlowSparkOrHadoop() throws IOException {
        long size = Files.size(jar());
        assertTrue(size < MAX_BYTES, "factortwo-ci.jar is " + size + " bytes; the limit is " + MAX_BYTES);
        List<String> heavy = new ArrayList<>();
        boolean main, model, gate;
        try (JarFile j = new JarFile(jar().toFile())) {
            j.stream().map(ZipEntry::getName).filter(n -> n.startsWith("org/tensorflow/") || n.startsWith("org/apache/spark/")
                    || n.startsWith("org/apache/hadoop/") || n.startsWith("scala/")).limit(5).forEach(heavy::add);
            main = j.getEntry("dev/factortwo/reports/cli/CiMain.class") != null;
            model = j.getEntry("dev/factortwo/model/Defaults.class") != null;
            gate = j.getEntry("dev/factortwo/reports/gate/Gate.class") != null;
            assertEquals("dev.factortwo.reports.cli.CiMain", j.getManifest().getMainAttributes().getValue("Main-Class"));
        }
        assertEquals(List.of(), heavy, "no TensorFlow, Spark, Hadoop or Scala classes in the CI jar");
        assertTrue(main && model && gate, "the jar holds the CLI, the model and the gate");
    }

    @Test
    void gateExitsZeroOnNoChangeTwoOnARegressionOneOnBadInput(@TempDir Path dir) throws Exception {
        Outcome pass = run("gate", "--baseline", fixture("baseline.json"), "--candidate", fixture("candidate-unchanged.json"),
                "--junit", dir.resolve("gate.xml").toString(), "--markdown", dir.resolve("gate.md").toString());
        assertEquals(0, pass.code(), pass.out());
        assertTrue(pass.out().contains("PASS"), pass.out());
        assertTrue(Files.readString(dir.resolve("gate.xml")).contains("<testsuite"), "JUnit XML written");

        Outcome fail = run("gate", "--baseline", fixture("baseline.json"), "--candidate", fixture("candidate-slower.json"));
        assertEquals(2, fail.code(), fail.out());
        assertTrue(fail.out().contains("regression: 15.0% slower"), fail.out());

        Outcome loose = run("gate", "--baseline", fixture("baseline.json"), "--candidate", fixture("candidate-slower.json"),
                "--max-slowdown", "20%");
        assertEquals(0, loose.code(), "a 15% slowdown passes a 20% limit: " + loose.out());

        Outcome missing = run("gate", "--baseline", fixture("baseline.json"), "--candidate", dir.resolve("nope.json").toString());
        assertEquals(1, missing.code(), missing.out());
        assertTrue(missing.out().contains("nope.json"), missing.out());
        assertFalse(missing.out().contains("\tat "), "no stack trace: " + missing.out());

        Outcome badFlag = run("gate", "--baseline", fixture("baseline.json"), "--candidate", fixture("baseline.json"),
                "--max-slowdown", "lots");
        assertEquals(1, badFlag.code(), badFlag.out());
        assertTrue(badFlag.out().contains("--max-slowdown") && badFlag.out().contains("lots"), badFlag.out());
    }

    @Test
    void reportAndBaselineSaveRunFromTheJarAlone(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html"), md = dir.resolve("summary.md");
        Outcome report = run("report", fixture("candidate-slower.json"), "-o", html.toString(), "--markdown", md.toString(),
                "--baseline", fixture("baseline.json"));
        assertEquals(0, report.code(), report.out());
        assertTrue(Files.readString(html).contains("<section id=\"baseline\">"), "the HTML report has the baseline section");
        assertTrue(Files.readString(md).contains("| **slower** |"), "the summary calls the planted regression slower");

        Outcome save = run("baseline", "save", fixture("baseline.json"), "--repo", dir.toString());
        assertEquals(0, save.code(), save.out());
        assertTrue(Files.isRegularFile(dir.resolve("benchmarks/baselines/planted-cpu-jdk17.json")), save.out());
    }

    @Test
    void helpListsTheCiCommandsAndTheExitCodes() throws Exception {
        Outcome help = run("--help");
        assertEquals(0, help.code(), help.out());
        for (String c : new String[] {"report", "gate", "baseline", "compare"}) assertTrue(help.out().contains(c), c);
        assertTrue(help.out().contains("4 cells failed while running"), help.out());
        String gateHelp = run("gate", "--help").out().replaceAll("\\s+", " ");
        assertTrue(gateHelp.contains("(default: 0.05)") && gateHelp.contains("(default: HOLM)") && gateHelp.contains("(default: 0.99)"), gateHelp);
        assertFalse(gateHelp.contains("WARN"), gateHelp);
        Outcome run = run("run", "--suite", "quick");
        assertEquals(1, run.code(), "the CI jar has no 'run': " + run.out());
    }

    @Test
    void compareRefusesWhatItCannotRunInOneLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path checkout = Files.createDirectories(dir.resolve("checkout"));
        Files.writeString(checkout.resolve("factortwo"), "#!/bin/sh\nif [ \"$1\" = --version ]; then echo fake 0.0; exit 0; fi\necho boom; exit 1\n");
        checkout.resolve("factortwo").toFile().setExecutable(true);
        Outcome notABuild = run("compare", "--baseline", dir.resolve("nowhere").toString(), "--candidate", checkout.toString(), "--", "--suite", "quick");
        assertEquals(1, notABuild.code(), notABuild.out());
        assertTrue(notABuild.out().contains("--baseline " + dir.resolve("nowhere")) && notABuild.out().strip().lines().count() == 1,
                "one line naming the baseline: " + notABuild.out());
        Outcome noLauncher = run("compare", "--baseline", checkout.toString(), "--candidate", dir.toString(), "--", "--suite", "quick");
        assertEquals(1, noLauncher.code(), noLauncher.out());
        assertTrue(noLauncher.out().contains("--candidate " + dir + ": a directory without an executable factortwo launcher"), noLauncher.out());

        Outcome failingRun = run("compare", "--baseline", checkout.toString(), "--candidate", checkout.toString(), "--rounds", "2",
                "--out", dir.resolve("cmp").toString(), "--", "--suite", "quick");
        assertEquals(1, failingRun.code(), failingRun.out());
        assertTrue(failingRun.out().contains("round 1,") && failingRun.out().contains("exited 1") && failingRun.out().contains(": boom"),
                "names the round, the exit and the run's last line: " + failingRun.out());

        // a build whose runs write results but end with cells failed (exit 4) fails the comparison: never a pass or a warning
        Path crashing = Files.createDirectories(dir.resolve("crashing"));
        Files.writeString(crashing.resolve("factortwo"), "#!/bin/sh\nif [ \"$1\" = --version ]; then echo fake 0.0; exit 0; fi\n"
                + "for a; do out=$a; done\nmkdir -p \"$out\" && cp '" + fixture("baseline.json") + "' \"$out/results.json\"\n"
                + "echo '1 of 1 cells failed'; exit 4\n");
        crashing.resolve("factortwo").toFile().setExecutable(true);
        Outcome cellsFailed = run("compare", "--baseline", crashing.toString(), "--candidate", crashing.toString(), "--rounds", "2",
                "--out", dir.resolve("cmp-crash").toString(), "--", "--suite", "quick");
        assertEquals(1, cellsFailed.code(), cellsFailed.out());
        assertTrue(cellsFailed.out().contains("round 1,") && cellsFailed.out().contains("exited 4 (cells failed)")
                && cellsFailed.out().contains("1 of 1 cells failed"), "names the round, the exit and the log's last line: " + cellsFailed.out());

        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("factortwo"), "#!/bin/sh\necho 'BUILD FAILURE'; exit 1\n");
        broken.resolve("factortwo").toFile().setExecutable(true);
        Outcome unbuilt = run("compare", "--baseline", broken.toString(), "--candidate", checkout.toString(),
                "--out", dir.resolve("cmp2").toString(), "--", "--suite", "quick");
        assertEquals(1, unbuilt.code(), unbuilt.out());
        assertTrue(unbuilt.out().contains("baseline: ") && unbuilt.out().contains("--version' exited 1 (building it?)")
                && unbuilt.out().contains("BUILD FAILURE"), "a baseline that does not build stops it before round 1: " + unbuilt.out());

        Outcome oneRound = run("compare", "--baseline", checkout.toString(), "--candidate", checkout.toString(), "--rounds", "1", "--", "--suite", "quick");
        assertEquals(1, oneRound.code(), oneRound.out());
        assertTrue(oneRound.out().contains("--rounds must be at least 2"), oneRound.out());

        Outcome out = run("compare", "--baseline", checkout.toString(), "--candidate", checkout.toString(), "--", "--suite", "quick", "--out", "x");
        assertEquals(1, out.code(), out.out());
        assertTrue(out.out().contains("--out is set by compare"), out.out());
    }
}
