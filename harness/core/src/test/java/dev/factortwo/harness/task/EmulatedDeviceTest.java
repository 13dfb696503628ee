package dev.factortwo.harness.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.HistogramCodec;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The emulated device computes while the host prepares the next batch, and counts what it did and waited for. On a
 * simulated clock, so the figures are exact and a busy machine cannot move them; one run on the real clock checks
 * that the device's compute does not depend on how late the host wakes.
 */
class EmulatedDeviceTest {

    static final int BATCH = 10;
    static final long NANOS_PER_SAMPLE = 30_000; // a 300 µs step
    static final long STEP = BATCH * NANOS_PER_SAMPLE;

    static ModelJob job(double throttlePercent) {
        // the device reads only the calibrated time and the throttle
        return new ModelJob(null, null, 10, 0.01f, BATCH, 1, 0, 0, throttlePercent, NANOS_PER_SAMPLE, null, List.of());
    }

    /** Time advances only when the host works or parks; a park that lands late by {@code lateNanos}, as Linux's do. */
    static final class SimulatedClock implements EmulatedDevice.Clock {
        long now = 1_000_000;
        final long lateNanos;
        int parks;

        SimulatedClock(long lateNanos) {
            this.lateNanos = lateNanos;
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkUntil(long deadline) {
            if (deadline > now) {
                now = deadline + lateNanos;
                parks++;
            }
        }
    }

    /** {@code steps} batches, the host spending {@code hostNanos} on each; returns {wall, compute, idle, parks}. */
    static long[] run(ModelJob job, int steps, long hostNanos, long lateNanos, Histogram h) {
        SimulatedClock clock = new SimulatedClock(lateNanos);
        long t0 = clock.now;
        EmulatedDevice device = new EmulatedDevice(job, h, clock);
        for (int s = 0; s < steps; s++) {
            clock.now += hostNanos;
            device.submit(BATCH);
        }
        device.finish();
        return new long[] {clock.now - t0, device.computeNanos(), device.idleNanos(), clock.parks};
    }

    @Test
    void aHostFasterThanTheDeviceKeepsItBusyAndLateWakeUpsDoNotCount() {
        Histogram h = HistogramCodec.newHistogram();
        long[] r = run(job(0), 1000, 100_000, 80_000, h);
        assertEquals(1000 * STEP, r[1], "compute is the calibrated time of every batch");
        assertEquals(100_000, r[2], "the device waited only for the first batch");
        // one batch at a time (prepare, then compute, then wake up late) would give 300 / (100 + 300 + 80) = 0.63
        assertEquals(1000 * STEP + 100_000 + 80_000, r[0], "the wall: the first batch, every compute, the last late wake-up");
        assertTrue(r[3] > 0, "the host parked when it was 2 batches ahead");
        assertEquals(1000, h.getTotalCount());
        assertEquals(STEP / 1000, h.getValueAtPercentile(50), STEP / 1000 * 0.01, "a step is its compute");
    }

    @Test
    void aHostSlowerThanTheDeviceShowsAsInputWait() {
        long[] r = run(job(0), 200, 600_000, 80_000, HistogramCodec.newHistogram());
        assertEquals(200 * STEP, r[1]);
        // the first batch's 600 µs, then 300 µs a batch: the host's 600 less the device's 300
        assertEquals(600_000 + 199 * 300_000L, r[2], "idle");
        assertEquals(1, r[3], "a host that never gets ahead parks only to wait for the last batch");
        assertEquals(r[1] + r[2] + 80_000, r[0], "busy and idle make the wall, with the last late wake-up");
    }

    @Test
    void aThrottleSlowsTheDeviceByItsShare() {
        long[] r = run(job(50), 100, 0, 0, HistogramCodec.newHistogram());
        assertEquals(100 * STEP * 3 / 2, r[1]);
    }

    @Test
    void onTheRealClockTheComputeIsTheProfilesTimeHoweverLateTheHostWakes() {
        EmulatedDevice device = new EmulatedDevice(job(0), HistogramCodec.newHistogram());
        long t0 = System.nanoTime();
        for (int s = 0; s < 50; s++) device.submit(BATCH);
        device.finish();
        assertEquals(50 * STEP, device.computeNanos());
        assertTrue(System.nanoTime() - t0 >= 50 * STEP, "finish waits for the device");
    }
}
