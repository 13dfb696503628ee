package dev.factortwo.harness.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the S3 server's classpath and Spark's jars are found, and what a missing one says. */
class ServiceLocationTest {
    @TempDir
    Path dir;

    @Test
    void s3ServerClasspathIsFoundAboveTheWorkingDirectory() throws IOException {
        Path file = dir.resolve("harness/s3server/target/s3server.classpath");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x.jar");
        Path workingDir = Files.createDirectories(dir.resolve("harness/core"));
        assertEquals(file, S3ServerClasspath.locate(Optional.empty(), Map.of(), workingDir));
    }

    @Test
    void missingS3ServerClasspathSaysHowToBuildIt() {
        IOException e = assertThrows(IOException.class, () -> S3ServerClasspath.locate(Optional.empty(), Map.of(), dir));
        assertTrue(e.getMessage().contains("mvn -pl harness/s3server package"), e.getMessage());
        IOException named = assertThrows(IOException.class, () -> S3ServerClasspath.locate(Optional.empty(),
                Map.of("FACTORTWO_S3SERVER_CLASSPATH", dir.resolve("nope").toString()), dir));
        assertTrue(named.getMessage().startsWith("S3 server classpath file " + dir.resolve("nope")), named.getMessage());
    }

    @Test
    void classpathNamingAMissingJarIsRejected() throws IOException {
        Path file = dir.resolve("s3server.classpath");
        Files.writeString(file, dir.resolve("gone.jar").toString());
        IOException e = assertThrows(IOException.class, () -> S3ServerClasspath.read(file));
        assertTrue(e.getMessage().contains("gone.jar, which does not exist"), e.getMessage());
    }

    @Test
    void sparkHomeWithoutJarsSaysWhatToDo() {
        IOException e = assertThrows(IOException.class, () -> SparkHome.locate(Optional.empty(),
                Map.of("SPARK_HOME", dir.toString()), dir));
        assertTrue(e.getMessage().contains("has no jars/spark-core_*.jar") && e.getMessage().contains("spark-standalone assemble"),
                e.getMessage());
    }

    @Test
    void sparkHomeWithSparkCoreIsAccepted() throws IOException {
        Files.createDirectories(dir.resolve("jars"));
        Files.writeString(dir.resolve("jars/spark-core_2.13-4.2.0.jar"), "");
        SparkHome home = SparkHome.locate(Optional.empty(), Map.of("FACTORTWO_SPARK_HOME", dir.toString()), Path.of("/"));
        assertEquals(dir.resolve("jars") + "/*", home.classpath());
    }

    @Test
    void sparkHomeOfAnotherSparkVersionIsRejectedNamingBoth() throws IOException {
        Files.createDirectories(dir.resolve("jars"));
        Files.writeString(dir.resolve("jars/spark-core_2.13-4.1.0.jar"), "");
        assertEquals(Optional.of("4.1.0"), new SparkHome(dir).sparkVersion());
        IOException e = assertThrows(IOException.class, () -> SparkHome.locate(Optional.empty(),
                Map.of("SPARK_HOME", dir.toString()), dir));
        assertTrue(e.getMessage().contains("holds Spark 4.1.0; this driver runs " + SparkHome.driverSparkVersion()), e.getMessage());
    }
}
