package dev.factortwo.harness.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The peak memory of this JVM over a measured region: peak heap (the peak usage of every heap pool,
 * summed) and peak resident set size ({@code VmHWM} of {@code /proc/self/status}).
 *
 * <p>{@link #start()} resets both peaks: the heap pools' peaks through {@link MemoryPoolMXBean#resetPeakUsage},
 * the kernel's high-water mark by writing {@code 5} to {@code /proc/self/clear_refs} (Linux 4.0 and later;
 * where that is not permitted the RSS peak counts since the JVM started, and {@link Reading#rssSinceStart()}
 * says so). Heap pools can peak at different moments, so the summed heap peak is an upper bound of the
 * heap in use at any one moment.
 *
 * <p>The peaks are process-wide: two regions measured at once in one JVM see each other. Not thread-safe.
 *
 * <pre>{@code
 * PeakMemory peak = PeakMemory.start();
 * runTheCell();
 * PeakMemory.Reading r = peak.read();   // r.peakHeapBytes(), r.peakRssBytes()
 * }</pre>
 */
public final class PeakMemory {

    /** Where the kernel reports this process's memory. */
    static final Path STATUS = Path.of("/proc/self/status");
    /** Writing {@value #RESET_HWM} here resets {@code VmHWM} to the current RSS. */
    static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    static final String RESET_HWM = "5";

    private final List<MemoryPoolMXBean> heapPools;
    private final boolean rssReset;

    private PeakMemory(List<MemoryPoolMXBean> heapPools, boolean rssReset) {
        this.heapPools = heapPools;
        this.rssReset = rssReset;
    }

    /**
     * The peaks of one measured region.
     *
     * @param peakHeapBytes  summed peak usage of the heap pools since {@link #start()}, bytes
     * @param peakRssBytes   peak resident set size, bytes; -1 where {@code /proc/self/status} cannot be read
     * @param rssSinceStart  true when the RSS peak could not be reset and counts since the JVM started
     */
    public record Reading(long peakHeapBytes, long peakRssBytes, boolean rssSinceStart) {

        /** e.g. {@code peak heap 412.3 MiB, peak RSS 1203.9 MiB (since the JVM started)}. */
        public String describe() {
            String rss = peakRssBytes < 0 ? "unreadable" : String.format("%.1f MiB", peakRssBytes / 1048576.0);
            return String.format("peak heap %.1f MiB, peak RSS %s%s", peakHeapBytes / 1048576.0, rss,
                    rssSinceStart ? " (since the JVM started)" : "");
        }
    }

    /** Resets the peaks and starts a measured region. */
    public static PeakMemory start() {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isValid())
                .toList();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        return new PeakMemory(pools, resetRssPeak());
    }

    /** The peaks since {@link #start()}; may be called more than once. */
    public Reading read() {
        long heap = 0;
        for (MemoryPoolMXBean p : heapPools) {
            MemoryUsage peak = p.isValid() ? p.getPeakUsage() : null;
            if (peak != null) heap += peak.getUsed();
        }
        long rss = statusField(STATUS, "VmHWM").orElse(-1);
        return new Reading(heap, rss, !rssReset);
    }

    /** Resident set size now, bytes ({@code VmRSS}); -1 where unreadable. */
    public static long currentRssBytes() {
        return statusField(STATUS, "VmRSS").orElse(-1);
    }

    /** Resets the kernel's RSS high-water mark of this process; false where not permitted (or not Linux). */
    static boolean resetRssPeak() {
        try {
            Files.writeString(CLEAR_REFS, RESET_HWM, StandardCharsets.US_ASCII);
            return true;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    static OptionalLong statusField(Path status, String field) {
        try {
            return parseStatusField(Files.readString(status, StandardCharsets.US_ASCII), field);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The value of a {@code kB} field of a {@code /proc/PID/status} text ({@code "VmHWM:\t  123456 kB"}),
     * in bytes; empty when the field is missing or malformed.
     */
    static OptionalLong parseStatusField(String status, String field) {
        String prefix = field + ":";
        for (String line : status.split("\n")) {
            if (!line.startsWith(prefix)) continue;
            String[] parts = line.substring(prefix.length()).trim().split("\\s+");
            if (parts.length != 2 || !parts[1].equals("kB")) return OptionalLong.empty();
            try {
                return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
