package dev.factortwo.harness.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.HistogramCodec;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The emulated device computes while the host prepares the next batch, and counts what it did and waited for. */
class EmulatedDeviceTest {

    static final int BATCH = 10;
    static final long NANOS_PER_SAMPLE = 30_000; // a 300 µs step

    static ModelJob job(double throttlePercent) {
        // the device reads only the calibrated time and the throttle
        return new ModelJob(null, null, 10, 0.01f, BATCH, 1, 0, 0, throttlePercent, NANOS_PER_SAMPLE, null, List.of());
    }

    static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) Thread.onSpinWait();
    }

    /** Runs {@code steps} batches, the host spending {@code hostNanos} on each; returns {wall, compute, idle}. */
    static long[] run(ModelJob job, int steps, long hostNanos, Histogram h) {
        long t0 = System.nanoTime();
        EmulatedDevice device = new EmulatedDevice(job, h);
        for (int s = 0; s < steps; s++) {
            spin(hostNanos);
            device.submit(BATCH);
        }
        device.finish();
        return new long[] {System.nanoTime() - t0, device.computeNanos(), device.idleNanos()};
    }

    @Test
    void aHostFasterThanTheDeviceKeepsItBusy() {
        Histogram h = HistogramCodec.newHistogram();
        long[] r = run(job(0), 1000, 100_000, h);
        assertEquals(1000 * BATCH * NANOS_PER_SAMPLE, r[1], "compute is the calibrated time of every batch");
        assertTrue(r[0] >= r[1], "the run lasts at least its compute");
        double utilization = (double) r[1] / r[0];
        // one batch at a time (prepare, then compute) would give 300 / (100 + 300) = 0.75 at best
        assertTrue(utilization > 0.85, "utilization " + utilization + ", idle " + r[2] / 1e6 + " ms: the host did not keep ahead");
        assertEquals(1000, h.getTotalCount());
    }

    @Test
    void aHostSlowerThanTheDeviceShowsAsInputWait() {
        long[] r = run(job(0), 200, 600_000, HistogramCodec.newHistogram());
        assertEquals(200 * BATCH * NANOS_PER_SAMPLE, r[1]);
        // the device waits about 300 µs a batch: the host's 600 less its own 300
        assertTrue(r[2] >= 200 * 250_000L, "idle " + r[2] / 1e6 + " ms");
        assertTrue(r[1] + r[2] <= r[0] + 1_000_000, "busy and idle fit in the wall time");
    }

    @Test
    void aThrottleSlowsTheDeviceByItsShare() {
        long[] r = run(job(50), 100, 0, HistogramCodec.newHistogram());
        assertEquals(100 * BATCH * NANOS_PER_SAMPLE * 3 / 2, r[1]);
    }
}
