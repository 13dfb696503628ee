package dev.factortwo.harness.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What else the machine was doing while a repetition ran: the 1-minute load average at its end, the cores kept
 * busy by other processes (all CPU time of the machine from {@code /proc/stat} minus this JVM's own, per second
 * of wall time; child JVMs such as the S3 server count as other), and the cores lost to steal. Linux only;
 * elsewhere every figure is NaN. {@code /proc/stat} counts in ticks of 1/100 s (USER_HZ on every Linux
 * architecture that runs Java). Stateless; thread-safe.
 */
public final class MachineLoad {

    static final double TICKS_PER_SECOND = 100;

    private MachineLoad() {
    }

    /** Counters at one moment. */
    public record Snapshot(long nanos, double loadAverage, long busyTicks, long stealTicks, long ownCpuNanos) {
    }

    /**
     * Load over an interval.
     *
     * @param loadAverage     1-minute load average at the interval's end
     * @param otherBusyCores  CPU seconds of other processes per wall second (0.5 = half a core busy elsewhere)
     * @param stealCores      CPU seconds stolen by the hypervisor per wall second
     * @param ownCpuSeconds   CPU seconds this JVM spent over the interval, all threads (NaN where unknown)
     */
    public record Reading(double loadAverage, double otherBusyCores, double stealCores, double ownCpuSeconds) {
    }

    public static Snapshot now() {
        long busy = -1, steal = -1;
        double load = Double.NaN;
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux, or a /proc this code does not understand: the figures stay unknown
        }
        return new Snapshot(System.nanoTime(), load, busy, steal, processCpuNanos());
    }

    /**
     * CPU time this JVM has spent so far, all its threads, in nanoseconds; -1 where the platform does not say. On
     * Linux the kernel leaves out the time the hypervisor stole.
     */
    public static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** CPU seconds between two {@link #processCpuNanos} readings, less {@code excludedNanos}; NaN where either is unknown. */
    public static double cpuSecondsBetween(long from, long to, long excludedNanos) {
        return from < 0 || to < 0 ? Double.NaN : Math.max(0, to - from - excludedNanos) / 1e9;
    }

    public static Reading between(Snapshot a, Snapshot b) {
        double wall = (b.nanos() - a.nanos()) / 1e9;
        double own = a.ownCpuNanos() < 0 || b.ownCpuNanos() < 0 ? Double.NaN : (b.ownCpuNanos() - a.ownCpuNanos()) / 1e9;
        if (!(wall > 0) || a.busyTicks() < 0 || b.busyTicks() < 0 || Double.isNaN(own)) {
            return new Reading(b.loadAverage(), Double.NaN, Double.NaN, own);
        }
        double busy = (b.busyTicks() - a.busyTicks()) / TICKS_PER_SECOND;
        double steal = (b.stealTicks() - a.stealTicks()) / TICKS_PER_SECOND;
        return new Reading(b.loadAverage(), Math.max(0, busy - own) / wall, Math.max(0, steal) / wall, own);
    }
}
