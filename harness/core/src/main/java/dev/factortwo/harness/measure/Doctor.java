package dev.factortwo.harness.measure;

import dev.factortwo.harness.device.DeviceProbe;
import dev.factortwo.harness.device.GpuInfo;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.harness.tier.Tiers;
import java.io.IOException;
import java.io.PrintStream;
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
import org.apache.spark.sql.SparkSession;

/**
 * Checks the stack factortwo needs and says, for each problem, what is wrong and how to fix it; in a container,
 * also whether the CPUs and memory it grants fit what Spark and TensorFlow are told to use.
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
    private final java.util.function.Supplier<Optional<String>> tensorflowProblem;

    /**
     * @param master           the Spark master runs would use, checked against the CPU limit
     * @param tfIntraOpThreads TensorFlow intra-op threads runs would use
     */
    public Doctor(Path scratch, boolean services, String master, int tfIntraOpThreads) {
        this(scratch, services, master, tfIntraOpThreads, DeviceProbe::nativeLibraryProblem);
    }

    /** @param tensorflowProblem why TensorFlow's native library does not load, or empty when it does */
    Doctor(Path scratch, boolean services, String master, int tfIntraOpThreads,
           java.util.function.Supplier<Optional<String>> tensorflowProblem) {
        this.scratch = scratch;
        this.services = services;
        this.master = master;
        this.tfIntraOpThreads = tfIntraOpThreads;
        this.tensorflowProblem = tensorflowProblem;
    }

    /** One check's outcome: {@code fix} is empty when it passed. */
    public record Check(String name, boolean ok, String detail, String fix) {
    }

    public List<Check> checks() {
        List<Check> out = new ArrayList<>();
        out.add(jdk());
        Check tf = guard("TensorFlow native library", this::tensorflow);
        out.add(tf);
        out.add(guard("GPU", () -> gpu(tf.ok())));
        out.add(guard("loopback", this::loopback));
        out.add(guard("scratch space", this::scratchSpace));
        out.add(guard(LimitsCheck.NAME, () -> LimitsCheck.check(CgroupLimits.read(), ContainerRuntime.detect(), master,
                tfIntraOpThreads, Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors())));
        out.add(guard("Spark (local mode)", this::spark));
        if (services) {
            out.add(guard("embedded HDFS", () -> service("hdfs")));
            out.add(guard("embedded S3", () -> service("s3")));
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
            }
        }
        out.println(healthy ? "factortwo doctor: healthy" : "factortwo doctor: problems found (see 'fix' above)");
        return healthy;
    }

    static Check jdk() {
        int major = Runtime.version().feature();
        return major >= 17
                ? new Check("JDK", true, "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")", "")
                : new Check("JDK", false, "Java " + major, "install a JDK 17 or newer and put it first on PATH (or set JAVA_HOME)");
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
            String fix = switch (name) {
                case "Spark (local mode)" -> "run with the JVM flags Spark needs on Java 17 (the ./factortwo launcher passes them) and SPARK_LOCAL_IP=127.0.0.1";
                case "embedded S3" -> "build the S3 server's classpath ('mvn -pl harness/s3server -am package') or set FACTORTWO_S3SERVER_CLASSPATH";
                case "loopback" -> "make 127.0.0.1 available to this process (network namespace, firewall)";
                default -> "see the message above";
            };
            return new Check(name, false, e.getClass().getSimpleName() + ": " + e.getMessage(), fix);
        }
    }

    @FunctionalInterface
    interface Callable {
        Check call() throws Exception;
    }

}
