package dev.factortwo.harness.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JVM flags per JDK live in three places that must say the same: {@code scripts/jvm-flags} (launcher and
 * scripts), {@link SparkJvmOptions#forJdk(int)} (child JVMs) and the parent pom's {@code spark.jvm.flags} with
 * its JDK profiles (this test JVM's own arguments, from surefire).
 */
class JvmFlagsAgreementTest {

    static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("scripts/jvm-flags"))) return dir;
        }
        throw new IllegalStateException("no scripts/jvm-flags above " + Path.of("").toAbsolutePath());
    }

    static Output exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return new Output(p.exitValue(), out, err);
    }

    record Output(int status, String out, String err) {
        List<String> lines() {
            return out.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 21, 22, 23, 24, 25, 26})
    void theScriptAndTheJavaListAgreeForEveryJdk(int feature) throws Exception {
        Output o = exec(List.of(repository().resolve("scripts/jvm-flags").toString(), "--feature", Integer.toString(feature)));
        assertEquals(0, o.status(), o.err());
        assertEquals(SparkJvmOptions.forJdk(feature), o.lines());
    }

    @Test
    void theFlagsDifferWhereTheJdksDiffer() {
        assertTrue(SparkJvmOptions.forJdk(17).contains("--add-opens=java.base/sun.security.action=ALL-UNNAMED"));
        assertFalse(SparkJvmOptions.forJdk(25).contains("--add-opens=java.base/sun.security.action=ALL-UNNAMED"));
        assertFalse(SparkJvmOptions.forJdk(17).contains("--sun-misc-unsafe-memory-access=allow"), "JDK 17 refuses it");
        assertTrue(SparkJvmOptions.forJdk(25).contains("--sun-misc-unsafe-memory-access=allow"));
        for (int feature : new int[] {17, 25}) {
            assertTrue(SparkJvmOptions.forJdk(feature).contains("--enable-native-access=ALL-UNNAMED"), "JDK " + feature);
            assertTrue(SparkJvmOptions.forJdk(feature).contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), "Kryo needs it");
            assertFalse(SparkJvmOptions.forJdk(feature).contains("--add-modules=jdk.incubator.vector"), "MLlib's bits would follow the JDK");
        }
    }

    @Test
    void theScriptReadsThisJdksVersion() throws Exception {
        Output o = exec(List.of(repository().resolve("scripts/jvm-flags").toString(), "--version", javaBinary()));
        assertEquals(0, o.status(), o.err());
        assertEquals(List.of(Integer.toString(Runtime.version().feature())), o.lines());
        Output flags = exec(List.of(repository().resolve("scripts/jvm-flags").toString(), javaBinary()));
        assertEquals(SparkJvmOptions.current(), flags.lines());
    }

    @Test
    void surefireGaveThisJvmTheFlagsOfItsJdk() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> missing = new ArrayList<>(SparkJvmOptions.current());
        missing.removeAll(args);
        assertEquals(List.of(), missing, "the pom's spark.jvm.flags for JDK " + Runtime.version().feature());
        List<String> extra = args.stream().filter(a -> a.startsWith("--add-opens") || a.startsWith("--enable-native")
                || a.startsWith("--sun-misc")).filter(a -> !SparkJvmOptions.current().contains(a)).toList();
        assertEquals(List.of(), extra, "flags the pom passes beyond SparkJvmOptions.current()");
    }

    @Test
    void thisJdkStartsWithTheFlagsWithoutAWarning() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(SparkJvmOptions.current());
        command.add("-version");
        Output o = exec(command);
        assertEquals(0, o.status(), o.err());
        List<String> warnings = o.err().lines().filter(l -> l.startsWith("WARNING")).toList();
        assertEquals(List.of(), warnings, "JDK " + Runtime.version().feature());
    }
}
