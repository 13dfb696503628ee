package dev.factortwo.harness.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1: one master and one worker, each a JVM of its own started
 * from {@link SparkHome#jars()}. Applications connect to {@link #masterUrl()}; their executors are separate
 * JVMs launched by the worker, which {@link #executors(String)} lists and {@link #killExecutor(long)}
 * kills. {@link #close()} stops the worker (which stops its executors), then the master, and kills
 * whatever is left; the harness JVM's exit does the same. If the harness dies without running its hooks
 * (SIGKILL), the master and worker stop themselves ({@link ParentWatch}), the worker stopping its executors
 * first; executors also stop by themselves when their worker dies. Not thread-safe.
 *
 * <pre>{@code
 * try (StandaloneCluster cluster = StandaloneCluster.start(StandaloneCluster.Settings.defaults(scratch))) {
 *     SparkConf conf = new SparkConf().setMaster(cluster.masterUrl()).setAll(cluster.driverConf());
 *     ...
 *     cluster.killExecutor(cluster.executors(appId).values().iterator().next());
 * }
 * }</pre>
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final String EXECUTOR_MAIN = "org.apache.spark.executor.CoarseGrainedExecutorBackend";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * @param sparkHome    where Spark's jars are
     * @param workDir      logs, worker and executor directories of this cluster
     * @param workerCores  cores the worker offers (executors of 1 core each give that many executor JVMs)
     * @param workerMemory memory the worker offers, Spark syntax ({@code 2g})
     * @param daemonHeap   heap of the master and worker JVMs themselves ({@code 256m})
     */
    public record Settings(SparkHome sparkHome, Path workDir, int workerCores, String workerMemory, String daemonHeap) {
        public Settings {
            Objects.requireNonNull(sparkHome, "sparkHome");
            Objects.requireNonNull(workDir, "workDir");
            if (workerCores < 1) {
                throw new IllegalArgumentException("workerCores " + workerCores + ": expected at least 1");
            }
            if (!workerMemory.matches("\\d+[mMgG]") || !daemonHeap.matches("\\d+[mMgG]")) {
                throw new IllegalArgumentException("worker memory '" + workerMemory + "' / daemon heap '" + daemonHeap
                        + "': expected a size like 512m or 2g");
            }
            workDir = workDir.toAbsolutePath();
        }

        /** Defaults: cores and memory the worker offers, heap of each daemon. */
        public static final int DEFAULT_WORKER_CORES = 2;
        public static final String DEFAULT_WORKER_MEMORY = "2g", DEFAULT_DAEMON_HEAP = "256m";

        /** 2 cores, 2g for executors, 256m heap for each daemon, Spark home from {@link SparkHome#locate()}. */
        public static Settings defaults(Path workDir) throws IOException {
            return new Settings(SparkHome.locate(), workDir, DEFAULT_WORKER_CORES, DEFAULT_WORKER_MEMORY, DEFAULT_DAEMON_HEAP);
        }

        public Settings withWorker(int cores, String memory) {
            return new Settings(sparkHome, workDir, cores, memory, daemonHeap);
        }
    }

    private final Settings settings;
    private final int masterPort;
    private final List<ChildJvm> daemons = new ArrayList<>();
    private ChildJvm worker;
    private Duration startTime = Duration.ZERO;

    private StandaloneCluster(Settings settings, int masterPort) {
        this.settings = settings;
        this.masterPort = masterPort;
    }

    /** Starts the master and the worker and waits until the worker has registered (about 5 s). */
    public static StandaloneCluster start(Settings settings) throws IOException {
        if (!settings.sparkHome().complete()) {
            throw new IOException("Spark home " + settings.sparkHome().directory() + " has no Spark jars; run "
                    + SparkHome.SCRIPT + " assemble");
        }
        StandaloneCluster cluster = new StandaloneCluster(settings, LoopbackPorts.free());
        try {
            cluster.launch();
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void launch() throws IOException {
        long begin = System.nanoTime();
        Files.createDirectories(settings.workDir().resolve("work"));
        Map<String, String> env = new HashMap<>();
        env.put("SPARK_HOME", settings.sparkHome().directory().toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", LoopbackPorts.HOST);
        env.put("SPARK_WORKER_DIR", settings.workDir().resolve("work").toString());
        env.put("SPARK_CONF_DIR", confDir().toString());
        copySparkConf();
        List<String> jvm = new ArrayList<>(SparkJvmOptions.current());
        jvm.add("-Xmx" + settings.daemonHeap());
        ChildJvm master = ChildJvm.start("Spark master " + masterUrl(), settings.sparkHome().classpath(), jvm,
                "org.apache.spark.deploy.master.Master",
                List.of("--host", LoopbackPorts.HOST, "--port", Integer.toString(masterPort),
                        "--webui-port", Integer.toString(LoopbackPorts.free())),
                env, settings.workDir().resolve("master.log"));
        daemons.add(master);
        master.awaitListening(masterPort, START_TIMEOUT, "listening on " + masterUrl());
        worker = ChildJvm.start("Spark worker", settings.sparkHome().classpath(), jvm,
                "org.apache.spark.deploy.worker.Worker",
                List.of("--host", LoopbackPorts.HOST, "--cores", Integer.toString(settings.workerCores()),
                        "--memory", settings.workerMemory(), "--webui-port", Integer.toString(LoopbackPorts.free()),
                        "--work-dir", settings.workDir().resolve("work").toString(), masterUrl()),
                env, settings.workDir().resolve("worker.log"));
        daemons.add(worker);
        watchWorkerFromExecutors();
        worker.awaitReady(() -> worker.logContains("Successfully registered with master"), START_TIMEOUT,
                "registered with " + masterUrl());
        startTime = Duration.ofNanos(System.nanoTime() - begin);
    }

    /** This cluster's Spark configuration directory ({@code SPARK_CONF_DIR} of the master and worker). */
    private Path confDir() {
        return settings.workDir().resolve("conf");
    }

    /** Starts from a copy of {@code SPARK_HOME/conf}, if there is one, so pointing SPARK_CONF_DIR here hides nothing. */
    private void copySparkConf() throws IOException {
        Files.createDirectories(confDir());
        Files.deleteIfExists(confDir().resolve("java-opts")); // from an earlier start: names a worker now gone
        Path original = settings.sparkHome().directory().resolve("conf");
        if (Files.isDirectory(original)) {
            try (Stream<Path> files = Files.list(original)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, confDir().resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Makes every executor the worker launches stop when the worker dies: Spark's worker reads the JVM options
     * of executors from {@code SPARK_CONF_DIR/java-opts} at each launch, and we add {@link ParentWatch} naming
     * the worker. Spark's own watch in the executor ({@code WorkerWatcher}) only connects seconds after the
     * executor starts; an executor whose worker is SIGKILLed before that lingers until its driver ends.
     */
    private void watchWorkerFromExecutors() throws IOException {
        Path javaOpts = confDir().resolve("java-opts");
        String inherited = Files.exists(javaOpts) ? Files.readString(javaOpts, StandardCharsets.UTF_8).strip() + "\n" : "";
        String option = ParentWatch.javaAgentOption(settings.workDir(), worker.handle());
        Files.writeString(javaOpts, inherited + "\"" + option.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n",
                StandardCharsets.UTF_8);
    }

    /** {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return "spark://" + LoopbackPorts.HOST + ":" + masterPort;
    }

    public Settings settings() {
        return settings;
    }

    /** Wall time from launching the master to the worker's registration. */
    public Duration startTime() {
        return startTime;
    }

    /**
     * Settings a driver in this JVM needs for this cluster: the master URL, loopback driver addresses and
     * {@link SparkJvmOptions#FAST_FAILURE_DETECTION}. Add {@code spark.jars} for the application's classes.
     */
    public Map<String, String> driverConf() {
        Map<String, String> conf = new TreeMap<>(SparkJvmOptions.FAST_FAILURE_DETECTION);
        conf.putAll(SparkJvmOptions.LOOPBACK_DRIVER);
        conf.put("spark.master", masterUrl());
        return Map.copyOf(conf);
    }

    /** Executor JVMs of application {@code appId} on this cluster's worker: executor id → process id. */
    /**
     * A process's arguments: from {@code /proc/PID/cmdline} where readable (ProcessHandle.Info reports none for
     * the executors' long command lines, whose classpath lists every Spark jar), else from ProcessHandle.
     */
    static List<String> arguments(ProcessHandle process) {
        try {
            byte[] raw = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
            if (raw.length > 0) {
                List<String> args = new java.util.ArrayList<>(Arrays.asList(new String(raw, java.nio.charset.StandardCharsets.UTF_8).split("\0")));
                if (!args.isEmpty()) args.remove(0);
                return args;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or the process is gone: fall back
        }
        return process.info().arguments().map(Arrays::asList).orElse(List.of());
    }

    public Map<String, Long> executors(String appId) {
        Map<String, Long> executors = new TreeMap<>();
        if (worker == null) {
            return executors;
        }
        worker.handle().descendants().forEach(process -> {
            List<String> args = arguments(process);
            if (args.contains(EXECUTOR_MAIN) && argument(args, "--app-id").filter(appId::equals).isPresent()) {
                argument(args, "--executor-id").ifPresent(id -> executors.put(id, process.pid()));
            }
        });
        return executors;
    }

    /**
     * SIGKILLs executor JVM {@code pid}, as a crash would, and waits until it is gone.
     *
     * @throws IllegalArgumentException if {@code pid} is not an executor of this cluster
     */
    public void killExecutor(long pid) {
        ProcessHandle executor = worker == null ? null : worker.handle().descendants()
                .filter(p -> p.pid() == pid)
                .filter(p -> arguments(p).contains(EXECUTOR_MAIN))
                .findFirst().orElse(null);
        if (executor == null) {
            throw new IllegalArgumentException("process " + pid + " is not an executor of the cluster at " + masterUrl());
        }
        executor.destroyForcibly();
        executor.onExit().join();
    }

    /** The log of the master or worker ({@code master.log}, {@code worker.log}) and executors under {@code work/}. */
    public Path logDir() {
        return settings.workDir();
    }

    /** Stops the worker (and with it its executors), then the master; kills what is left. Idempotent. */
    @Override
    public void close() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            daemons.get(i).stop(Duration.ofSeconds(10));
        }
        daemons.clear();
    }

    private static Optional<String> argument(List<String> args, String name) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? Optional.of(args.get(at + 1)) : Optional.empty();
    }
}
