package dev.factortwo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.services.SparkJvmOptions;
import dev.factortwo.model.ExitCode;
import dev.factortwo.reports.compare.Compare;
import dev.factortwo.reports.gate.GateOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare} on a noisy machine: a CPU hog started here keeps one of the two cores busy while the baseline and a
 * candidate with a planted throttle (each step waits as long again as its compute) run interleaved, each round a separate harness JVM. The throttled cell must be
 * caught (the gate fails it), and the bare reference, which the throttle does not touch, is an A/A pair inside the
 * same job: it must not be failed. Slow group: ten harness runs.
 */
@Tag("slow")
class CompareUnderLoadTest {

    @TempDir
    Path scratch;

    /** This JVM's harness, as a child: the test classpath, the JVM flags Spark needs here, the factortwo properties. */
    private static List<String> harness() {
        return harness(null);
    }

    /** The same, with {@code first} (a directory of classes) ahead of the test classpath when not null. */
    static List<String> harness(Path first) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SparkJvmOptions.current());
        cmd.add("-Xmx2g");
        System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("factortwo."))
                .forEach(n -> cmd.add("-D" + n + "=" + System.getProperty(n)));
        cmd.add("-cp");
        cmd.add((first == null ? "" : first + java.io.File.pathSeparator) + System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        return cmd;
    }

    @Test
    void aPlantedThrottleIsCaughtUnderABackgroundCpuHogAndTheUntouchedBareReferencePasses() throws Exception {
        Process hog = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit;
        try {
            List<String> runArgs = List.of("--workload", "train-mlp", "--dataset", "synthetic", "--tier", "memory", "--state", "local",
                    "--strategy", "single", "--train-samples", "6000", "--epochs", "2", "--repetitions", "3", "--min-repetition-seconds", "1",
                    "--faults", "none",
                    "--no-report");
            Compare compare = new Compare(new Compare.Side("baseline", harness(), List.of()),
                    new Compare.Side("candidate", harness(), List.of("--throttle", "100")), 5, 1, runArgs, scratch.resolve("cmp"));
            exit = compare.run(GateOptions.defaults().withTest(GateOptions.Test.PAIRED_T).withStrictEnvironment(false),
                    new PrintStream(console, true, StandardCharsets.UTF_8));
        } finally {
            hog.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = console.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertEquals(ExitCode.REGRESSION.code(), exit, out);
        String gate = Files.readString(scratch.resolve("cmp").resolve("gate.md"));
        List<String> speed = out.lines().filter(l -> l.contains(" speed ")).toList();
        assertTrue(speed.stream().anyMatch(l -> l.startsWith("FAIL") && l.contains("/local/single/")), "throttled cell failed:\n" + out);
        assertTrue(speed.stream().noneMatch(l -> l.startsWith("FAIL") && l.contains("/bare/")), "bare reference not failed:\n" + out);
        assertTrue(speed.stream().allMatch(l -> l.contains("paired rounds")), "paired on the rounds:\n" + out);
        assertNotEquals("", gate);
        assertTrue(Files.isRegularFile(scratch.resolve("cmp").resolve("report.html")));
    }
}
