package dev.factortwo.harness.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parent check and the agent jar of {@link ParentWatch}; {@link ChildProcessesTest} runs it for real. */
class ParentWatchTest {
    @TempDir
    Path scratch;

    @Test
    void aLiveParentIsNotGone() {
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        assertFalse(new ParentWatch(parent.pid(), parent.info().startInstant()).parentGone());
        assertFalse(new ParentWatch(parent.pid(), Optional.empty()).parentGone(), "unknown start time counts as the same");
    }

    @Test
    void anotherPidOrAnotherStartTimeIsGone() {
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        assertTrue(new ParentWatch(ProcessHandle.current().pid(), Optional.empty()).parentGone(), "not its own parent");
        Instant start = parent.info().startInstant().orElseThrow(() -> new AssertionError("no start time on this system"));
        assertTrue(new ParentWatch(parent.pid(), Optional.of(start.plusSeconds(1))).parentGone(), "a reused pid");
    }

    @Test
    void agentArgumentIsPidAndOptionalStart() {
        ParentWatch.parse("123");
        ParentWatch.parse("123:1796138950260");
        for (String bad : new String[] {null, "", "abc", "12:", "12:x", "-3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParentWatch.parse(bad));
            assertTrue(e.getMessage().contains("expected PID or PID:START_EPOCH_MILLIS"), e.getMessage());
        }
    }

    @Test
    void agentJarHoldsTheOneSelfContainedClass() throws IOException {
        String option = ParentWatch.javaAgentOption(scratch, ProcessHandle.current());
        Path jar = scratch.resolve(ParentWatch.JAR_NAME).toAbsolutePath();
        ProcessHandle self = ProcessHandle.current();
        assertEquals("-javaagent:" + jar + "=" + self.pid() + ":" + self.info().startInstant().orElseThrow().toEpochMilli(), option);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals(ParentWatch.class.getName(), file.getManifest().getMainAttributes().getValue("Premain-Class"));
            List<String> classes = new ArrayList<>();
            for (JarEntry entry : Collections.list(file.entries())) {
                if (entry.getName().endsWith(".class")) {
                    classes.add(entry.getName());
                }
            }
            assertEquals(List.of("dev/factortwo/harness/services/ParentWatch.class"), classes);
        }
        assertEquals(0, ParentWatch.class.getDeclaredClasses().length, "nested classes would be missing from the agent jar");
        assertNull(ParentWatch.class.getResource("ParentWatch$1.class"), "anonymous classes would be missing from the agent jar");
    }
}
