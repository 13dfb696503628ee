package dev.factortwo.harness.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Children of the harness never outlive it. {@link HarnessStandIn} plays the harness in a JVM of its own and
 * starts children as the harness does; the test SIGKILLs it (no shutdown hook runs) and finds every child
 * and grandchild gone, stopped by its {@link ParentWatch}; a normal close and a SIGTERM still stop them as
 * before. Whatever happens, the test kills every process it recorded before it returns.
 */
class ChildProcessesTest {
    /** How long children get to notice the harness is gone; {@link ParentWatch} needs well under 1 s plus its graces. */
    private static final Duration GONE_WITHIN = Duration.ofSeconds(15);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    @TempDir
    Path scratch;

    private Process harness;
    private final List<ProcessHandle> recorded = new ArrayList<>();

    @AfterEach
    void killEverythingRecorded() {
        if (harness != null) {
            recorded.addAll(harness.descendants().toList());
            harness.destroyForcibly();
        }
        recorded.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void sigkillOfTheHarnessLeavesNoChild() throws Exception {
        Map<String, Long> children = startHarness("s3", "sleeper");
        assertTrue(LoopbackPorts.accepts(children.get("s3port").intValue(), Duration.ofMillis(500)), "S3Proxy not listening");

        Duration gone = sigkillHarnessAndAwaitChildren();

        System.out.printf("SIGKILL of the harness: %d descendants %s gone %d ms after it%n",
                recorded.size(), pids(), gone.toMillis());
        assertFalse(LoopbackPorts.accepts(children.get("s3port").intValue(), Duration.ofMillis(500)),
                "S3Proxy's port still accepts connections");
        assertTrue(log("s3/s3proxy.log").contains("factortwo parent-watch: parent process " + harness.pid() + " is gone"),
                "S3Proxy did not stop through its parent watch:\n" + log("s3/s3proxy.log"));
        assertTrue(log("sleeper/sleeper.log").contains("and 1 descendant(s)"),
                "the sleeper did not stop its own child:\n" + log("sleeper/sleeper.log"));
    }

    @Test
    void closeStopsChildrenAsBefore() throws Exception {
        startHarness("s3", "sleeper");

        try (OutputStream in = harness.getOutputStream()) {
            in.write("close\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(harness.waitFor(60, TimeUnit.SECONDS), "harness did not close within 60 s");
        assertEquals(0, harness.exitValue(), "harness exit status; its output:\n" + log("harness.out"));
        assertTrue(log("harness.out").contains("CLOSED"), log("harness.out"));
        assertEquals(List.of(), survivors(), "children left after a normal close");
        assertFalse(log("s3/s3proxy.log").contains("parent-watch"), "S3Proxy was stopped by its watch, not by close");
    }

    @Test
    void sigtermOfTheHarnessStopsChildrenThroughItsShutdownHook() throws Exception {
        startHarness("s3", "sleeper");

        harness.destroy();
        assertTrue(harness.waitFor(60, TimeUnit.SECONDS), "harness did not stop within 60 s of SIGTERM");
        assertEquals(List.of(), survivors(), "children left after SIGTERM");
    }

    @Test
    @Tag("slow")
    void sigkillOfTheHarnessLeavesNoClusterProcess() throws Exception {
        Map<String, Long> children = startHarness("cluster");
        assertTrue(children.keySet().containsAll(List.of("master", "worker")), "cluster daemons: " + children);
        assertEquals(2, children.keySet().stream().filter(k -> k.startsWith("executor")).count(), "executors: " + children);

        Duration gone = sigkillHarnessAndAwaitChildren();

        System.out.printf("SIGKILL of the harness: cluster processes %s gone %d ms after it%n", children, gone.toMillis());
        assertTrue(log("cluster/worker.log").contains("parent process " + harness.pid() + " is gone"),
                "the worker did not stop through its parent watch:\n" + log("cluster/worker.log"));
    }

    @Test
    @Tag("slow")
    void sigkillOfTheWorkerLeavesNoExecutor() throws Exception {
        Map<String, Long> children = startHarness("cluster");
        List<ProcessHandle> executors = children.entrySet().stream().filter(e -> e.getKey().startsWith("executor"))
                .map(e -> ProcessHandle.of(e.getValue()).orElseThrow()).toList();
        assertEquals(2, executors.size(), "executors: " + children);
        ProcessHandle worker = ProcessHandle.of(children.get("worker")).orElseThrow();

        worker.destroyForcibly();
        long killed = System.nanoTime();
        while (executors.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() - killed < GONE_WITHIN.toNanos()) {
            Thread.sleep(20);
        }
        Duration gone = Duration.ofNanos(System.nanoTime() - killed);
        System.out.printf("SIGKILL of the worker: executors %s gone %d ms after it%n",
                executors.stream().map(ProcessHandle::pid).toList(), gone.toMillis());
        assertEquals(List.of(), executors.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList(),
                "executors alive " + GONE_WITHIN.toSeconds() + " s after their worker was SIGKILLed");
    }

    /** Starts {@link HarnessStandIn} with {@code children} and records its descendants once it is ready. */
    private Map<String, Long> startHarness(String... children) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SparkJvmOptions.current());
        command.add("-Xmx1g");
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("factortwo."))
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.add(HarnessStandIn.class.getName());
        command.add(scratch.toString());
        command.addAll(List.of(children));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(scratch.resolve("harness.out").toFile());
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        harness = builder.start();

        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Optional<String> ready;
        while ((ready = log("harness.out").lines().filter(line -> line.startsWith("READY ")).findFirst()).isEmpty()) {
            assertTrue(harness.isAlive(), "harness exited with status " + (harness.isAlive() ? "?" : harness.exitValue())
                    + " before its children were up:\n" + log("harness.out"));
            assertTrue(System.nanoTime() < deadline, "children not up within " + START_TIMEOUT.toSeconds() + " s:\n"
                    + log("harness.out"));
            Thread.sleep(100);
        }
        Map<String, Long> started = new LinkedHashMap<>();
        for (String pair : ready.get().substring("READY ".length()).split(" ")) {
            String[] nameAndValue = pair.split("=");
            started.put(nameAndValue[0], Long.parseLong(nameAndValue[1]));
        }
        recorded.addAll(harness.descendants().toList());
        List<Long> descendantPids = pids();
        started.forEach((name, pid) -> {
            if (!name.endsWith("port")) {
                assertTrue(descendantPids.contains(pid), name + " (pid " + pid + ") is not a descendant of the harness: "
                        + descendantPids);
            }
        });
        return started;
    }

    /** SIGKILLs the harness and waits up to {@link #GONE_WITHIN} for every recorded descendant to exit. */
    private Duration sigkillHarnessAndAwaitChildren() throws InterruptedException {
        assertFalse(recorded.isEmpty(), "no children recorded");
        harness.destroyForcibly();
        long killed = System.nanoTime();
        assertTrue(harness.waitFor(10, TimeUnit.SECONDS), "harness survived SIGKILL");
        Map<Long, Long> goneAfterMillis = new TreeMap<>();
        while (goneAfterMillis.size() < recorded.size() && System.nanoTime() - killed < GONE_WITHIN.toNanos()) {
            long now = System.nanoTime();
            recorded.stream().filter(p -> !p.isAlive())
                    .forEach(p -> goneAfterMillis.putIfAbsent(p.pid(), (now - killed) / 1_000_000));
            Thread.sleep(20);
        }
        Duration gone = Duration.ofNanos(System.nanoTime() - killed);
        System.out.println("each child gone after the harness's SIGKILL (pid=ms): " + goneAfterMillis);
        assertEquals(List.of(), survivors(), "children alive " + GONE_WITHIN.toSeconds() + " s after the harness was SIGKILLed");
        return gone;
    }

    private List<String> survivors() {
        return recorded.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " (" + stat(p) + ") " + String.join(" ", StandaloneCluster.arguments(p))
                        .replaceAll("(.{200}).*", "$1..."))
                .toList();
    }

    /** Linux's one-line status of a process (name, state, parent), or "?". */
    private static String stat(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")).replaceAll("^(\\S+ \\S+ \\S+ \\S+).*$", "$1").trim();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private List<Long> pids() {
        return recorded.stream().map(ProcessHandle::pid).toList();
    }

    private String log(String relative) {
        Path file = scratch.resolve(relative);
        try (Stream<String> lines = Files.exists(file) ? Files.lines(file, StandardCharsets.ISO_8859_1) : Stream.empty()) {
            return String.join("\n", lines.toList());
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }
}
