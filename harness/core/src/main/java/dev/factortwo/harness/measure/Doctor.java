package dev.factortwo.harness.measure;

import dev.factortwo.harness.device.DeviceProbe;
import dev.factortwo.harness.device.GpuInfo;
import dev.factortwo.harness.services.SparkJvmOptions;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.harness.tier.Tiers;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Checks the stack factortwo needs and says, for each problem, what is wrong and how to fix it, in one line:
 * a check that fails for a known environment reason ({@link EnvironmentProblem}) prints that reason and its
 * fix, never the library's exception text. The versions are judged against {@link SupportMatrix}; in a
 * container, it also checks whether the CPUs and memory it grants fit what Spark and TensorFlow are told to use.
 */
public final class Doctor {

    /** Scratch space below which runs may fail: shards, embedded HDFS and S3 data. */
    public static final long MIN_SCRATCH_BYTES = 2L << 30;
    /** CUDA and cuDNN majors TensorFlow 2.18 (TF Java 1.1.0) was built for. */
    public static final int CUDA_MAJOR = 12, CUDNN_MAJOR = 9;

    private final Path scratch;
    private final boolean services;
    private final String master;
    private final int tfIntraOpThreads;
    private final Supplier<Optional<String>> tensorflowProblem;
    private final Supplier<SupportMatrix.Stack> stack;

    /**
     * @param master           the Spark master runs would use, checked against the CPU limit
     * @param tfIntraOpThreads TensorFlow intra-op threads runs would use
     */
    public Doctor(Path scratch, boolean services, String master, int tfIntraOpThreads) {
        this(scratch, services, master, tfIntraOpThreads, DeviceProbe::nativeLibraryProblem, SupportMatrix.Stack::current);
    }

    /**
     * @param tensorflowProblem why TensorFlow's native library does not load, or empty when it does
     * @param stack             the versions to judge (the running ones, or a stack under test)
     */
    Doctor(Path scratch, boolean services, String master, int tfIntraOpThreads, Supplier<Optional<String>> tensorflowProblem,
           Supplier<SupportMatrix.Stack> stack) {
        this.scratch = scratch;
        this.services = services;
        this.master = master;
        this.tfIntraOpThreads = tfIntraOpThreads;
        this.tensorflowProblem = tensorflowProblem;
        this.stack = stack;
    }

    /** One check's outcome: {@code fix} is empty when it passed, or a note when it passed with a caveat. */
    public record Check(String name, boolean ok, String detail, String fix) {
    }

    public List<Check> checks() {
        List<Check> out = new ArrayList<>();
        out.add(jdk(Runtime.version().feature(), ManagementFactory.getRuntimeMXBean().getInputArguments()));
        SupportMatrix.Stack versions = stack.get();
        SupportMatrix.Verdict verdict = SupportMatrix.judge(versions);
        out.add(new Check("versions", verdict.status() != SupportMatrix.Status.BROKEN,
                versions.describe() + ": " + verdict.status().name().toLowerCase(java.util.Locale.ROOT) + ", " + verdict.detail(),
                verdict.fix()));
        Check tf = guard("TensorFlow native library", this::tensorflow);
        out.add(tf);
        out.add(guard("GPU", () -> gpu(tf.ok())));
        out.add(guard("loopback", this::loopback));
        out.add(guard("scratch space", this::scratchSpace));
        out.add(guard(LimitsCheck.NAME, () -> LimitsCheck.check(CgroupLimits.read(), ContainerRuntime.detect(), master,
                tfIntraOpThreads, Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors())));
        out.add(guard("Spark (local mode)", this::spark));
        if (services) {
            // every tier with a store of its own behind a service (hdfs and s3 today), asked, not named
            for (String name : Tiers.names()) {
                if (remoteStore(name)) out.add(guard("embedded " + name, () -> service(name)));
            }
        }
        return out;
    }

    /** Prints every check; returns true when all passed. */
    public boolean run(PrintStream out) {
        boolean healthy = true;
        for (Check c : checks()) {
            out.printf("%-28s %s  %s%n", c.name(), c.ok() ? "ok  " : "FAIL", c.detail());
            if (!c.ok()) {
                out.println("    fix: " + c.fix());
                healthy = false;
            } else if (!c.fix().isEmpty()) {
                out.println("    note: " + c.fix());
            }
        }
        out.println(healthy ? "factortwo doctor: healthy" : "factortwo doctor: problems found (see 'fix' above)");
        return healthy;
    }

    /**
     * The JDK, and whether this JVM got the flags Spark needs on it ({@link SparkJvmOptions#forJdk}). The
     * flags that only silence warnings ({@code --enable-native-access}, {@code --sun-misc-unsafe-memory-access})
     * are noted when missing, not failed.
     */
    static Check jdk(int feature, List<String> jvmArguments) {
        String jdk = "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
        if (feature < 17) {
            return new Check("JDK", false, jdk, SupportMatrix.JDK_FIX);
        }
        List<String> missing = new ArrayList<>(), quieting = new ArrayList<>();
        for (String flag : SparkJvmOptions.forJdk(feature)) {
            if (jvmArguments.contains(flag) || flag.startsWith("-XX:") || flag.startsWith("-D")) continue;
            (flag.startsWith("--enable-native-access") || flag.startsWith("--sun-misc") ? quieting : missing).add(flag);
        }
        if (!missing.isEmpty()) {
            return new Check("JDK", false, jdk + ", without " + missing.size() + " of the flags Spark needs on JDK " + feature
                    + " (" + missing.get(0) + (missing.size() > 1 ? ", ..." : "") + ")",
                    "start through ./factortwo, which passes them, or add the output of 'scripts/jvm-flags' to the java command");
        }
        return new Check("JDK", true, jdk + ", with the JVM flags for JDK " + feature,
                quieting.isEmpty() ? "" : "without " + String.join(" ", quieting) + ", the JVM prints warnings (harmless)");
    }

    Check tensorflow() {
        Optional<String> problem = tensorflowProblem.get();
        return problem.map(p -> new Check("TensorFlow native library", false, p,
                        "the native jar must match this machine (linux-x86_64); rebuild with 'mvn -DskipTests package', "
                                + "check ~/.javacpp/cache has room (about 650 MB), and that glibc is recent enough"))
                .orElseGet(() -> new Check("TensorFlow native library", true, "TensorFlow " + Versions.tensorflow(), ""));
    }

    static Check gpu(boolean tfLoads) {
        Optional<String> smi = GpuInfo.query();
        if (smi.isEmpty()) return new Check("GPU", true, "none found (nvidia-smi absent or no device): device is cpu", "");
        boolean tfGpu = tfLoads && DeviceProbe.tensorflowGpu();
        String cuda = library("libcudart.so"), cudnn = library("libcudnn.so");
        String detail = smi.get() + "; CUDA runtime " + cuda + ", cuDNN " + cudnn;
        if (!tfGpu) {
            return new Check("GPU", false, detail + "; TensorFlow does not use it",
                    "build with the GPU native library ('mvn -Pgpu -DskipTests package'), and install CUDA " + CUDA_MAJOR
                            + ".x and cuDNN " + CUDNN_MAJOR + ".x, which this TensorFlow was built for");
        }
        boolean matches = cuda.startsWith(CUDA_MAJOR + ".") && cudnn.startsWith(CUDNN_MAJOR + ".");
        return matches ? new Check("GPU", true, detail + "; TensorFlow uses it", "")
                : new Check("GPU", false, detail + "; TensorFlow was built for CUDA " + CUDA_MAJOR + " and cuDNN " + CUDNN_MAJOR,
                "a locally installed CUDA/cuDNN of another version shadows the matching one (the classic 'we installed our own "
                        + "CUDA and the GPU got slow'): put CUDA " + CUDA_MAJOR + ".x and cuDNN " + CUDNN_MAJOR + ".x first on LD_LIBRARY_PATH");
    }

    /** Version of a shared library from {@code ldconfig -p}, or "absent". */
    static String library(String name) {
        try {
            Process p = new ProcessBuilder("ldconfig", "-p").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().map(String::trim).filter(l -> l.startsWith(name + "."))
                    .map(l -> l.substring(name.length() + 1, l.indexOf(' ') > 0 ? l.indexOf(' ') : l.length()))
                    .findFirst().orElse("absent");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    Check loopback() throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(lo, 0));
        }
        String env = System.getenv("SPARK_LOCAL_IP");
        return new Check("loopback", true, "127.0.0.1 binds" + (env == null ? " (SPARK_LOCAL_IP unset: factortwo binds Spark to 127.0.0.1 itself)" : "; SPARK_LOCAL_IP=" + env), "");
    }

    Check scratchSpace() throws IOException {
        Files.createDirectories(scratch);
        long free = Files.getFileStore(scratch).getUsableSpace();
        String detail = String.format("%.1f GB free under %s", free / 1e9, scratch.toAbsolutePath());
        return free >= MIN_SCRATCH_BYTES ? new Check("scratch space", true, detail, "")
                : new Check("scratch space", false, detail, "free at least " + MIN_SCRATCH_BYTES / (1L << 30) + " GiB, or point --scratch at a larger disk");
    }

    Check spark() {
        long t0 = System.nanoTime();
        SparkSession s = SparkSessions.start("local[2]", Map.of());
        try {
            long n = SparkSessions.context(s).parallelize(List.of(1, 2, 3, 4), 2).count();
            if (n != 4) return new Check("Spark (local mode)", false, "a 4-element job counted " + n, "report this as a bug");
            return new Check("Spark (local mode)", true, String.format("Spark %s started and ran a job in %.1f s", s.version(), (System.nanoTime() - t0) / 1e9), "");
        } finally {
            s.stop();
        }
    }

    private boolean remoteStore(String tierName) {
        try (StorageTier t = Tiers.create(tierName, TierSettings.embedded(scratch.resolve("services")))) {
            return t.remoteStore();
        } catch (Exception e) {
            return true; // a tier that cannot even be made is checked, and fails, with its own message
        }
    }

    Check service(String tierName) throws IOException {
        long t0 = System.nanoTime();
        try (StorageTier t = Tiers.create(tierName, TierSettings.embedded(scratch.resolve("services")))) {
            t.start();
            return new Check("embedded " + tierName, true, String.format("%s up in %.1f s", t.describe(), (System.nanoTime() - t0) / 1e9), "");
        }
    }

    private static Check guard(String name, Callable check) {
        try {
            return check.call();
        } catch (Throwable e) {
            Optional<EnvironmentProblem> environment = EnvironmentProblem.of(e);
            if (environment.isPresent()) {
                return new Check(name, false, environment.get().what(), environment.get().fix());
            }
            String fix = switch (name) {
                case "Spark (local mode)" -> "run with the JVM flags Spark needs (the ./factortwo launcher passes them) and SPARK_LOCAL_IP=127.0.0.1";
                case "embedded s3" -> "build the S3 server's classpath ('mvn -pl harness/s3server -am package') or set FACTORTWO_S3SERVER_CLASSPATH";
                case "loopback" -> "make 127.0.0.1 available to this process (network namespace, firewall)";
                default -> "run './factortwo doctor --verbose' to see the libraries' own logging";
            };
            return new Check(name, false, e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), fix);
        }
    }

    /** The first line of a message, at most 300 characters (some libraries put a whole log into one). */
    static String firstLine(String message) {
        if (message == null) return "(no message)";
        String line = message.lines().findFirst().orElse("").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    @FunctionalInterface
    interface Callable {
        Check call() throws Exception;
    }

}
