package dev.factortwo.harness.tier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.factortwo.harness.services.LoopbackPorts;
import dev.factortwo.harness.services.S3Credentials;

/**
 * The {@link StorageTier} contract, run over every tier against the real component: local files,
 * an embedded MiniDFSCluster, S3Proxy in its own JVM. Each service starts once for the class.
 */
class StorageTierContractTest {
    /** A call against a store that is down must fail within this. */
    private static final Duration FAIL_FAST = Duration.ofSeconds(15);

    @TempDir
    static Path scratch;

    private static final Map<String, StorageTier> TIERS = new LinkedHashMap<>();

    @BeforeAll
    static void startEveryTier() throws IOException {
        TierSettings settings = TierSettings.embedded(scratch);
        for (String name : Tiers.names()) {
            StorageTier tier = Tiers.create(name, settings);
            long begin = System.nanoTime();
            tier.start();
            System.out.printf("tier %-10s started in %5d ms: %s%n", name,
                    Duration.ofNanos(System.nanoTime() - begin).toMillis(), tier.describe());
            TIERS.put(name, tier);
        }
    }

    @AfterAll
    static void closeEveryTier() throws IOException {
        for (StorageTier tier : TIERS.values()) {
            tier.close();
        }
    }

    static Stream<String> tiers() {
        return Tiers.names().stream();
    }

    static Stream<String> coldTiers() {
        return Tiers.names().stream().filter(n -> TIERS.get(n).remoteStore());
    }

    @ParameterizedTest
    @MethodSource("tiers")
    void bytesWrittenReadBackWithTheSameSha256(String name) throws IOException {
        StorageTier tier = TIERS.get(name);
        byte[] data = randomBytes(3 * 1024 * 1024 + 17, 42);
        org.apache.hadoop.fs.Path file = path(tier, "roundtrip/blob.bin");
        try (FileSystem fs = open(tier)) {
            write(fs, file, data);
            assertEquals(data.length, fs.getFileStatus(file).getLen());
            assertEquals(sha256(data), sha256(read(fs, file)), "SHA-256 of what came back from " + file);
        }
    }

    @ParameterizedTest
    @MethodSource("tiers")
    void listingShowsExactlyTheFilesWritten(String name) throws IOException {
        StorageTier tier = TIERS.get(name);
        try (FileSystem fs = open(tier)) {
            for (int i = 0; i < 3; i++) {
                write(fs, path(tier, "listing/part-" + i), randomBytes(100 + i, i));
            }
            FileStatus[] listed = fs.listStatus(path(tier, "listing"));
            List<String> names = Arrays.stream(listed).map(s -> s.getPath().getName()).sorted().toList();
            assertEquals(List.of("part-0", "part-1", "part-2"), names);
            assertEquals(List.of(100L, 101L, 102L), Arrays.stream(listed)
                    .sorted((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()))
                    .map(FileStatus::getLen).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("tiers")
    void missingObjectFailsNamingThePath(String name) throws IOException {
        StorageTier tier = TIERS.get(name);
        org.apache.hadoop.fs.Path missing = path(tier, "no/such/shard-00007.bin");
        try (FileSystem fs = open(tier)) {
            FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> read(fs, missing));
            assertTrue(e.getMessage().contains("no/such/shard-00007.bin"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("tiers")
    void rootAndDescriptionAreSafeToRecord(String name) {
        StorageTier tier = TIERS.get(name);
        assertEquals(name, tier.name());
        assertTrue(tier.root().getPath().endsWith("/factortwo"), tier.root().toString());
        String scheme = switch (name) {
            case "hdfs" -> "hdfs";
            case "s3" -> "s3a";
            default -> "file";
        };
        assertEquals(scheme, tier.root().getScheme());
        assertEquals(!scheme.equals("file"), tier.remoteStore());
        for (String secret : secrets(tier)) {
            assertFalse(tier.describe().contains(secret), "describe() leaks a credential");
            assertFalse(tier.publicHadoopConf().toString().contains(secret), "publicHadoopConf() leaks a credential");
        }
    }

    @ParameterizedTest
    @MethodSource("coldTiers")
    void outageFailsFastNamingTheEndpointAndRestoreKeepsTheData(String name) throws IOException {
        StorageTier tier = TIERS.get(name);
        assumeTrue(tier.supportsOutage());
        byte[] data = randomBytes(256 * 1024, 7);
        org.apache.hadoop.fs.Path file = path(tier, "outage/blob.bin");
        try (FileSystem fs = open(tier)) {
            write(fs, file, data);
        }
        String endpoint = endpointOf(tier);
        Outage outage = tier.beginOutage();
        try (FileSystem fs = open(tier)) {
            assertFailsFastNaming(endpoint, () -> read(fs, file));
        } finally {
            outage.close();
        }
        try (FileSystem fs = open(tier)) {
            assertArrayEquals(data, read(fs, file), "data after the outage on " + tier.describe());
        }
    }

    @ParameterizedTest
    @MethodSource("coldTiers")
    void closedPortFailsFastNamingTheEndpoint(String name) throws IOException {
        int closed = LoopbackPorts.free();
        TierSettings settings = TierSettings.embedded(scratch.resolve("closed"));
        settings = switch (name) {
            case "hdfs" -> settings.withHdfsNamenode(URI.create("hdfs://127.0.0.1:" + closed));
            case "s3" -> settings.withS3(URI.create("http://127.0.0.1:" + closed), "factortwo",
                    Optional.of(S3Credentials.randomLocal()));
            default -> throw new AssertionError(name);
        };
        try (StorageTier tier = Tiers.create(name, settings)) {
            tier.start();
            assertFalse(tier.supportsOutage());
            assertTrue(tier.describe().contains("127.0.0.1:" + closed), tier.describe());
            try (FileSystem fs = open(tier)) {
                assertFailsFastNaming("127.0.0.1:" + closed, () -> read(fs, path(tier, "any/shard.bin")));
            }
        }
    }

    @Test
    void unknownTierNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tiers.create("tape", TierSettings.embedded(scratch)));
        assertEquals("unknown storage tier 'tape': expected one of " + String.join(", ", Tiers.names()), e.getMessage());
        assertEquals(List.of("memory", "local-disk", "hdfs", "s3"), Tiers.builtInNames(), "the built-in tiers, warm to cold");
        assertEquals(Tiers.builtInNames(), Tiers.names().subList(0, 4), "registered tiers come after the built-in ones");
    }

    private static void assertFailsFastNaming(String endpoint, Call call) {
        long begin = System.nanoTime();
        IOException e = assertThrows(IOException.class, call::run);
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        System.out.printf("unreachable %s failed in %d ms: %s%n", endpoint, took.toMillis(), e);
        assertTrue(took.compareTo(FAIL_FAST) < 0, "took " + took.toMillis() + " ms to fail");
        // Hadoop's IPC client prints the loopback namenode as localhost:PORT (reverse lookup of 127.0.0.1)
        String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
        assertTrue(Pattern.compile("(127\\.0\\.0\\.1|\"?localhost\"?):" + port + "\\b").matcher(String.valueOf(e.getMessage())).find(),
                "message should name " + endpoint + ": " + e.getMessage());
    }

    private static String endpointOf(StorageTier tier) {
        if (tier.root().getScheme().equals("hdfs")) {
            return tier.root().getAuthority();
        }
        return URI.create(tier.hadoopConf().get("fs.s3a.endpoint")).getAuthority();
    }

    private static List<String> secrets(StorageTier tier) {
        return tier.hadoopConf().entrySet().stream()
                .filter(e -> e.getKey().endsWith(".key") || e.getKey().endsWith(".token"))
                .map(Map.Entry::getValue).toList();
    }

    private static FileSystem open(StorageTier tier) throws IOException {
        Configuration conf = tier.configuration();
        return FileSystem.newInstance(tier.root(), conf);
    }

    private static org.apache.hadoop.fs.Path path(StorageTier tier, String relative) {
        return new org.apache.hadoop.fs.Path(tier.root().toString() + "/contract/" + relative);
    }

    private static void write(FileSystem fs, org.apache.hadoop.fs.Path file, byte[] data) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(data);
        }
    }

    private static byte[] read(FileSystem fs, org.apache.hadoop.fs.Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            return in.readAllBytes();
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws IOException;
    }
}
