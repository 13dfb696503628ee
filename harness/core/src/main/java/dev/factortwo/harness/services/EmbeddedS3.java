package dev.factortwo.harness.services;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * S3Proxy 4.0.0 in a JVM of its own on 127.0.0.1, storing objects on disk ({@code filesystem-nio2}) under
 * a directory of this run, so a stop and restart keeps the data. Its classpath comes from the file that
 * {@code harness/s3server} writes at build time ({@link S3ServerClasspath}).
 *
 * <p>The server accepts one identity, generated per instance ({@link #credentials()}); it is written to a
 * properties file readable only by the owner, never to the command line or logs. Logging is at WARN
 * (S3Proxy's default DEBUG wrote hundreds of MB). Not thread-safe: one owner starts, stops and closes it.
 *
 * <pre>{@code
 * try (EmbeddedS3 s3 = EmbeddedS3.start(scratch.resolve("s3"), S3ServerClasspath.locate())) {
 *     s3.createBucket("factortwo");
 *     URI endpoint = s3.endpoint();   // http://127.0.0.1:PORT
 * }
 * }</pre>
 */
public final class EmbeddedS3 implements AutoCloseable {
    /** The region S3Proxy answers for; clients must sign for it. */
    public static final String REGION = dev.factortwo.model.Defaults.S3_REGION;
    /** Heap of the S3 server's JVM. */
    public static final String HEAP = "256m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Ports tried at the first start when another process takes the one picked. */
    private static final int PORT_ATTEMPTS = 3;

    private final Path workDir;
    private final String classpath;
    private final S3Credentials credentials;
    private final int port;
    private ChildJvm server;
    private Duration lastStartTime = Duration.ZERO;

    private EmbeddedS3(Path workDir, String classpath, S3Credentials credentials, int port) {
        this.workDir = workDir;
        this.classpath = classpath;
        this.credentials = credentials;
        this.port = port;
    }

    /** Starts a server on a free loopback port with data under {@code workDir}/data. */
    public static EmbeddedS3 start(Path workDir, Path classpathFile) throws IOException {
        String classpath = S3ServerClasspath.read(classpathFile);
        S3Credentials credentials = S3Credentials.randomLocal();
        for (int attempt = 1; ; attempt++) {
            EmbeddedS3 s3 = new EmbeddedS3(workDir.toAbsolutePath(), classpath, credentials, LoopbackPorts.free());
            s3.writeConfiguration();
            try {
                s3.restart();
                return s3;
            } catch (ChildJvm.PortTaken e) {
                // the port was free when picked and another process bound it first: another port, not another wait
                if (attempt == PORT_ATTEMPTS) throw e;
            }
        }
    }

    /** {@code http://127.0.0.1:PORT}; the same across {@link #stop()} and {@link #restart()}. */
    public URI endpoint() {
        return URI.create("http://" + LoopbackPorts.HOST + ":" + port);
    }

    public int port() {
        return port;
    }

    /** The one identity this server accepts. Secret: never log it. */
    public S3Credentials credentials() {
        return credentials;
    }

    /** Where objects live on disk: {@code dataDir/BUCKET/KEY}. */
    public Path dataDir() {
        return workDir.resolve("data");
    }

    /** Wall time of the latest start, from process launch to the port accepting connections. */
    public Duration lastStartTime() {
        return lastStartTime;
    }

    public boolean running() {
        return server != null && server.alive();
    }

    /** Process id of the server, if running. */
    public Optional<Long> pid() {
        return running() ? Optional.of(server.pid()) : Optional.empty();
    }

    /** Kills the server (SIGKILL, as a crash would); data stays on disk. Idempotent. */
    public void stop() {
        if (server != null) {
            server.kill();
            server = null;
        }
    }

    /** Starts the server (again) on the same port with the same data; no-op if it is running. */
    public void restart() throws IOException {
        if (running()) {
            return;
        }
        long begin = System.nanoTime();
        server = ChildJvm.start("S3Proxy on " + endpoint(), classpath,
                List.of("-Xmx" + HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Dlogback.configurationFile=" + workDir.resolve("logback.xml")),
                "org.gaul.s3proxy.Main", List.of("--properties", workDir.resolve("s3proxy.properties").toString()),
                Map.of(), workDir.resolve("s3proxy.log"));
        server.awaitListening(port, START_TIMEOUT, "listening on " + endpoint());
        lastStartTime = Duration.ofNanos(System.nanoTime() - begin);
    }

    /** Creates {@code bucket} if it does not exist yet (the server must be running). */
    public void createBucket(String bucket) throws IOException {
        try (S3Client client = client()) {
            client.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // idempotent
        } catch (RuntimeException e) {
            throw new IOException("cannot create bucket '" + bucket + "' on S3Proxy at " + endpoint() + ": " + e.getMessage(), e);
        }
    }

    /** An AWS SDK v2 client for this server (path-style, loopback, this run's identity). The caller closes it. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @Override
    public void close() {
        stop();
    }

    private void writeConfiguration() throws IOException {
        Files.createDirectories(dataDir());
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", endpoint().toString());
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", credentials.accessKeyId());
        properties.setProperty("s3proxy.credential", credentials.secretAccessKey());
        properties.setProperty("jclouds.provider", "filesystem-nio2");
        properties.setProperty("jclouds.identity", credentials.accessKeyId());
        properties.setProperty("jclouds.credential", credentials.secretAccessKey());
        properties.setProperty("jclouds.filesystem.basedir", dataDir().toString());
        Path file = workDir.resolve("s3proxy.properties");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "S3Proxy for one factortwo run; secret, delete with the run");
        }
        Files.writeString(workDir.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
    }
}
