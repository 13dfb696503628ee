package dev.factortwo.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factortwo.model.ExitCode;
import dev.factortwo.model.json.ResultsCodec;
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
 * The gate on real JMH pairs: {@link SpinBenchmark} run by JMH's {@link Runner}, written with {@code -rf json}, and
 * gated as the CLI's {@code gate} command does ({@link Gate#run}), 3 forks a side (the fewest the gate judges, and
 * what {@code scripts/selfbench} runs by default). An A/A pair (the same code on both sides) must not fail; a pair
 * whose candidate does {@value #PLANT} times the work under the same benchmark name and params must fail, naming the
 * benchmark. Test sources get JMH's annotation processor (benchmarks/pom.xml), and the forks start with surefire's
 * test classpath: JMH gives them {@code -cp} from {@code java.class.path}, which surefire sets to the test classpath
 * rather than its manifest-only booter jar; each run checks the forks and iterations its JSON holds.
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
     * The A/A pair is one run of 6 forks, one after another, split into its odd and even forks: the two sides
     * alternate in time, so a load change or the core a fork lands on falls on both alike. Two runs at once (the
     * first design) put each side on a core of its own, and this VM's two cores differ by several percent at times:
     * one CI run's "A/A" measured 5.3% slower, p = 0.0058, and failed, rightly for what it had measured. The planted
     * pair still runs its two sides at once, each of 3 forks: {@value #PLANT} times the work dwarfs any core's
     * difference, and time-based iterations keep the two runs' forks in step, two forks on two cores.
     */
    @BeforeAll
    static void runJmh() throws Exception {
        Path[] aa = alternateForks(jmh("aa", 1, 6), dir.resolve("aa-baseline.json"), dir.resolve("aa-candidate.json"));
        aaBaseline = aa[0];
        aaCandidate = aa[1];
        Path[] plant = atOnce(() -> jmh("plant-baseline", 1, 3), () -> jmh("plant-candidate", PLANT, 3));
        plantBaseline = plant[0];
        plantCandidate = plant[1];
    }

    /**
     * JMH results of one benchmark split into two files, {@code first} with forks 1, 3, 5... and {@code second} with
     * forks 2, 4, 6...; each side's score becomes the mean of its forks' iterations, as JMH's is of all.
     */
    static Path[] alternateForks(Path json, Path first, Path second) throws IOException {
        JsonNode root = ResultsCodec.mapper().readTree(json.toFile());
        Path[] out = {first, second};
        for (int side = 0; side < 2; side++) {
            ObjectNode entry = root.get(0).deepCopy();
            ObjectNode metric = (ObjectNode) entry.get("primaryMetric");
            ArrayNode forks = ResultsCodec.mapper().createArrayNode();
            double sum = 0;
            int n = 0;
            JsonNode raw = metric.get("rawData");
            for (int f = side; f < raw.size(); f += 2) {
                forks.add(raw.get(f));
                for (JsonNode v : raw.get(f)) {
                    sum += v.asDouble();
                    n++;
                }
            }
            metric.set("rawData", forks);
            metric.put("score", sum / n);
            metric.remove(List.of("scoreError", "scoreConfidence", "scorePercentiles"));
            entry.put("forks", forks.size());
            Files.writeString(out[side], ResultsCodec.mapper().writeValueAsString(ResultsCodec.mapper().createArrayNode().add(entry)));
        }
        return out;
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

    /** One JMH run of {@link SpinBenchmark#spin} at work=1 in {@code forks} forks; the forks' work factor is {@code factor}. */
    static Path jmh(String name, int factor, int forks) throws RunnerException, IOException {
        Path json = dir.resolve(name + ".json"), log = dir.resolve(name + ".log");
        Options options = new OptionsBuilder()
                .include(Pattern.quote(SpinBenchmark.class.getName() + ".spin") + "$")
                .param("work", "1")
                .forks(forks)
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
        assertEquals(forks, read.get(0).forks().size(), () -> json + ": forks that measured\n" + tail(log));
        for (List<Double> fork : read.get(0).forks()) assertEquals(3, fork.size(), "measurement iterations per fork");
        return json;
    }

    @Test
    void anAaPairOfRealJmhRunsDoesNotFail() {
        for (Path side : List.of(aaBaseline, aaCandidate)) {
            List<JmhBenchmark> read = JmhResultsReader.read(side);
            assertEquals(3, read.get(0).forks().size(), side + ": 3 of the run's 6 forks");
        }
        String console = gate(aaBaseline, aaCandidate, ExitCode.OK);
        System.out.println("A/A, forks 1, 3, 5 against forks 2, 4, 6:\n" + console);
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
