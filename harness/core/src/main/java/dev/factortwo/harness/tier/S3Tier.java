package dev.factortwo.harness.tier;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.factortwo.harness.services.EmbeddedS3;
import dev.factortwo.harness.services.S3Credentials;
import dev.factortwo.harness.services.S3ServerClasspath;

/**
 * The s3 tier through S3A: an embedded {@link EmbeddedS3} (S3Proxy in its own JVM, a bucket created at
 * start, a random identity per run), or a real endpoint from {@link TierSettings#s3Endpoint()}. Retries
 * are cut so that an endpoint that is down fails a call within seconds, naming the endpoint.
 */
final class S3Tier implements StorageTier {
    static final String NAME = "s3";

    /** S3A settings that make an unreachable endpoint fail within seconds (throttling keeps its own retries). */
    static final Map<String, String> FAIL_FAST = Map.of(
            "fs.s3a.attempts.maximum", "1",
            "fs.s3a.retry.limit", "2",
            "fs.s3a.retry.interval", "200ms",
            "fs.s3a.connection.establish.timeout", "2000",
            "fs.s3a.connection.timeout", "30000",
            "fs.s3a.bucket.probe", "0");

    private final TierSettings settings;
    private Optional<EmbeddedS3> embedded = Optional.empty();
    private URI endpoint;
    private Map<String, String> hadoopConf;

    S3Tier(TierSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean cold() {
        return true;
    }

    @Override
    public void start() throws IOException {
        if (endpoint != null) {
            return;
        }
        Optional<S3Credentials> keys;
        if (settings.s3Endpoint().isPresent()) {
            endpoint = settings.s3Endpoint().get();
            keys = settings.s3Credentials();
        } else {
            Path classpath = settings.s3ServerClasspath().isPresent() ? settings.s3ServerClasspath().get() : S3ServerClasspath.locate();
            EmbeddedS3 s3 = EmbeddedS3.start(settings.scratchDir().resolve("s3"), classpath);
            embedded = Optional.of(s3);
            try {
                s3.createBucket(settings.s3Bucket());
            } catch (IOException e) {
                s3.close();
                throw e;
            }
            endpoint = s3.endpoint();
            keys = Optional.of(s3.credentials());
        }
        hadoopConf = s3aConf(endpoint, keys);
    }

    private Map<String, String> s3aConf(URI endpoint, Optional<S3Credentials> keys) {
        Map<String, String> conf = new TreeMap<>(FAIL_FAST);
        conf.put("fs.s3a.endpoint", endpoint.toString());
        conf.put("fs.s3a.endpoint.region", embedded.isPresent() ? EmbeddedS3.REGION : settings.s3Region());
        conf.put("fs.s3a.path.style.access", Boolean.toString(embedded.isPresent() || settings.s3PathStyle()));
        conf.put("fs.s3a.connection.ssl.enabled", Boolean.toString("https".equalsIgnoreCase(endpoint.getScheme())));
        if (keys.isPresent()) {
            S3Credentials k = keys.get();
            conf.put("fs.s3a.access.key", k.accessKeyId());
            conf.put("fs.s3a.secret.key", k.secretAccessKey());
            if (k.sessionToken().isPresent()) {
                conf.put("fs.s3a.session.token", k.sessionToken().get());
                conf.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider");
            } else {
                conf.put("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            }
        } else {
            conf.put("fs.s3a.aws.credentials.provider", "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
        }
        return Map.copyOf(conf);
    }

    @Override
    public URI root() {
        requireStarted();
        return URI.create("s3a://" + settings.s3Bucket() + "/" + settings.rootPrefix());
    }

    @Override
    public Map<String, String> hadoopConf() {
        requireStarted();
        return hadoopConf;
    }

    @Override
    public String describe() {
        String bucket = ", bucket " + settings.s3Bucket();
        if (embedded.isPresent()) {
            return "embedded S3Proxy 4.0.0 (filesystem-nio2) at " + endpoint + bucket;
        }
        return settings.s3Endpoint().map(u -> "S3 endpoint " + u + bucket + ", region " + settings.s3Region())
                .orElse(endpoint == null ? "embedded S3Proxy (not started)" : "S3 at " + endpoint + bucket);
    }

    @Override
    public boolean supportsOutage() {
        return settings.s3Endpoint().isEmpty();
    }

    @Override
    public Outage beginOutage() {
        requireStarted();
        EmbeddedS3 s3 = embedded.orElseThrow(() -> new UnsupportedOperationException(
                "tier s3 uses the external endpoint " + endpoint + ": the harness cannot take it down"));
        s3.stop();
        return s3::restart;
    }

    @Override
    public void close() {
        embedded.ifPresent(EmbeddedS3::close);
        embedded = Optional.empty();
    }

    /** The embedded server, if this tier started one (for start-time measurements). */
    Optional<EmbeddedS3> embedded() {
        return embedded;
    }

    private void requireStarted() {
        if (endpoint == null) {
            throw new IllegalStateException("tier s3 is not started: call start() first");
        }
    }
}
