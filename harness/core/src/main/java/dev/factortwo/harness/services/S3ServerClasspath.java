package dev.factortwo.harness.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the classpath file of the embedded S3 server ({@code harness/s3server/target/s3server.classpath},
 * written by {@code mvn -pl harness/s3server package}).
 */
public final class S3ServerClasspath {
    /** System property naming the classpath file. */
    public static final String PROPERTY = "factortwo.s3server.classpath";
    /** Environment variable naming the classpath file. */
    public static final String ENVIRONMENT = "FACTORTWO_S3SERVER_CLASSPATH";
    static final Path RELATIVE = Path.of("harness", "s3server", "target", "s3server.classpath");

    private S3ServerClasspath() {
    }

    /** The file from the system property, else the environment, else the working directory or its parents. */
    public static Path locate() throws IOException {
        return locate(Optional.ofNullable(System.getProperty(PROPERTY)), System.getenv(), Path.of(""));
    }

    static Path locate(Optional<String> property, Map<String, String> environment, Path workingDir) throws IOException {
        Optional<String> named = property.or(() -> Optional.ofNullable(environment.get(ENVIRONMENT)))
                .filter(s -> !s.isBlank());
        if (named.isPresent()) {
            Path file = Path.of(named.get());
            if (!Files.isRegularFile(file)) {
                throw new IOException("S3 server classpath file " + file + " (from " + PROPERTY + " or " + ENVIRONMENT
                        + ") does not exist; build it with: mvn -pl harness/s3server package");
            }
            return file;
        }
        for (Path dir = workingDir.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("no S3 server classpath: looked for " + RELATIVE + " in " + workingDir.toAbsolutePath()
                + " and its parents; build it with: mvn -pl harness/s3server package"
                + " (or set -D" + PROPERTY + " / " + ENVIRONMENT + ")");
    }

    static String read(Path file) throws IOException {
        String classpath = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (classpath.isEmpty()) {
            throw new IOException("S3 server classpath file " + file + " is empty; rebuild it with: mvn -pl harness/s3server package");
        }
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (!Files.exists(Path.of(entry))) {
                throw new IOException("S3 server classpath file " + file + " names " + entry
                        + ", which does not exist; rebuild it with: mvn -pl harness/s3server package");
            }
        }
        return classpath;
    }
}
