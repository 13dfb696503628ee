package dev.factortwo.benchmarks;

import dev.factortwo.model.HistogramCodec;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording one training step costs: the four {@link System#nanoTime} calls, the throttle check, the sums and the
 * {@link Histogram#recordValue} that {@code PartitionWork.train} makes per step, in the same order, into a
 * histogram configured like the harness's ({@link HistogramCodec#newHistogram}). Target: at most 1 µs.
 * {@code nanoTime} and {@code recordValue} alone show where the cost is.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RecordingCostBenchmark {

    final Histogram histogram = HistogramCodec.newHistogram();
    long inputNanos;
    long computeNanos;
    long samples;
    long value = 600;
    double throttlePercent;
    long throttled;

    @Benchmark
    public long perStepRecording() {
        long t0 = System.nanoTime();
        long t1 = System.nanoTime();
        long t2 = System.nanoTime();
        if (throttlePercent > 0) throttled += (long) ((t2 - t1) * throttlePercent / 100.0);
        long t3 = System.nanoTime();
        inputNanos += t1 - t0;
        computeNanos += t3 - t1;
        histogram.recordValue(Math.max(1, (t3 - t1) / 1000));
        samples += 64;
        return computeNanos;
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public void recordValue() {
        // a spread of step latencies in microseconds, so the recorded buckets vary as in a real run
        value = value * 1103515245L + 12345L & 0xFFFFL;
        histogram.recordValue(1 + value);
    }
}
