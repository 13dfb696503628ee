package dev.factortwo.harness.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Where the test run's time goes, one line per test class: when it started and ended (wall clock), and the CPU
 * time it took in this JVM and in the processes this JVM started (S3Proxy, a standalone cluster's JVMs). A child that
 * ended during the class is not counted, so the children's figure is a lower bound. Written to
 * {@code factortwo.test.timeline}/{@code <pid>.tsv} (the pom sets it to {@code target/test-timeline}); nothing when
 * the property is absent. {@code scripts/test-timeline} sums the files.
 */
public final class TestTimeline implements TestExecutionListener {

    private final Path file;
    private final Map<String, Start> started = new HashMap<>();

    /** When a class started: wall clock, this JVM's CPU, and each child's CPU, milliseconds. */
    private record Start(long wallMillis, long cpuMillis, Map<Long, Long> childrenCpuMillis) {
    }

    public TestTimeline() {
        String dir = System.getProperty("factortwo.test.timeline");
        file = dir == null || dir.isBlank() ? null : Path.of(dir, ProcessHandle.current().pid() + ".tsv");
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (file == null || !isClass(id)) return;
        started.put(id.getUniqueId(), new Start(System.currentTimeMillis(), processCpuMillis(), childrenCpuMillis()));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (file == null || !isClass(id)) return;
        Start start = started.remove(id.getUniqueId());
        if (start == null) return;
        long children = 0;
        for (var e : childrenCpuMillis().entrySet()) children += e.getValue() - start.childrenCpuMillis().getOrDefault(e.getKey(), 0L);
        String line = String.join("\t", ((ClassSource) id.getSource().get()).getClassName(),
                String.valueOf(start.wallMillis()), String.valueOf(System.currentTimeMillis()),
                String.valueOf(processCpuMillis() - start.cpuMillis()), String.valueOf(children), result.getStatus().name()) + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test timeline " + file, e);
        }
    }

    private static boolean isClass(TestIdentifier id) {
        return id.isContainer() && id.getSource().filter(ClassSource.class::isInstance).isPresent();
    }

    private static long processCpuMillis() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1_000_000 : -1;
    }

    private static Map<Long, Long> childrenCpuMillis() {
        Map<Long, Long> cpu = new HashMap<>();
        ProcessHandle.current().descendants().forEach(p ->
                p.info().totalCpuDuration().map(Duration::toMillis).ifPresent(ms -> cpu.put(p.pid(), ms)));
        return cpu;
    }
}
