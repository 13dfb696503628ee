package dev.factortwo.harness.services;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A Java agent that stops its JVM when the process that started it dies, however it dies (SIGKILL included),
 * so no child of the harness outlives it holding ports, heap and files. {@link ChildJvm} adds it to every JVM
 * it starts as {@code -javaagent:parent-watch.jar=PID:START}, naming the harness's pid and start time;
 * {@link StandaloneCluster} adds it to the executors its worker launches, naming the worker.
 *
 * <p>A daemon thread checks every {@link #POLL} that the JVM's parent is still that process: same pid as
 * its parent pid (a dead parent's children are re-parented, to init or a subreaper) and, where the system
 * reports it, the same start time (against pid reuse). When the parent is gone it sends SIGTERM to every
 * descendant (a Spark worker's executors), SIGKILL to those still alive after {@link #DESCENDANT_GRACE},
 * then exits the JVM with {@link #EXIT_STATUS}, running its shutdown hooks, and halts if they take longer
 * than {@link #EXIT_GRACE}. Works for mains we do not own (S3Proxy, Spark's master and worker) because an
 * agent runs before {@code main}; the command line still names the real main class.
 *
 * <p>Self-contained: this one class, JDK only, no nested classes, because {@link #agentJar(Path)} copies
 * just this class file into the agent jar.
 */
public final class ParentWatch implements Runnable {
    /** How often the parent is checked. */
    static final Duration POLL = Duration.ofMillis(200);
    /** How long descendants get to stop after SIGTERM before SIGKILL. */
    static final Duration DESCENDANT_GRACE = Duration.ofSeconds(2);
    /** How long this JVM's shutdown hooks get before it halts. */
    static final Duration EXIT_GRACE = Duration.ofSeconds(3);
    /** Exit status of a JVM stopped because its parent died (as if terminated by SIGTERM). */
    static final int EXIT_STATUS = 143;
    static final String JAR_NAME = "parent-watch.jar";

    private final long parentPid;
    private final Optional<Instant> parentStart;

    ParentWatch(long parentPid, Optional<Instant> parentStart) {
        this.parentPid = parentPid;
        this.parentStart = parentStart;
    }

    /**
     * Agent entry point, before the JVM's {@code main}.
     *
     * @param arguments {@code PID} or {@code PID:START_EPOCH_MILLIS} of the process to outlive by at most a moment
     */
    public static void premain(String arguments) {
        ParentWatch watch = parse(arguments);
        if (watch.parentGone()) {
            watch.stop(); // the parent died before this JVM got this far
        }
        Thread thread = new Thread(watch, "factortwo-parent-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The JVM option that makes a JVM started by {@code parent} stop when {@code parent} dies:
     * {@code -javaagent:DIR/parent-watch.jar=PID:START_EPOCH_MILLIS}, writing the jar to {@code dir}.
     */
    static String javaAgentOption(Path dir, ProcessHandle parent) throws IOException {
        return "-javaagent:" + agentJar(dir) + "=" + parent.pid()
                + parent.info().startInstant().map(start -> ":" + start.toEpochMilli()).orElse("");
    }

    static ParentWatch parse(String arguments) {
        if (arguments == null || !arguments.matches("\\d+(:\\d+)?")) {
            throw new IllegalArgumentException("parent-watch agent argument '" + arguments
                    + "': expected PID or PID:START_EPOCH_MILLIS");
        }
        String[] parts = arguments.split(":");
        Optional<Instant> start = parts.length == 2 ? Optional.of(Instant.ofEpochMilli(Long.parseLong(parts[1])))
                : Optional.empty();
        return new ParentWatch(Long.parseLong(parts[0]), start);
    }

    /**
     * True once this JVM's parent is not the watched process: another pid (re-parented after its death) or
     * another start time. An unknown start time counts as the same.
     */
    boolean parentGone() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || parent.get().pid() != parentPid) {
            return true;
        }
        Optional<Instant> start = parent.get().info().startInstant();
        return parentStart.isPresent() && start.isPresent()
                && parentStart.get().toEpochMilli() != start.get().toEpochMilli();
    }

    @Override
    public void run() {
        try {
            while (!parentGone()) {
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            return; // only this JVM's own exit interrupts a daemon thread
        }
        stop();
    }

    private void stop() {
        List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
        System.err.println("factortwo parent-watch: parent process " + parentPid + " is gone; stopping pid "
                + ProcessHandle.current().pid() + " and " + descendants.size() + " descendant(s)");
        System.err.flush();
        descendants.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + DESCENDANT_GRACE.toNanos();
        for (ProcessHandle descendant : descendants) {
            try {
                descendant.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillRunning) {
                // SIGKILL below
            }
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly); // started meanwhile
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(EXIT_GRACE.toMillis());
            } catch (InterruptedException ignored) {
                // halt now
            }
            Runtime.getRuntime().halt(EXIT_STATUS);
        }, "factortwo-parent-watch-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(EXIT_STATUS);
    }

    /**
     * Writes the agent jar (this class and a manifest naming it) to {@code dir}/{@value #JAR_NAME}, replacing
     * the file atomically so a JVM already using an older copy is not disturbed.
     */
    static Path agentJar(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path jar = dir.resolve(JAR_NAME).toAbsolutePath();
        if (jar.toString().contains("=")) {
            throw new IOException("cannot use " + jar + " as a Java agent: its path contains '='");
        }
        String entry = ParentWatch.class.getName().replace('.', '/') + ".class";
        byte[] classFile;
        try (InputStream in = ParentWatch.class.getClassLoader().getResourceAsStream(entry)) {
            if (in == null) {
                throw new IOException("class file " + entry + " not found on the classpath");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            classFile = bytes.toByteArray();
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), ParentWatch.class.getName());
        Path partial = Files.createTempFile(dir, JAR_NAME, ".partial");
        try (OutputStream file = Files.newOutputStream(partial); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(classFile);
            out.closeEntry();
        }
        Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return jar;
    }
}
