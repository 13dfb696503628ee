package dev.factortwo.harness.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A directory whose {@code jars/} holds Spark's runtime jars: a distribution of the driver's Spark (4.2.0), or the one
 * {@code scripts/spark-standalone assemble} builds from the Maven repository ({@code target/spark-home}).
 * No {@code bin/}, {@code conf/} or {@code RELEASE} is needed.
 */
public record SparkHome(Path directory) {
    /** System property naming the directory. */
    public static final String PROPERTY = "factortwo.spark.home";
    /** Environment variable naming the directory (checked before {@code SPARK_HOME}). */
    public static final String ENVIRONMENT = "FACTORTWO_SPARK_HOME";
    static final Path SCRIPT = Path.of("scripts", "spark-standalone");
    static final Path ASSEMBLED = Path.of("target", "spark-home");

    public SparkHome {
        directory = directory.toAbsolutePath();
    }

    public Path jars() {
        return directory.resolve("jars");
    }

    /** The classpath {@code SPARK_HOME/jars/*}. */
    public String classpath() {
        return jars() + "/*";
    }

    /** True if {@code jars/} holds a spark-core jar. */
    public boolean complete() {
        if (!Files.isDirectory(jars())) {
            return false;
        }
        try (Stream<Path> files = Files.list(jars())) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("spark-core_"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The Spark version of {@code jars/spark-core_2.13-VERSION.jar}, or empty when there is none. */
    public Optional<String> sparkVersion() {
        try (Stream<Path> files = Files.list(jars())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("spark-core_") && n.endsWith(".jar"))
                    .map(n -> n.substring(n.indexOf('-', "spark-core_".length()) + 1, n.length() - ".jar".length()))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The Spark version of this JVM (the driver's): the cluster's daemons must run the same. */
    static String driverSparkVersion() {
        return org.apache.spark.package$.MODULE$.SPARK_VERSION();
    }

    /**
     * The system property, else {@value #ENVIRONMENT}, else {@code SPARK_HOME}, else {@code target/spark-home}
     * of the repository above the working directory, assembled now with {@code scripts/spark-standalone
     * assemble} if it is missing (seconds with a warm {@code ~/.m2}).
     *
     * @throws IOException saying what was looked for and how to provide it
     */
    public static SparkHome locate() throws IOException {
        return locate(Optional.ofNullable(System.getProperty(PROPERTY)), System.getenv(), Path.of(""));
    }

    static SparkHome locate(Optional<String> property, Map<String, String> env, Path workingDir) throws IOException {
        Optional<String> named = property.or(() -> Optional.ofNullable(env.get(ENVIRONMENT)))
                .or(() -> Optional.ofNullable(env.get("SPARK_HOME"))).filter(s -> !s.isBlank());
        if (named.isPresent()) {
            SparkHome home = new SparkHome(Path.of(named.get()));
            if (!home.complete()) {
                throw new IOException("Spark home " + home.directory() + " has no jars/spark-core_*.jar; point "
                        + PROPERTY + ", " + ENVIRONMENT + " or SPARK_HOME at a Spark " + driverSparkVersion()
                        + " distribution, or run " + SCRIPT + " assemble");
            }
            Optional<String> version = home.sparkVersion();
            if (version.isPresent() && !version.get().equals(driverSparkVersion())) {
                throw new IOException("Spark home " + home.directory() + " holds Spark " + version.get() + "; this driver runs "
                        + driverSparkVersion() + ": point " + PROPERTY + ", " + ENVIRONMENT + " or SPARK_HOME at a Spark "
                        + driverSparkVersion() + " distribution, or run " + SCRIPT + " assemble");
            }
            return home;
        }
        for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve(SCRIPT);
            if (Files.isExecutable(script)) {
                SparkHome home = new SparkHome(dir.resolve(ASSEMBLED));
                // assembled before a Spark upgrade: its daemons would run the old Spark
                if (!home.complete() || !home.sparkVersion().equals(Optional.of(driverSparkVersion()))) {
                    assemble(script, home);
                }
                return home;
            }
        }
        throw new IOException("no Spark jars: set SPARK_HOME (or " + ENVIRONMENT + ") to a Spark " + driverSparkVersion() + " distribution,"
                + " or run " + SCRIPT + " assemble in the factortwo repository (looked for it above " + workingDir.toAbsolutePath() + ")");
    }

    private static void assemble(Path script, SparkHome home) throws IOException {
        Files.createDirectories(home.directory());
        Path log = home.directory().resolve("assemble.log");
        Process process = new ProcessBuilder(List.of(script.toString(), "assemble", home.directory().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!process.waitFor(Duration.ofMinutes(10).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(script + " assemble took over 10 minutes; see " + log);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while assembling " + home.directory(), e);
        }
        if (process.exitValue() != 0 || !home.complete()) {
            throw new IOException(script + " assemble " + home.directory() + " failed (status " + process.exitValue()
                    + "); see " + log);
        }
    }
}
