package dev.factortwo.harness.services;

import java.util.List;
import java.util.Map;

/** JVM flags and Spark settings for Spark 4 processes started by the harness. */
public final class SparkJvmOptions {
    /** Flags every Spark JVM needs on Java 17 (Spark's own launcher passes the same; see STACK.md). */
    public static final List<String> JAVA_17 = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true", "-Djdk.reflect.useDirectMethodHandle=false");

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
