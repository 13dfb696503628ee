package dev.factortwo.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A fixed amount of CPU work for {@link JmhPairGateTest}: {@code work × factor × TOKENS} tokens of JMH's
 * deterministic busy loop {@link Blackhole#consumeCPU} (at factor 1, 20 to 160 µs an operation on the shared 2-core
 * machine, depending on its load). The factor is the system property {@value #FACTOR_PROPERTY} of the fork
 * (default 1), so a run with a planted slowdown reports the same benchmark name and params as an unchanged one.
 * Test sources get JMH's annotation processor too: the compiler plugin's {@code annotationProcessorPaths} in
 * benchmarks/pom.xml apply to both compilations, and the test's META-INF/BenchmarkList lands in test-classes, which
 * JMH reads beside the main one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class SpinBenchmark {

    /** System property of the forked JVM that multiplies the work; {@link JmhPairGateTest}'s plant sets it. */
    public static final String FACTOR_PROPERTY = "factortwo.spin.factor";

    static final long TOKENS = 10_000;

    @Param("1")
    public int work;

    private long tokens;

    @Setup
    public void setUp() {
        tokens = work * Long.getLong(FACTOR_PROPERTY, 1) * TOKENS;
    }

    @Benchmark
    public void spin() {
        Blackhole.consumeCPU(tokens);
    }
}
