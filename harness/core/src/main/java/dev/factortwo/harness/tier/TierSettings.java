package dev.factortwo.harness.tier;

import dev.factortwo.model.UserError;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.factortwo.harness.services.EmbeddedS3;
import dev.factortwo.harness.services.S3Credentials;

/**
 * How to reach each tier. An empty {@link #hdfsNamenode} means an embedded MiniDFSCluster; an empty
 * {@link #s3Endpoint} means an embedded S3Proxy. Immutable; {@link #toString()} shows no secret.
 *
 * @param scratchDir        this run's scratch directory; local tiers and embedded services keep their files here
 * @param hdfsNamenode      {@code hdfs://HOST:PORT} of a real namenode, or empty for embedded
 * @param s3Endpoint        {@code http(s)://HOST[:PORT]} of a real S3 service, or empty for embedded
 * @param s3Bucket          bucket holding {@link #rootPrefix}; created for the embedded server, must exist on a real one
 * @param s3Region          signing region, e.g. {@code us-east-1}
 * @param s3PathStyle       {@code http://host/bucket/key} addressing instead of {@code http://bucket.host/key}
 * @param s3Credentials     keys for a real endpoint; empty means the AWS default credentials provider chain
 *                          (environment, system properties, {@code AWS_PROFILE}, instance role). Ignored when embedded.
 * @param s3ServerClasspath the embedded S3 server's classpath file, or empty to locate it ({@code S3ServerClasspath})
 * @param rootPrefix        directory under each store's root for this toolkit's data, e.g. {@code factortwo}
 */
public record TierSettings(Path scratchDir, Optional<URI> hdfsNamenode, Optional<URI> s3Endpoint, String s3Bucket,
                           String s3Region, boolean s3PathStyle, Optional<S3Credentials> s3Credentials,
                           Optional<Path> s3ServerClasspath, String rootPrefix) {
    /** Bucket of the embedded S3 server, and default directory under every root. */
    public static final String DEFAULT_NAME = dev.factortwo.model.Defaults.STORE_NAME;
    /** Region when none is set. */
    public static final String DEFAULT_REGION = EmbeddedS3.REGION;

    /** Environment variable: {@code hdfs://HOST:PORT} of a real namenode. */
    public static final String ENV_HDFS_NAMENODE = "FACTORTWO_HDFS_NAMENODE";
    /** Environment variable: endpoint of a real S3 service ({@code https://s3.eu-west-1.amazonaws.com}, {@code http://minio:9000}). */
    public static final String ENV_S3_ENDPOINT = "FACTORTWO_S3_ENDPOINT";
    /** Environment variable: bucket on the real S3 service; alone (no endpoint) it means AWS S3 in the region. */
    public static final String ENV_S3_BUCKET = "FACTORTWO_S3_BUCKET";
    /** Environment variable: {@code true}/{@code false}; default true except for amazonaws.com hosts. */
    public static final String ENV_S3_PATH_STYLE = "FACTORTWO_S3_PATH_STYLE";
    /** Environment variable: directory under each store's root (default {@code factortwo}). */
    public static final String ENV_ROOT_PREFIX = "FACTORTWO_ROOT_PREFIX";

    public TierSettings {
        Objects.requireNonNull(scratchDir, "scratchDir");
        Objects.requireNonNull(hdfsNamenode, "hdfsNamenode");
        Objects.requireNonNull(s3Endpoint, "s3Endpoint");
        Objects.requireNonNull(s3Bucket, "s3Bucket");
        Objects.requireNonNull(s3Region, "s3Region");
        Objects.requireNonNull(s3Credentials, "s3Credentials");
        Objects.requireNonNull(s3ServerClasspath, "s3ServerClasspath");
        Objects.requireNonNull(rootPrefix, "rootPrefix");
        scratchDir = scratchDir.toAbsolutePath();
        hdfsNamenode.ifPresent(uri -> requireScheme(uri, "hdfs namenode", "hdfs"));
        s3Endpoint.ifPresent(uri -> requireScheme(uri, "S3 endpoint", "http", "https"));
        if (!s3Bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new UserError("S3 bucket '" + s3Bucket
                    + "': expected 3 to 63 lower-case letters, digits, '.' or '-'");
        }
        if (rootPrefix.isBlank() || rootPrefix.startsWith("/") || rootPrefix.endsWith("/")) {
            throw new UserError("root prefix '" + rootPrefix + "': expected a relative path like 'factortwo'");
        }
    }

    /** Every tier embedded or local, files under {@code scratch}. */
    public static TierSettings embedded(Path scratch) {
        return new TierSettings(scratch, Optional.empty(), Optional.empty(), DEFAULT_NAME, DEFAULT_REGION, true,
                Optional.empty(), Optional.empty(), DEFAULT_NAME);
    }

    /**
     * Settings from environment variables: {@value #ENV_HDFS_NAMENODE}, {@value #ENV_S3_ENDPOINT},
     * {@value #ENV_S3_BUCKET}, {@value #ENV_S3_PATH_STYLE}, {@value #ENV_ROOT_PREFIX},
     * {@code FACTORTWO_S3SERVER_CLASSPATH}, and the usual AWS ones: {@code AWS_REGION} or
     * {@code AWS_DEFAULT_REGION}; {@code AWS_ACCESS_KEY_ID} + {@code AWS_SECRET_ACCESS_KEY}
     * (+ {@code AWS_SESSION_TOKEN}) as explicit keys, otherwise the default provider chain
     * (which reads {@code AWS_PROFILE}). Unset variables mean embedded services.
     *
     * @throws UserError naming the variable, if a value is malformed
     */
    public static TierSettings fromEnvironment(Path scratch, Map<String, String> env) {
        String region = value(env, "AWS_REGION").or(() -> value(env, "AWS_DEFAULT_REGION")).orElse(DEFAULT_REGION);
        Optional<URI> namenode = value(env, ENV_HDFS_NAMENODE).map(v -> uri(ENV_HDFS_NAMENODE, v));
        Optional<String> bucket = value(env, ENV_S3_BUCKET);
        Optional<URI> endpoint = value(env, ENV_S3_ENDPOINT).map(v -> uri(ENV_S3_ENDPOINT, v))
                .or(() -> bucket.map(b -> URI.create("https://s3." + region + ".amazonaws.com")));
        if (endpoint.isPresent() && bucket.isEmpty()) {
            throw new UserError(ENV_S3_ENDPOINT + " is set but " + ENV_S3_BUCKET
                    + " is not: name the bucket that holds the data on " + endpoint.get());
        }
        boolean amazon = endpoint.map(URI::getHost).map(h -> h.endsWith(".amazonaws.com")).orElse(false);
        boolean pathStyle = value(env, ENV_S3_PATH_STYLE).map(v -> bool(ENV_S3_PATH_STYLE, v)).orElse(!amazon);
        Optional<S3Credentials> keys = Optional.empty();
        Optional<String> id = value(env, "AWS_ACCESS_KEY_ID");
        Optional<String> secret = value(env, "AWS_SECRET_ACCESS_KEY");
        if (id.isPresent() != secret.isPresent()) {
            throw new UserError("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together (only "
                    + (id.isPresent() ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") + " is set)");
        }
        if (id.isPresent()) {
            keys = Optional.of(new S3Credentials(id.get(), secret.get(), value(env, "AWS_SESSION_TOKEN")));
        }
        return new TierSettings(scratch, namenode, endpoint, bucket.orElse(DEFAULT_NAME), region, pathStyle, keys,
                value(env, "FACTORTWO_S3SERVER_CLASSPATH").map(Path::of),
                value(env, ENV_ROOT_PREFIX).orElse(DEFAULT_NAME));
    }

    /** A copy pointing the hdfs tier at {@code namenode} instead of an embedded cluster. */
    public TierSettings withHdfsNamenode(URI namenode) {
        return new TierSettings(scratchDir, Optional.of(namenode), s3Endpoint, s3Bucket, s3Region, s3PathStyle,
                s3Credentials, s3ServerClasspath, rootPrefix);
    }

    /** A copy pointing the s3 tier at a real endpoint and bucket with explicit keys. */
    public TierSettings withS3(URI endpoint, String bucket, Optional<S3Credentials> credentials) {
        return new TierSettings(scratchDir, hdfsNamenode, Optional.of(endpoint), bucket, s3Region, s3PathStyle,
                credentials, s3ServerClasspath, rootPrefix);
    }

    private static Optional<String> value(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static URI uri(String variable, String value) {
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new UserError(variable + "='" + value + "': expected SCHEME://HOST[:PORT]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UserError(variable + "='" + value + "': not a URI (" + e.getMessage() + ")", e);
        }
    }

    private static boolean bool(String variable, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UserError(variable + "='" + value + "': expected true or false");
        };
    }

    private static void requireScheme(URI uri, String what, String... schemes) {
        for (String scheme : schemes) {
            if (scheme.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return;
            }
        }
        throw new UserError(what + " '" + uri + "': expected " + String.join(" or ", schemes) + "://HOST[:PORT]");
    }
}
