package dev.factortwo.harness.measure;

import dev.factortwo.datasets.SplitMix64;
import dev.factortwo.model.Summary;
import dev.factortwo.model.stats.Statistics;
import java.util.Arrays;
import java.util.Locale;

/**
 * How steady this machine is right now: one fixed piece of CPU work (a SplitMix64 chain, no memory traffic, no
 * allocation) timed {@code runs} times on one thread, before any cell runs. Its variation is the floor under every
 * cell's: a cell cannot vary less than the machine does, so a run whose floor is high cannot be decisive however long
 * it measures. On this project's 2-vCPU VM such a loop varied 2.9% one hour and 7–10% another (docs/measured-here.md), and
 * three probes in a row 1.2%, 2.3% and 1.9% (docs/measurement.md): a snapshot of the moment before the cells, not of the run.
 * Recorded in results.json's environment ({@code machineFloor}) and shown with it; outside every timed region.
 *
 * @param runs       timed runs
 * @param meanMillis their mean, milliseconds
 * @param cv         their coefficient of variation (sample standard deviation over mean)
 * @param minMillis  the fastest
 * @param maxMillis  the slowest
 */
public record MachineFloor(int runs, double meanMillis, double cv, double minMillis, double maxMillis) {

    /** Environment extra key. */
    public static final String KEY = "machineFloor";

    /** Timed runs of the default probe: with {@link #UNITS} about 0.6 s in all here. */
    static final int RUNS = 30;

    /** SplitMix64 steps per run: about 19 ms on this project's machine. */
    static final long UNITS = 4_000_000;

    /** The default probe: {@value #RUNS} runs of {@value #UNITS} steps, after 3 unmeasured ones for the JIT. */
    public static MachineFloor probe() {
        return probe(RUNS, UNITS);
    }

    static MachineFloor probe(int runs, long units) {
        if (runs < 2) throw new IllegalArgumentException("a variation needs 2 runs or more, was " + runs);
        long sink = 0;
        for (int i = 0; i < 3; i++) sink += work(units);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sink += work(units);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        if (sink == 0x5EED) System.out.print(""); // the work's result is used, so it is not optimized away
        Summary s = Statistics.standard().summarize(ms, 0.95);
        return new MachineFloor(runs, s.mean(), s.cv(), Arrays.stream(ms).min().orElseThrow(), Arrays.stream(ms).max().orElseThrow());
    }

    private static long work(long units) {
        long s = 0x9E3779B97F4A7C15L;
        for (long i = 0; i < units; i++) s = SplitMix64.mix(s + i);
        return s;
    }

    /** {@code a fixed 10.2 ms loop on one thread varied 3.1% (CV over 30 runs, 9.8–11.4 ms) before the cells}. */
    public String text() {
        return String.format(Locale.ROOT, "a fixed %.1f ms loop on one thread varied %.1f%% (CV over %d runs, %.1f–%.1f ms) before the cells",
                meanMillis, cv * 100, runs, minMillis, maxMillis);
    }
}
