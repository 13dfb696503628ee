package dev.factortwo.harness.task;

import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An emulated accelerator fed the way a training loop feeds a real one: the task's thread (the host) prepares a batch
 * and hands it over, and the device computes asynchronously (as CUDA streams do) while the host prepares the next,
 * up to {@link #QUEUE_DEPTH} batches ahead (PyTorch's DataLoader prefetches 2 per worker; tf.data's prefetch is
 * similar). The device is a timeline, not a sleep per step: a batch starts when the device is free and the batch is
 * ready, and takes exactly the calibrated time. The host parks only when it is that far ahead, so a late wake-up
 * (Linux's timer slack, about 80 µs here against an emulated H100's 275 µs step) delays the host, not the device.
 *
 * <p>Counted: compute is the device's busy time (the calibrated time of every batch); input is the time the device
 * stood idle waiting for a batch (the host's reading and decoding, where it did not keep ahead); each step's latency is
 * its idle time plus its compute. So utilization is compute over wall, as MLPerf Storage counts it. One per task and
 * round; not thread-safe.
 */
final class EmulatedDevice {

    /** Batches the host may have handed over that the device has not started. */
    static final int QUEUE_DEPTH = 2;

    /** The host's clock and its way of waiting; the real one is {@link System#nanoTime} and {@link LockSupport#parkNanos}. */
    interface Clock {
        long nanoTime();

        /** Returns at {@code deadline} or later. */
        void parkUntil(long deadline);
    }

    static final Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long deadline) {
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
    };

    private final long nanosPerSample;
    private final double slowdown;
    private final Histogram steps;
    private final Clock clock;
    private long freeAt;
    private long computeNanos;
    private long idleNanos;

    /** A device that is idle from now on. */
    EmulatedDevice(ModelJob job, Histogram steps) {
        this(job, steps, SYSTEM);
    }

    EmulatedDevice(ModelJob job, Histogram steps, Clock clock) {
        this.nanosPerSample = job.emulatedNanosPerSample();
        this.slowdown = 1 + job.throttlePercent() / 100.0;
        this.steps = steps;
        this.clock = clock;
        this.freeAt = clock.nanoTime();
    }

    /** Hands over a batch of {@code n} samples, ready now; returns when the host may prepare the next. */
    void submit(int n) {
        long now = clock.nanoTime();
        long work = (long) (nanosPerSample * (double) n * slowdown);
        long start = Math.max(freeAt, now);
        long idle = start - freeAt;
        idleNanos += idle;
        computeNanos += work;
        freeAt = start + work;
        steps.recordValue(Math.max(1, (idle + work) / 1000));
        clock.parkUntil(freeAt - QUEUE_DEPTH * work);
    }

    /** Waits until the device has computed everything handed over. */
    void finish() {
        clock.parkUntil(freeAt);
    }

    long computeNanos() {
        return computeNanos;
    }

    long idleNanos() {
        return idleNanos;
    }
}
