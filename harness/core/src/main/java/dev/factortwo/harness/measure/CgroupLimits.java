package dev.factortwo.harness.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The CPU and memory limits the kernel enforces on this process through cgroups (v2, or v1 as on hybrid
 * hosts), as a container engine's {@code --cpus} and {@code --memory} set them. The tightest limit on the
 * way from the process's cgroup up to the root of the hierarchy counts; a hierarchy that cannot be read
 * gives no limit and says so in {@link #source()}. Immutable.
 *
 * <pre>{@code
 * CgroupLimits limits = CgroupLimits.read();
 * limits.cpus();         // OptionalDouble[1.5] under --cpus=1.5, empty without a quota
 * limits.memoryBytes();  // OptionalLong[4294967296] under --memory=4g
 * }</pre>
 *
 * @param cpus        CPU quota in CPUs (quota / period), empty when there is none
 * @param memoryBytes memory limit in bytes, empty when there is none
 * @param source      {@code cgroup v2}, {@code cgroup v1} or {@code unreadable: REASON}
 */
public record CgroupLimits(OptionalDouble cpus, OptionalLong memoryBytes, String source) {

    /** cgroup v1 writes "no limit" as a page-aligned Long.MAX_VALUE; anything at or above 2^62 is no limit. */
    static final long V1_UNLIMITED = 1L << 62;

    /** Reads the limits of this process from {@code /sys/fs/cgroup} and {@code /proc/self/cgroup}. */
    public static CgroupLimits read() {
        try {
            return read(Path.of("/sys/fs/cgroup"), Files.readString(Path.of("/proc/self/cgroup")));
        } catch (IOException e) {
            return new CgroupLimits(OptionalDouble.empty(), OptionalLong.empty(), "unreadable: " + e.getMessage());
        }
    }

    /**
     * @param root       where the cgroup file systems are mounted ({@code /sys/fs/cgroup})
     * @param procCgroup the text of {@code /proc/self/cgroup}
     */
    static CgroupLimits read(Path root, String procCgroup) {
        if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
            String path = membership(procCgroup, "").orElse("/");
            return new CgroupLimits(
                    tightest(root, path, "cpu.max").map(CgroupLimits::cpusV2).orElse(OptionalDouble.empty()),
                    tightest(root, path, "memory.max").map(CgroupLimits::bytes).orElse(OptionalLong.empty()),
                    "cgroup v2");
        }
        Optional<Path> cpuDir = firstDirectory(root.resolve("cpu"), root.resolve("cpu,cpuacct"), root.resolve("cpuacct,cpu"));
        Optional<Path> memoryDir = firstDirectory(root.resolve("memory"));
        if (cpuDir.isEmpty() && memoryDir.isEmpty()) {
            return new CgroupLimits(OptionalDouble.empty(), OptionalLong.empty(), "unreadable: no cgroup file system under " + root);
        }
        OptionalDouble cpus = cpuDir.map(dir -> cpusV1(dir, membership(procCgroup, "cpu").orElse("/")))
                .orElse(OptionalDouble.empty());
        OptionalLong memory = memoryDir.flatMap(dir -> tightest(dir, membership(procCgroup, "memory").orElse("/"), "memory.limit_in_bytes"))
                .map(CgroupLimits::bytes).orElse(OptionalLong.empty());
        return new CgroupLimits(cpus, memory, "cgroup v1");
    }

    /** The cgroup path of {@code controller} ({@code ""} for the v2 unified hierarchy) in /proc/self/cgroup. */
    static Optional<String> membership(String procCgroup, String controller) {
        for (String line : procCgroup.split("\n")) {
            String[] f = line.trim().split(":", 3);
            if (f.length != 3) continue;
            boolean match = controller.isEmpty() ? f[0].equals("0") && f[1].isEmpty() : List.of(f[1].split(",")).contains(controller);
            if (match) return Optional.of(f[2]);
        }
        return Optional.empty();
    }

    /**
     * The tightest value of {@code file} from the cgroup {@code path} up to the mount root. Inside a container the
     * mount root is the container's own cgroup and the path names the host's hierarchy, which is not there: the
     * walk then ends at the root, which is the container's.
     */
    private static Optional<String> tightest(Path mount, String path, String file) {
        Optional<String> best = Optional.empty();
        Path dir = mount.resolve(path.replaceFirst("^/+", ""));
        while (dir != null && dir.startsWith(mount)) {
            Optional<String> v = EnvironmentCapture.read(dir.resolve(file).toString());
            if (v.isPresent() && (best.isEmpty() || tighter(v.get(), best.get()))) best = v;
            dir = dir.equals(mount) ? null : dir.getParent();
        }
        return best;
    }

    private static boolean tighter(String a, String b) {
        if (a.startsWith("max") || a.startsWith("-1")) return false;
        if (b.startsWith("max") || b.startsWith("-1")) return true;
        try {
            return cpuOrBytes(a) < cpuOrBytes(b);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double cpuOrBytes(String v) {
        String[] f = v.trim().split("\\s+");
        return f.length == 2 ? Double.parseDouble(f[0]) / Double.parseDouble(f[1]) : Double.parseDouble(f[0]);
    }

    /** v2 {@code cpu.max}: "QUOTA PERIOD" or "max PERIOD". */
    static OptionalDouble cpusV2(String cpuMax) {
        String[] f = cpuMax.trim().split("\\s+");
        if (f.length != 2 || f[0].equals("max")) return OptionalDouble.empty();
        try {
            return OptionalDouble.of(Double.parseDouble(f[0]) / Double.parseDouble(f[1]));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** v1: quota and period are two files; -1 is no quota. Walks up like {@link #tightest}. */
    private static OptionalDouble cpusV1(Path mount, String path) {
        OptionalDouble best = OptionalDouble.empty();
        Path dir = mount.resolve(path.replaceFirst("^/+", ""));
        while (dir != null && dir.startsWith(mount)) {
            Optional<String> quota = EnvironmentCapture.read(dir.resolve("cpu.cfs_quota_us").toString());
            Optional<String> period = EnvironmentCapture.read(dir.resolve("cpu.cfs_period_us").toString());
            if (quota.isPresent() && period.isPresent()) {
                OptionalDouble c = cpusV2(quota.get().trim().replace("-1", "max") + " " + period.get().trim());
                if (c.isPresent() && (best.isEmpty() || c.getAsDouble() < best.getAsDouble())) best = c;
            }
            dir = dir.equals(mount) ? null : dir.getParent();
        }
        return best;
    }

    /** "max", a v1 "unlimited" or a byte count. */
    static OptionalLong bytes(String v) {
        String s = v.trim();
        if (s.equals("max")) return OptionalLong.empty();
        try {
            long b = Long.parseLong(s);
            return b >= V1_UNLIMITED ? OptionalLong.empty() : OptionalLong.of(b);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<Path> firstDirectory(Path... candidates) {
        for (Path p : candidates) {
            if (Files.isDirectory(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** {@code 1.5} CPUs, or {@code none}. */
    public String cpusText() {
        return cpus.isPresent() ? String.format(Locale.ROOT, "%.2f", cpus.getAsDouble()).replaceAll("\\.?0+$", "") : "none";
    }

    /** The byte count, or {@code none}. */
    public String memoryText() {
        return memoryBytes.isPresent() ? Long.toString(memoryBytes.getAsLong()) : "none";
    }
}
