package dev.factortwo.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentProblemTest {

    @Test
    void hadoopsGetSubjectFailureIsOneLineWithTheFixWhereverItIs() {
        Throwable direct = new IOException("failure to login", new UnsupportedOperationException("getSubject is not supported"));
        // how a Spark task failure carries an executor's exception: as text inside the message
        Throwable inText = new RuntimeException("Job aborted due to stage failure: Task 0 in stage 1.0 failed 4 times, "
                + "most recent failure: java.lang.UnsupportedOperationException: getSubject is not supported\n\tat "
                + "java.base/javax.security.auth.Subject.getSubject(Subject.java:277)");
        Throwable suppressed = new IllegalStateException("close failed");
        suppressed.addSuppressed(direct);
        for (Throwable t : new Throwable[] {direct, inText, suppressed}) {
            EnvironmentProblem p = EnvironmentProblem.of(t).orElseThrow();
            assertTrue(p.what().contains("HADOOP-19212") && p.what().contains("Hadoop"), p.what());
            assertEquals(SupportMatrix.GET_SUBJECT_FIX, p.fix());
            assertTrue(!p.oneLine().contains("\n") && p.oneLine().contains("; fix: "), p.oneLine());
        }
    }

    @Test
    void missingAddOpensFlagsAreNamed() {
        Throwable t = new RuntimeException("Unable to make field private final java.nio.ByteBuffer accessible: module "
                + "java.base does not \"opens java.nio\" to unnamed module @5a2e4553");
        EnvironmentProblem p = EnvironmentProblem.of(t).orElseThrow();
        assertTrue(p.what().contains("--add-opens"), p.what());
        assertTrue(p.fix().contains("scripts/jvm-flags"), p.fix());
    }

    @Test
    void otherFailuresAreNotEnvironmentProblems() {
        assertEquals(Optional.empty(), EnvironmentProblem.of(new IOException("shard 3: checksum a1b2 expected 9f8e")));
        assertEquals(Optional.empty(), EnvironmentProblem.of(new UnsatisfiedLinkError("no libfoo in java.library.path")));
        Throwable cycle = new RuntimeException("outer");
        Throwable inner = new RuntimeException("inner", cycle);
        cycle.addSuppressed(inner);
        assertEquals(Optional.empty(), EnvironmentProblem.of(cycle));
    }
}
