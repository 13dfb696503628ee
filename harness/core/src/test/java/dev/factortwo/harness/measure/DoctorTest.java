package dev.factortwo.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.services.SparkJvmOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@org.junit.jupiter.api.extension.ExtendWith(dev.factortwo.harness.testing.OwnSpark.class)
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
        for (String check : new String[] {"JDK", "versions", "TensorFlow native library", "GPU", "loopback", "scratch space",
                "Spark (local mode)", "embedded hdfs", "embedded s3", "CPU and memory limits"}) {
            assertTrue(out.contains(check), check + " in\n" + out);
        }
        assertTrue(out.contains("factortwo doctor: healthy"), out);
    }

    @Test
    void aTensorFlowThatCannotLoadIsAPlainWordsFailureWithAFix(@TempDir Path scratch) {
        boolean[] healthy = {true};
        String out = run(new Doctor(scratch, false, "local[2,4]", 2,
                () -> Optional.of("UnsatisfiedLinkError: no jnitensorflow in java.library.path"), SupportMatrix.Stack::current), healthy);
        assertFalse(healthy[0]);
        assertTrue(out.contains("TensorFlow native library") && out.contains("FAIL") && out.contains("UnsatisfiedLinkError"), out);
        assertTrue(out.contains("fix: the native jar must match this machine"), out);
        assertTrue(out.contains("problems found"), out);
    }

    @Test
    void aJdkAndHadoopThatDoNotWorkTogetherAreNamedWithTheFixInOneLine(@TempDir Path scratch) {
        boolean[] healthy = {true};
        SupportMatrix.Stack broken = new SupportMatrix.Stack(25, "25.0.3 (Eclipse Adoptium)", "4.1.0", "3.4.2", "2.18.0", "4.33.5");
        String out = run(new Doctor(scratch, false, "local[2,4]", 2, Optional::empty, () -> broken), healthy);
        assertFalse(healthy[0], out);
        String line = out.lines().filter(l -> l.startsWith("versions")).findFirst().orElseThrow();
        assertTrue(line.contains("FAIL") && line.contains("JDK 25 with Hadoop 3.4.2") && line.contains("HADOOP-19212"), line);
        assertTrue(out.contains("fix: use Hadoop 3.5.0 or newer"), out);
        assertTrue(out.lines().noneMatch(l -> l.trim().startsWith("at ")), "no stack trace in\n" + out);
    }

    @Test
    void theJdkCheckNamesMissingSparkFlagsAndNotesMissingQuietingFlags() {
        Doctor.Check none = Doctor.jdk(25, List.of());
        assertFalse(none.ok());
        assertTrue(none.detail().contains("flags Spark needs on JDK 25"), none.detail());
        assertTrue(none.fix().contains("./factortwo"), none.fix());
        assertTrue(Doctor.jdk(17, SparkJvmOptions.forJdk(17)).ok());
        assertEquals("", Doctor.jdk(25, SparkJvmOptions.forJdk(25)).fix());
        List<String> noisy = SparkJvmOptions.forJdk(25).stream().filter(f -> !f.startsWith("--enable-native-access")).toList();
        Doctor.Check quietless = Doctor.jdk(25, noisy);
        assertTrue(quietless.ok(), quietless.detail());
        assertTrue(quietless.fix().contains("--enable-native-access=ALL-UNNAMED"), quietless.fix());
    }
}
