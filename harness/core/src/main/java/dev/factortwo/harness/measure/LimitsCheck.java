package dev.factortwo.harness.measure;

import dev.factortwo.harness.services.EmbeddedS3;
import dev.factortwo.harness.services.StandaloneCluster;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Doctor's check of the CPU and memory a container (or any cgroup) grants against what Spark and TensorFlow
 * were told to use: Spark's task slots against the CPU quota, and the heaps of every JVM a run starts against
 * the memory limit. Fewer CPUs than task slots fails (the tasks time-share the CPUs, so the throughput
 * measured is the quota's, not the configuration's); so do heaps larger than the memory limit (the kernel
 * kills the run). TensorFlow's threads and native memory are reported, not judged: two slots of two
 * intra-op threads on two CPUs is the reference machine's default.
 */
final class LimitsCheck {

    static final String NAME = "CPU and memory limits";
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)(?:,\\d+)?]");
    private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[(\\d+),\\s*(\\d+),\\s*(\\d+)]");

    private LimitsCheck() {
    }

    /**
     * @param master           the Spark master a run would use ({@code local[2,4]}, {@code standalone}, ...)
     * @param tfIntraOpThreads TensorFlow intra-op threads per task
     * @param jvmMaxHeap       this JVM's maximum heap in bytes (the driver's, in local mode the executors' too)
     * @param processors       CPUs this JVM sees (for {@code local[*]})
     */
    static Doctor.Check check(CgroupLimits limits, Optional<ContainerRuntime> container, String master,
                              int tfIntraOpThreads, long jvmMaxHeap, int processors) {
        OptionalInt slots = sparkSlots(master, processors);
        long heaps = jvmMaxHeap + bytes(EmbeddedS3.HEAP);
        String heapParts = "this JVM " + gib(jvmMaxHeap) + " + S3 server " + EmbeddedS3.HEAP;
        if ("standalone".equals(master)) {
            heaps += bytes(StandaloneCluster.Settings.DEFAULT_WORKER_MEMORY) + 2 * bytes(StandaloneCluster.Settings.DEFAULT_DAEMON_HEAP);
            heapParts += " + executors " + StandaloneCluster.Settings.DEFAULT_WORKER_MEMORY + " + master and worker "
                    + StandaloneCluster.Settings.DEFAULT_DAEMON_HEAP + " each";
        }
        String where = container.map(c -> "in " + c.describe()).orElse("not in a container");
        String told = "Spark " + master + ": " + (slots.isPresent() ? slots.getAsInt() + " task slot(s)" : "slots set by the cluster")
                + " x " + tfIntraOpThreads + " TensorFlow intra-op thread(s)";
        String detail = String.format(Locale.ROOT, "%s, %s; CPUs: limit %s for %s; memory: limit %s for heaps of %s (%s; native memory comes on top)",
                where, limits.source(), limits.cpus().isPresent() ? limits.cpusText() : "none (" + processors + " visible)",
                told, limits.memoryBytes().isPresent() ? gib(limits.memoryBytes().getAsLong()) : "none", gib(heaps), heapParts);
        boolean cpuShort = limits.cpus().isPresent() && slots.isPresent() && limits.cpus().getAsDouble() < slots.getAsInt();
        boolean memoryShort = limits.memoryBytes().isPresent() && limits.memoryBytes().getAsLong() < heaps;
        if (!cpuShort && !memoryShort) return new Doctor.Check(NAME, true, detail, "");
        StringBuilder fix = new StringBuilder();
        if (cpuShort) {
            fix.append(String.format(Locale.ROOT, "%d task slots on %s CPUs time-share them: give the container %d CPUs "
                            + "(scripts/image run --cpus=%d -- ...), or run fewer slots (--master local[%d,4] --partitions %d; "
                            + "the partition count changes the bits)",
                    slots.getAsInt(), limits.cpusText(), slots.getAsInt(), slots.getAsInt(),
                    Math.max(1, (int) limits.cpus().getAsDouble()), Math.max(1, (int) limits.cpus().getAsDouble())));
        }
        if (memoryShort) {
            if (fix.length() > 0) fix.append("; ");
            fix.append("the heaps exceed the memory limit and the kernel would kill the run: give the container more memory "
                    + "(scripts/image run --memory=" + (int) Math.ceil((heaps + (1L << 30)) / (double) (1L << 30)) + "g -- ...) "
                    + "or a smaller heap (FACTORTWO_JAVA_OPTS=-Xmx...)");
        }
        return new Doctor.Check(NAME, false, detail, fix.toString());
    }

    /** Task slots of a Spark master: local[N,F] gives N; standalone the harness's worker cores; a cluster URL none known. */
    static OptionalInt sparkSlots(String master, int processors) {
        if ("local".equals(master)) return OptionalInt.of(1);
        if ("standalone".equals(master)) return OptionalInt.of(StandaloneCluster.Settings.DEFAULT_WORKER_CORES);
        Matcher m = LOCAL.matcher(master);
        if (m.matches()) return OptionalInt.of(m.group(1).equals("*") ? processors : Integer.parseInt(m.group(1)));
        m = LOCAL_CLUSTER.matcher(master);
        if (m.matches()) return OptionalInt.of(Integer.parseInt(m.group(1)) * Integer.parseInt(m.group(2)));
        return OptionalInt.empty();
    }

    /** Bytes of a JVM/Spark size: {@code 256m}, {@code 2g}. */
    static long bytes(String size) {
        long n = Long.parseLong(size.substring(0, size.length() - 1));
        return switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            default -> throw new IllegalArgumentException("size '" + size + "': expected a number and k, m or g");
        };
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
