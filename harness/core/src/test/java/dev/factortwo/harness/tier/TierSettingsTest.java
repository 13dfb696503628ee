package dev.factortwo.harness.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TierSettingsTest {
    @TempDir
    Path scratch;

    @Test
    void noVariablesMeansEverythingEmbedded() {
        assertEquals(TierSettings.embedded(scratch), TierSettings.fromEnvironment(scratch, Map.of()));
    }

    @Test
    void bucketAloneMeansAwsS3InTheRegionWithVirtualHostAddressing() {
        TierSettings s = TierSettings.fromEnvironment(scratch, Map.of(
                "FACTORTWO_S3_BUCKET", "bench-data", "AWS_DEFAULT_REGION", "eu-west-1", "AWS_PROFILE", "bench"));
        assertEquals(Optional.of(URI.create("https://s3.eu-west-1.amazonaws.com")), s.s3Endpoint());
        assertEquals("bench-data", s.s3Bucket());
        assertEquals("eu-west-1", s.s3Region());
        assertFalse(s.s3PathStyle());
        assertEquals(Optional.empty(), s.s3Credentials(), "AWS_PROFILE is left to the default provider chain");
    }

    @Test
    void explicitKeysAreKeptButNeverPrinted() throws IOException {
        Map<String, String> env = Map.of("FACTORTWO_S3_ENDPOINT", "http://minio.lan:9000", "FACTORTWO_S3_BUCKET", "bench",
                "AWS_ACCESS_KEY_ID", "AKIAEXAMPLEKEY", "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMIsecret", "AWS_REGION", "us-west-2");
        TierSettings s = TierSettings.fromEnvironment(scratch, env);
        assertTrue(s.s3PathStyle(), "path style is the default off amazonaws.com");
        assertEquals("wJalrXUtnFEMIsecret", s.s3Credentials().orElseThrow().secretAccessKey());
        assertFalse(s.toString().contains("wJalrXUtnFEMIsecret") || s.toString().contains("AKIAEXAMPLEKEY"), s.toString());
        try (StorageTier tier = Tiers.create("s3", s)) {
            tier.start();
            assertEquals(URI.create("s3a://bench/factortwo"), tier.root());
            assertEquals("wJalrXUtnFEMIsecret", tier.hadoopConf().get("fs.s3a.secret.key"));
            assertEquals("us-west-2", tier.hadoopConf().get("fs.s3a.endpoint.region"));
            assertEquals("<redacted>", tier.publicHadoopConf().get("fs.s3a.secret.key"));
            assertEquals("<redacted>", tier.publicHadoopConf().get("fs.s3a.access.key"));
            assertEquals("org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
                    tier.publicHadoopConf().get("fs.s3a.aws.credentials.provider"));
            assertEquals("S3 endpoint http://minio.lan:9000, bucket bench, region us-west-2", tier.describe());
            assertFalse(tier.supportsOutage());
        }
    }

    @Test
    void withoutKeysTheDefaultCredentialsChainIsUsed() throws IOException {
        TierSettings s = TierSettings.fromEnvironment(scratch, Map.of("FACTORTWO_S3_BUCKET", "bench"));
        try (StorageTier tier = Tiers.create("s3", s)) {
            tier.start();
            assertEquals("software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider",
                    tier.hadoopConf().get("fs.s3a.aws.credentials.provider"));
            assertFalse(tier.hadoopConf().containsKey("fs.s3a.secret.key"));
            assertEquals("true", tier.hadoopConf().get("fs.s3a.connection.ssl.enabled"));
        }
    }

    @Test
    void realNamenodeGivesItsRootWithoutStartingAnything() throws IOException {
        TierSettings s = TierSettings.fromEnvironment(scratch, Map.of("FACTORTWO_HDFS_NAMENODE", "hdfs://nn.lan:8020",
                "FACTORTWO_ROOT_PREFIX", "bench/run-7"));
        try (StorageTier tier = Tiers.create("hdfs", s)) {
            tier.start();
            assertEquals(URI.create("hdfs://nn.lan:8020/bench/run-7"), tier.root());
            assertEquals("HDFS namenode hdfs://nn.lan:8020", tier.describe());
            assertThrows(UnsupportedOperationException.class, tier::beginOutage);
        }
    }

    @Test
    void malformedValuesNameTheVariable() {
        assertEquals("FACTORTWO_S3_ENDPOINT is set but FACTORTWO_S3_BUCKET is not: name the bucket that holds the data on http://h:9000",
                assertThrows(IllegalArgumentException.class, () -> TierSettings.fromEnvironment(scratch,
                        Map.of("FACTORTWO_S3_ENDPOINT", "http://h:9000"))).getMessage());
        assertEquals("FACTORTWO_HDFS_NAMENODE='nn.lan:8020': expected SCHEME://HOST[:PORT]",
                assertThrows(IllegalArgumentException.class, () -> TierSettings.fromEnvironment(scratch,
                        Map.of("FACTORTWO_HDFS_NAMENODE", "nn.lan:8020"))).getMessage());
        assertEquals("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together (only AWS_ACCESS_KEY_ID is set)",
                assertThrows(IllegalArgumentException.class, () -> TierSettings.fromEnvironment(scratch,
                        Map.of("AWS_ACCESS_KEY_ID", "x"))).getMessage());
        assertEquals("S3 bucket 'b': expected 3 to 63 lower-case letters, digits, '.' or '-'",
                assertThrows(IllegalArgumentException.class, () -> TierSettings.fromEnvironment(scratch,
                        Map.of("FACTORTWO_S3_BUCKET", "b"))).getMessage());
        assertEquals("FACTORTWO_S3_PATH_STYLE='yes': expected true or false",
                assertThrows(IllegalArgumentException.class, () -> TierSettings.fromEnvironment(scratch,
                        Map.of("FACTORTWO_S3_PATH_STYLE", "yes"))).getMessage());
    }

    @Test
    void rootBeforeStartIsAnError() {
        for (String name : Tiers.names()) {
            StorageTier tier = Tiers.create(name, TierSettings.embedded(scratch));
            IllegalStateException e = assertThrows(IllegalStateException.class, tier::root);
            assertEquals("tier " + name + " is not started: call start() first", e.getMessage());
        }
    }
}
