package dev.factortwo.harness.measure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorTest {

    static String run(Doctor d, boolean[] healthy) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        healthy[0] = d.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void healthyHereWithTheEmbeddedServices(@TempDir Path scratch) {
        boolean[] healthy = {false};
        String out = run(new Doctor(scratch, true, "local[2,4]", 2), healthy);
        assertTrue(healthy[0], out);
        for (String check : new String[] {"JDK", "TensorFlow native library", "GPU", "loopback", "scratch space",
                "Spark (local mode)", "embedded hdfs", "embedded s3", "CPU and memory limits"}) {
            assertTrue(out.contains(check), check + " in\n" + out);
        }
        assertTrue(out.contains("factortwo doctor: healthy"), out);
    }

    @Test
    void aTensorFlowThatCannotLoadIsAPlainWordsFailureWithAFix(@TempDir Path scratch) {
        boolean[] healthy = {true};
        String out = run(new Doctor(scratch, false, "local[2,4]", 2,
                () -> Optional.of("UnsatisfiedLinkError: no jnitensorflow in java.library.path")), healthy);
        assertFalse(healthy[0]);
        assertTrue(out.contains("TensorFlow native library") && out.contains("FAIL") && out.contains("UnsatisfiedLinkError"), out);
        assertTrue(out.contains("fix: the native jar must match this machine"), out);
        assertTrue(out.contains("problems found"), out);
    }
}
