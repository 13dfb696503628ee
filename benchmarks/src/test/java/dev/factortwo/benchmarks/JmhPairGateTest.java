package dev.factortwo.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.ExitCode;
import dev.factortwo.reports.gate.Gate;
import dev.factortwo.reports.gate.GateOptions;
import dev.factortwo.reports.jmh.JmhBenchmark;
import dev.factortwo.reports.jmh.JmhResultsReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The gate on real JMH pairs: {@link SpinBenchmark} run by JMH's {@link Runner} with 3 forks (the fewest the gate
 * judges, and what {@code scripts/selfbench} runs by default), written with {@code -rf json}, and gated as the CLI's
 * {@code gate} command does ({@link Gate#run}). An A/A pair (the same code run twice) must not fail; a pair whose
 * candidate does {@value #PLANT} times the work under the same benchmark name and params must fail, naming the
 * benchmark. Test sources get JMH's annotation processor (benchmarks/pom.xml), and the forks start with surefire's
 * test classpath: JMH gives them {@code -cp} from {@code java.class.path}, which surefire sets to the test classpath
 * rather than its manifest-only booter jar; each run checks that its JSON holds 3 forks of 3 iterations.
 */
class JmhPairGateTest {

    static final String KEY = SpinBenchmark.class.getName() + ".spin:avgt(work=1)";

    /**
     * The planted slowdown: the candidate's forks do this many times the work. Large, because three forks a side on
     * a loaded machine (load 10 on 2 cores while writing this) vary by up to half their mean from fork to fork: with
     * twice the work the candidate measured 66% slower at p = 0.02, and the gate rightly warned instead of failing.
     */
    static final int PLANT = 8;

    static {
        // two Runners at once in this JVM: JMH's lock file (java.io.tmpdir/jmh.lock) would refuse the second.
        // Read once, when Runner is initialised.
        System.setProperty("jmh.ignoreLock", "true");
    }

    @TempDir
    static Path dir;

    static Path aaBaseline, aaCandidate, plantBaseline, plantCandidate;

    /**
     * Four JMH runs, the two of each pair at the same time so that both sides see the same machine: the comparison
     * is unpaired, and on a shared machine a load change between two runs one after another is a real difference in
     * speed, which the gate would rightly report. Time-based iterations keep the two runs' forks in step, two forks on
     * two cores.
     */
    @BeforeAll
    static void runTwoPairsOfJmhRuns() throws Exception {
        Path[] aa = atOnce(() -> jmh("aa-baseline", 1), () -> jmh("aa-candidate", 1));
        aaBaseline = aa[0];
        aaCandidate = aa[1];
        Path[] plant = atOnce(() -> jmh("plant-baseline", 1), () -> jmh("plant-candidate", PLANT));
        plantBaseline = plant[0];
        plantCandidate = plant[1];
    }

    private static Path[] atOnce(Callable<Path> first, Callable<Path> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Path> a = pool.submit(first), b = pool.submit(second);
            return new Path[] {result(a), result(b)};
        } finally {
            pool.shutdownNow();
        }
    }

    private static Path result(Future<Path> run) throws Exception {
        try {
            return run.get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw (Error) e.getCause();
        }
    }

    /** One JMH run of {@link SpinBenchmark#spin} at work=1 in 3 forks; the forks' work factor is {@code factor}. */
    static Path jmh(String name, int factor) throws RunnerException, IOException {
        Path json = dir.resolve(name + ".json"), log = dir.resolve(name + ".log");
        Options options = new OptionsBuilder()
                .include(Pattern.quote(SpinBenchmark.class.getName() + ".spin") + "$")
                .param("work", "1")
                .forks(3)
                .warmupIterations(2).warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(200))
                // not the test JVM's flags (surefire's -Xmx3g and Spark's): a small heap and the factor
                .jvmArgs("-Xms32m", "-Xmx128m", "-D" + SpinBenchmark.FACTOR_PROPERTY + "=" + factor)
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON).result(json.toString())
                .output(log.toString())
                .build();
        new Runner(options).run();
        List<JmhBenchmark> read = JmhResultsReader.read(json);
        assertEquals(1, read.size(), () -> json + ": " + read + "\n" + tail(log));
        assertEquals(KEY, read.get(0).key());
        assertEquals(3, read.get(0).forks().size(), () -> json + ": forks that measured\n" + tail(log));
        for (List<Double> fork : read.get(0).forks()) assertEquals(3, fork.size(), "measurement iterations per fork");
        return json;
    }

    @Test
    void anAaPairOfRealJmhRunsDoesNotFail() {
        String console = gate(aaBaseline, aaCandidate, ExitCode.OK);
        assertTrue(console.contains(KEY), console);
        assertFalse(console.contains("cannot judge"), "3 forks a side are judged:\n" + console);
    }

    @Test
    void aPlantedSlowdownFailsNamingTheBenchmark() {
        String console = gate(plantBaseline, plantCandidate, ExitCode.REGRESSION);
        assertTrue(console.lines().anyMatch(l -> l.contains("FAIL") && l.contains(KEY)), console);
    }

    private static String gate(Path base, Path cand, ExitCode expected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Gate.run(base, cand, GateOptions.defaults(), Optional.empty(), Optional.empty(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String console = out.toString(StandardCharsets.UTF_8);
        assertEquals(expected.code(), code, console);
        return console;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no JMH log: " + e.getMessage() + ")";
        }
    }
}
