package dev.factortwo.harness.services;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Stands in for the harness in {@link ChildProcessesTest}: a JVM of its own that starts children the way the
 * harness does, prints {@code READY name=pid ...} on stdout, then waits. A line {@code close} on stdin (or
 * stdin's end, when the test JVM is gone) closes everything normally, prints {@code CLOSED} and exits 0.
 *
 * <p>Arguments: a scratch directory, then any of {@code s3} (an {@link EmbeddedS3}), {@code sleeper} (a
 * {@link ChildJvm} running {@link Sleeper}, whose own child is a {@code sleep} process that nothing but the
 * sleeper's {@link ParentWatch} stops) and {@code cluster} (a {@link StandaloneCluster} with an application
 * whose two executors are up).
 */
public final class HarnessStandIn {
    private HarnessStandIn() {
    }

    public static void main(String[] args) throws Exception {
        Path scratch = Path.of(args[0]);
        List<AutoCloseable> open = new ArrayList<>();
        StringJoiner ready = new StringJoiner(" ", "READY ", "");
        try {
            for (String what : List.of(args).subList(1, args.length)) {
                switch (what) {
                    case "s3" -> {
                        EmbeddedS3 s3 = EmbeddedS3.start(scratch.resolve("s3"), S3ServerClasspath.locate());
                        open.add(s3);
                        ready.add("s3=" + s3.pid().orElseThrow()).add("s3port=" + s3.port());
                    }
                    case "sleeper" -> {
                        ChildJvm sleeper = ChildJvm.start("sleeper", classpathOf(Sleeper.class), List.of("-Xmx32m"),
                                Sleeper.class.getName(), List.of(), Map.of(), scratch.resolve("sleeper").resolve("sleeper.log"));
                        open.add(sleeper);
                        sleeper.awaitReady(() -> sleeper.handle().children().findAny().isPresent(), Duration.ofSeconds(60),
                                "running its sleep");
                        ready.add("sleeper=" + sleeper.pid())
                                .add("sleep=" + sleeper.handle().children().findFirst().orElseThrow().pid());
                    }
                    case "cluster" -> startCluster(scratch, open, ready);
                    default -> throw new IllegalArgumentException("unknown child '" + what + "'");
                }
            }
            System.out.println(ready);
            System.out.flush();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                do {
                    line = in.readLine();
                } while (line != null && !line.equals("close"));
            }
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
        System.out.println("CLOSED");
        System.out.flush();
    }

    private static void startCluster(Path scratch, List<AutoCloseable> open, StringJoiner ready) throws Exception {
        StandaloneCluster cluster = StandaloneCluster.start(StandaloneCluster.Settings.defaults(scratch.resolve("cluster")));
        open.add(cluster);
        SparkConf conf = new SparkConf().setAppName("factortwo-child-processes-test")
                .set("spark.ui.enabled", "false")
                .set("spark.executor.cores", "1")
                .set("spark.executor.memory", "512m")
                .set("spark.cores.max", "2");
        cluster.driverConf().forEach(conf::set);
        JavaSparkContext sc = new JavaSparkContext(conf);
        open.add(sc);
        String appId = sc.sc().applicationId();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (cluster.executors(appId).size() < 2) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("executors of " + appId + " not up in 120 s: " + cluster.executors(appId)
                        + "; see " + cluster.logDir());
            }
            Thread.sleep(100);
        }
        ProcessHandle.current().children().forEach(child -> {
            List<String> arguments = StandaloneCluster.arguments(child);
            if (arguments.contains("org.apache.spark.deploy.master.Master")) {
                ready.add("master=" + child.pid());
            } else if (arguments.contains("org.apache.spark.deploy.worker.Worker")) {
                ready.add("worker=" + child.pid());
            }
        });
        cluster.executors(appId).forEach((id, pid) -> ready.add("executor" + id + "=" + pid));
    }

    /** Where {@code type}'s classes are (a directory or a jar), as a classpath for a child JVM. */
    static String classpathOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** A child JVM that starts {@code sleep 600} and waits; prints nothing. */
    public static final class Sleeper {
        private Sleeper() {
        }

        public static void main(String[] args) throws Exception {
            new ProcessBuilder("sleep", "600").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            Thread.sleep(Duration.ofMinutes(10).toMillis());
        }
    }
}
