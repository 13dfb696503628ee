package dev.factortwo.harness.measure;

import dev.factortwo.harness.device.GpuInfo;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.model.Environment;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Reads where a run happens: hardware, cgroup limits, the container and image (if any), JVM and the Debian
 * packages of the JRE and C library, library versions, every setting known to change the bits of a result, and
 * the git state of the build. Each fact that cannot be read says so.
 */
public final class EnvironmentCapture {

    /** The commit and dirty flag an image was built from (its Containerfile sets them; no git inside). */
    public static final String BUILT_COMMIT_ENV = "FACTORTWO_GIT_COMMIT", BUILT_DIRTY_ENV = "FACTORTWO_GIT_DIRTY";

    private EnvironmentCapture() {
    }

    public static Environment capture(TfSettings tf, String sparkMaster, Map<String, String> sparkConf) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("jvmFlags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("--add-opens")).toList()));
        extra.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", ")));
        extra.put("maxHeapBytes", String.valueOf(Runtime.getRuntime().maxMemory()));
        CgroupLimits limits = CgroupLimits.read();
        extra.put("containerCpuLimit", limits.cpusText());
        extra.put("containerMemoryLimit", limits.memoryText());
        extra.put("cgroup", limits.source());
        Optional<ContainerRuntime> container = ContainerRuntime.detect();
        extra.put("container", container.map(ContainerRuntime::engine).orElse("none"));
        container.ifPresent(c -> {
            extra.put("containerImage", c.image());
            extra.put("containerImageId", c.imageId());
        });
        extra.putAll(DebianPackages.describe(DebianPackages.DPKG, System.getProperty("java.home")));
        extra.put("cpuGovernor", read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor").orElse("unreadable"));
        extra.put("sparkMaster", sparkMaster);
        sparkConf.forEach((k, v) -> {
            if (!k.toLowerCase().contains("secret") && !k.toLowerCase().contains("key") && !k.toLowerCase().contains("password")) {
                extra.put("spark:" + k, v);
            }
        });
        extra.put("tfDeterministicOps", System.getenv().getOrDefault("TF_DETERMINISTIC_OPS", "unset"));
        extra.put("tfThreadPools", TfSettings.pools());
        extra.put("dataOrder", "per-partition Fisher-Yates from SplitMix64(seed, epoch, partition)");
        extra.put("aggregationOrder", "weights averaged in partition order, float32");
        Optional<String> gpu = GpuInfo.query();
        gpu.ifPresent(g -> extra.put("gpuQuery", g));
        // in an image there is no repository: scripts/image build records the commit it was built from
        Optional<String> gitCommit = git("rev-parse", "HEAD");
        String commit = gitCommit.or(() -> Optional.ofNullable(System.getenv(BUILT_COMMIT_ENV))).orElse("unknown");
        boolean dirty = gitCommit.isPresent()
                ? git("status", "--porcelain", "--untracked-files=no").map(s -> !s.isBlank()).orElse(false)
                : "true".equals(System.getenv(BUILT_DIRTY_ENV));
        return new Environment(
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel(), Runtime.getRuntime().availableProcessors(), memoryBytes(),
                gpu.orElse("none"),
                Versions.tensorflow(), Versions.spark(), Versions.hadoop(),
                tf.intraOpThreads(), tf.interOpThreads(),
                System.getenv().getOrDefault("TF_ENABLE_ONEDNN_OPTS", "default"),
                commit, dirty, extra);
    }

    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static long memoryBytes() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return -1;
    }

    static Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path)).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Runs git in the working directory; empty when git or the repository is missing. */
    static Optional<String> git(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "git";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) return Optional.empty();
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
