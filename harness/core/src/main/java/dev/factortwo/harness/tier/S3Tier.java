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
final class S3Tier extends EmbeddedServiceTier<EmbeddedS3> {
    static final String NAME = "s3";

    /** S3A settings that make an unreachable endpoint fail within seconds (throttling keeps its own retries). */
    static final Map<String, String> FAIL_FAST = Map.of(
            "fs.s3a.attempts.maximum", "1",
            "fs.s3a.retry.limit", "2",
            "fs.s3a.retry.interval", "200ms",
            "fs.s3a.connection.establish.timeout", "2000",
            "fs.s3a.connection.timeout", "30000",
            "fs.s3a.bucket.probe", "0");

    private Map<String, String> hadoopConf;

    S3Tier(TierSettings settings) {
        super(settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Optional<URI> external() {
        return settings.s3Endpoint();
    }

    @Override
    String serviceWord() {
        return "endpoint";
    }

    @Override
    EmbeddedS3 startEmbedded() throws IOException {
        Path classpath = settings.s3ServerClasspath().isPresent() ? settings.s3ServerClasspath().get() : S3ServerClasspath.locate();
        EmbeddedS3 s3 = EmbeddedS3.start(settings.scratchDir().resolve("s3"), classpath);
        try {
            s3.createBucket(settings.s3Bucket());
        } catch (IOException | RuntimeException e) {
            s3.close();
            throw e;
        }
        return s3;
    }

    @Override
    URI addressOf(EmbeddedS3 s3) {
        return s3.endpoint();
    }

    @Override
    Outage takeDown(EmbeddedS3 s3) {
        s3.stop();
        return s3::restart;
    }

    @Override
    void started(URI endpoint, Optional<EmbeddedS3> embedded) {
        Optional<S3Credentials> keys = embedded.isPresent() ? Optional.of(embedded.get().credentials()) : settings.s3Credentials();
        hadoopConf = s3aConf(endpoint, keys, embedded.isPresent());
    }

    private Map<String, String> s3aConf(URI endpoint, Optional<S3Credentials> keys, boolean embedded) {
        Map<String, String> conf = new TreeMap<>(FAIL_FAST);
        conf.put("fs.s3a.endpoint", endpoint.toString());
        conf.put("fs.s3a.endpoint.region", embedded ? EmbeddedS3.REGION : settings.s3Region());
        conf.put("fs.s3a.path.style.access", Boolean.toString(embedded || settings.s3PathStyle()));
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
        address();
        return URI.create("s3a://" + settings.s3Bucket() + "/" + settings.rootPrefix());
    }

    @Override
    public Map<String, String> hadoopConf() {
        address();
        return hadoopConf;
    }

    @Override
    public CheckpointStore checkpoints(String run) {
        return new HadoopCheckpointStore(new org.apache.hadoop.fs.Path(root().toString() + "/checkpoints/" + run), configuration(),
                false, "S3A (Hadoop FileSystem over the AWS SDK)");
    }

    @Override
    public String describe() {
        String bucket = ", bucket " + settings.s3Bucket();
        URI endpoint = addressOrNull();
        if (isEmbedded()) {
            return "embedded S3Proxy 4.0.0 (filesystem-nio2) at " + endpoint + bucket;
        }
        return settings.s3Endpoint().map(u -> "S3 endpoint " + u + bucket + ", region " + settings.s3Region())
                .orElse(endpoint == null ? "embedded S3Proxy (not started)" : "S3 at " + endpoint + bucket);
    }
}
