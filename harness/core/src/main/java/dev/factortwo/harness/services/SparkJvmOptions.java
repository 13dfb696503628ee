package dev.factortwo.harness.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JVM flags and Spark settings for Spark 4 processes started by the harness. */
public final class SparkJvmOptions {
    /** The JDK feature version from which {@code java.base} no longer has {@code sun.security.action}. */
    static final int NO_SUN_SECURITY_ACTION = 25;
    /** The first JDK that knows {@code --sun-misc-unsafe-memory-access} (earlier ones refuse to start with it). */
    static final int UNSAFE_MEMORY_ACCESS_OPTION = 23;

    /**
     * The flags a Spark JVM needs on JDK {@code feature}, in order: Spark's {@code --add-opens} list (Kryo fails
     * with {@code InaccessibleObjectException} without {@code java.nio}), {@code
     * --add-opens=java.base/sun.security.action} only below JDK 25 (the package is gone there and the JVM warns), {@code --enable-native-access=ALL-UNNAMED} (TensorFlow's JavaCPP and netty load
     * native code; JDK 24+ warns without it), and {@code --sun-misc-unsafe-memory-access=allow} from JDK 23
     * (Spark, netty and Arrow use {@code sun.misc.Unsafe}; JDK 24+ warns without it, JDK 17-22 refuse the option).
     *
     * <p>{@code scripts/jvm-flags} prints the same list for the launcher and scripts; the parent pom's
     * {@code spark.jvm.flags} with its {@code jdk23} and {@code jdk25} profiles give surefire the same.
     *
     * <p>Unlike Spark's own launcher, no {@code --add-modules=jdk.incubator.vector}: with it MLlib's BLAS
     * (dev.ludovic.netlib) takes its Vector API path, and the same MLlib fit gave different bits on JDK 17 and
     * 25; without it (plain Java BLAS) the bits were equal, and the JVM no longer warns about incubator
     * modules. Executors that Spark's worker launches still get the module from Spark. Example:
     * {@code SparkJvmOptions.forJdk(25)} has no {@code sun.security.action} entry.
     */
    public static List<String> forJdk(int feature) {
        if (feature < 17) {
            throw new IllegalArgumentException("JDK " + feature + ": Spark 4 needs JDK 17 or newer");
        }
        List<String> flags = new ArrayList<>(List.of(
                "-XX:+IgnoreUnrecognizedVMOptions", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED"));
        if (feature < NO_SUN_SECURITY_ACTION) {
            flags.add("--add-opens=java.base/sun.security.action=ALL-UNNAMED");
        }
        flags.addAll(List.of("--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
                "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                "-Dio.netty.tryReflectionSetAccessible=true", "-Djdk.reflect.useDirectMethodHandle=false",
                "--enable-native-access=ALL-UNNAMED"));
        if (feature >= UNSAFE_MEMORY_ACCESS_OPTION) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return List.copyOf(flags);
    }

    /** {@link #forJdk(int)} for the JDK this JVM runs on (child JVMs are started from the same {@code java.home}). */
    public static List<String> current() {
        return forJdk(Runtime.version().feature());
    }

    /**
     * Short failure-detection timeouts for tests and fault cells: a hung executor is declared lost after
     * 6 s instead of minutes, and a barrier stage waiting for slots gives up quickly.
     */
    public static final Map<String, String> FAST_FAILURE_DETECTION = Map.of(
            "spark.network.timeout", "6s",
            "spark.network.timeoutInterval", "1s",
            "spark.executor.heartbeatInterval", "1s",
            "spark.scheduler.barrier.maxConcurrentTasksCheck.interval", "1s",
            "spark.scheduler.barrier.maxConcurrentTasksCheck.maxFailures", "10");

    /** Driver settings that keep Spark on 127.0.0.1 (the host name resolves there, but Spark would pick eth0). */
    public static final Map<String, String> LOOPBACK_DRIVER = Map.of(
            "spark.driver.host", LoopbackPorts.HOST,
            "spark.driver.bindAddress", LoopbackPorts.HOST);

    private SparkJvmOptions() {
    }
}
