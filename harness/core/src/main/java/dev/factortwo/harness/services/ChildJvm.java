package dev.factortwo.harness.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A Java process started by the harness, with its output in a log file. Every child is killed (with
 * its descendants) by a shutdown hook when the harness JVM exits normally or on SIGTERM; when the harness
 * dies without running hooks (SIGKILL, a crash), the child stops itself: it runs {@link ParentWatch}, which
 * notices within a moment that its parent is gone, stops the child's own descendants, and exits.
 */
final class ChildJvm implements AutoCloseable {
    private static final Set<ChildJvm> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildJvm::kill), "factortwo-child-jvm-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java jvmArgs mainClass args} with the classpath in the CLASSPATH environment variable
     * (keeps {@code ps} output short), stdout and stderr appended to {@code log}, and {@link ParentWatch} as
     * a Java agent (its jar written beside the log) watching this JVM.
     */
    static ChildJvm start(String name, String classpath, List<String> jvmArgs, String mainClass, List<String> args,
                          Map<String, String> environment, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(ParentWatch.javaAgentOption(log.toAbsolutePath().getParent(), ProcessHandle.current()));
        command.addAll(jvmArgs);
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("CLASSPATH", classpath);
        builder.environment().putAll(environment);
        ChildJvm child = new ChildJvm(name, builder.start(), log);
        LIVE.add(child);
        return child;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Waits until {@code ready} holds; fails with the log's tail if the process dies or time runs out. */
    void awaitReady(BooleanSupplier ready, Duration timeout, String what) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with status " + process.exitValue() + " before " + what
                        + "; last lines of " + log + ":\n" + logTail(30));
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IOException(name + " not " + what + " after " + timeout.toSeconds() + " s; last lines of "
                        + log + ":\n" + logTail(30));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IOException("interrupted while waiting for " + name, e);
            }
        }
    }

    /**
     * Waits until this process listens on 127.0.0.1:{@code port}. Where the kernel says who listens ({@code /proc}),
     * a port another process listens on fails at once with {@link PortTaken} (the port was free when picked, and
     * something else bound it before this child did), and a connection that only reached itself is no answer; elsewhere
     * any listener counts. Fails with the log's tail if the process dies or time runs out.
     */
    void awaitListening(int port, Duration timeout, String what) throws IOException {
        if (!Listeners.known()) {
            awaitReady(() -> LoopbackPorts.accepts(port, Duration.ofMillis(200)), timeout, what);
            return;
        }
        try {
            awaitReady(() -> {
                Set<Long> listening = Listeners.on(port);
                if (listening.isEmpty()) return false;
                if (Listeners.ownedBy(process.pid(), listening)) return true;
                throw new UncheckedIOException(new PortTaken(name + " cannot listen on " + LoopbackPorts.HOST + ":" + port
                        + ": another process took the port"));
            }, timeout, what);
        } catch (UncheckedIOException e) {
            kill();
            throw e.getCause();
        } catch (IOException e) {
            // it lost the race to bind before this process saw the other listener
            if (!alive() && logContains("Address already in use")) throw new PortTaken(e.getMessage());
            throw e;
        }
    }

    /** The port a child was to listen on is another process's. */
    static final class PortTaken extends IOException {
        private static final long serialVersionUID = 1L;

        PortTaken(String message) {
            super(message);
        }
    }

    /** SIGKILL to the process and every descendant. */
    void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        awaitExit(descendants, Duration.ofSeconds(10));
        LIVE.remove(this);
    }

    /** SIGTERM (lets the JVM run its own shutdown hooks), then SIGKILL to whatever is left after {@code grace}. */
    void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        if (!waitFor(grace)) {
            process.destroyForcibly();
        }
        for (ProcessHandle descendant : descendants) {
            descendant.destroyForcibly();
        }
        awaitExit(descendants, Duration.ofSeconds(10));
        LIVE.remove(this);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    boolean logContains(String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits up to {@code timeout} in all for this process and {@code descendants} to be gone. */
    private void awaitExit(List<ProcessHandle> descendants, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        waitFor(timeout);
        for (ProcessHandle descendant : descendants) {
            try {
                descendant.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                return; // SIGKILL sent; nothing more to do
            }
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
