package dev.factortwo.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardCorruptionTest {

    @TempDir
    Path dir;

    private FileSystem fs;
    private org.apache.hadoop.fs.Path hdir;
    private Manifest manifest;
    private ShardInfo shard1;
    private Path file1;
    private String location;

    @BeforeEach
    void writeShards() throws IOException {
        SyntheticSource src = new SyntheticSource(new SyntheticOptions(30, 0, 4, 4, 1, 3, 11));
        manifest = ShardWriter.write(src, "train", 0, 3, dir);
        fs = FileSystem.get(URI.create("file:///"), new Configuration());
        hdir = new org.apache.hadoop.fs.Path(dir.toUri());
        location = fs.makeQualified(hdir).toString();
        shard1 = manifest.shards().get(1);
        file1 = dir.resolve(shard1.name());
    }

    private String manifestLocation() {
        return fs.makeQualified(new org.apache.hadoop.fs.Path(hdir, ShardFormat.MANIFEST)).toString();
    }

    private CorruptShardException readFails(ShardInfo shard) {
        return assertThrows(CorruptShardException.class,
                () -> ShardReader.read(fs, hdir, shard, manifest.recordBytes(), (i, l, img) -> { }));
    }

    @ParameterizedTest(name = "flip byte {0}")
    @ValueSource(ints = {ShardFormat.HEADER_BYTES, ShardFormat.HEADER_BYTES + 1, 100, 189})
    void flippedRecordByteIsADigestMismatch(int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file1);
        bytes[offset] ^= 0x01;
        Files.write(file1, bytes);
        String actual = Sha256.hex(Sha256.newDigest().digest(bytes));
        CorruptShardException e = readFails(shard1);
        assertEquals("shard part-00001.f2s of " + location + ": SHA-256 " + actual + ", expected " + shard1.sha256(), e.getMessage());
        assertEquals(shard1.sha256(), e.expected());
        assertEquals(actual, e.actual());
        assertEquals("part-00001.f2s", e.shard());
    }

    @Test
    void flippedHeaderByteNamesTheHeaderToo() throws IOException {
        byte[] bytes = Files.readAllBytes(file1);
        bytes[0] ^= 0x40;
        Files.write(file1, bytes);
        CorruptShardException e = readFails(shard1);
        assertTrue(e.getMessage().startsWith("shard part-00001.f2s of " + location + ": SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", expected " + shard1.sha256() + " (bad magic 0x06325348, expected 0x46325348 (F2SH))"),
                e.getMessage());
    }

    @Test
    void truncatedShardNamesBothLengths() throws IOException {
        byte[] bytes = Files.readAllBytes(file1);
        Files.write(file1, Arrays.copyOf(bytes, bytes.length - 7));
        CorruptShardException e = readFails(shard1);
        assertEquals("shard part-00001.f2s of " + location + ": truncated: 183 bytes, expected 190 bytes", e.getMessage());
        assertEquals("190", e.expected());
        assertEquals("183", e.actual());
    }

    @Test
    void truncatedInsideTheHeader() throws IOException {
        Files.write(file1, Arrays.copyOf(Files.readAllBytes(file1), 9));
        assertEquals("shard part-00001.f2s of " + location + ": truncated: 9 bytes, expected 190 bytes", readFails(shard1).getMessage());
    }

    @Test
    void appendedBytesAreCaught() throws IOException {
        byte[] bytes = Files.readAllBytes(file1);
        Files.write(file1, Arrays.copyOf(bytes, bytes.length + 3));
        assertEquals("shard part-00001.f2s of " + location + ": 193 bytes, expected 190 bytes (3 extra)", readFails(shard1).getMessage());
    }

    @Test
    void missingShard() throws IOException {
        Files.delete(file1);
        CorruptShardException e = readFails(shard1);
        assertEquals("shard part-00001.f2s of " + location + ": missing, expected 190 bytes with SHA-256 " + shard1.sha256(), e.getMessage());
        assertEquals("missing", e.actual());
    }

    @Test
    void streamVariantUsesTheCallersLocation() throws IOException {
        byte[] bytes = Files.readAllBytes(file1);
        long n = ShardReader.read(new ByteArrayInputStream(bytes), "s3a://bucket/x", shard1, manifest.recordBytes(), (i, l, img) -> { });
        assertEquals(10, n);
        bytes[50] ^= (byte) 0x80;
        CorruptShardException e = assertThrows(CorruptShardException.class, () ->
                ShardReader.read(new ByteArrayInputStream(bytes), "s3a://bucket/x", shard1, manifest.recordBytes(), (i, l, img) -> { }));
        assertTrue(e.getMessage().startsWith("shard part-00001.f2s of s3a://bucket/x: SHA-256 "), e.getMessage());
    }

    @Test
    void swappedShardsAreCaught() throws IOException {
        // same length, valid header, but another shard's bytes
        Files.copy(dir.resolve(manifest.shards().get(0).name()), file1, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(shard1.sha256(), readFails(shard1).expected());
    }

    @Test
    void missingManifest() throws IOException {
        Files.delete(dir.resolve(ShardFormat.MANIFEST));
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> Manifest.read(fs, hdir));
        assertEquals(manifestLocation() + ": no manifest (not a shard directory, or writing/staging did not finish)", e.getMessage());
    }

    @Test
    void badManifestSchema() throws IOException {
        String json = manifest.toJson().replace("factortwo/shards/v1", "factortwo/shards/v0");
        Files.writeString(dir.resolve(ShardFormat.MANIFEST), json);
        ManifestFormatException e = assertThrows(ManifestFormatException.class, () -> Manifest.read(fs, hdir));
        assertEquals(manifestLocation() + ": schema 'factortwo/shards/v0', expected 'factortwo/shards/v1'", e.getMessage());
    }

    @Test
    void manifestFieldsAreChecked() {
        String json = manifest.toJson();
        assertManifestError(json.replace("\"recordBytes\" : 17", "\"recordBytes\" : 16"),
                "field 'recordBytes' is 16, expected 17 (1 label byte + 4x4x1 image)");
        assertManifestError(json.replace("\"records\" : 30", "\"records\" : 31"),
                "field 'records' is 31, expected 30 (sum over shards)");
        assertManifestError(json.replace(manifest.digest(), manifest.shards().get(0).sha256()),
                "field 'digest' is '" + manifest.shards().get(0).sha256() + "', expected " + manifest.digest()
                        + " (SHA-256 over the shards' SHA-256 values)");
        assertManifestError(json.replace("part-00002.f2s", "../../etc/passwd"),
                "field 'shards[2].name' is '../../etc/passwd', expected a unique file name like part-00000.f2s");
        assertManifestError(json.replace("\"split\" : \"train\"", "\"split\" : 3"), "field 'split' is 3, expected a string");
        assertManifestError(json.replace("\"height\" : 4,", ""), "field 'spec.height' missing, expected an integer");
        assertManifestError(json.replace("\"bytes\" : 190,", "\"bytes\" : 191,"),
                "field 'shards[0].bytes' is 191, expected 190 (20-byte header + 10 records of 17 bytes)");
        assertTrue(assertThrows(ManifestFormatException.class, () -> Manifest.fromJson("{\"schema\" : ", "m.json"))
                .getMessage().startsWith("m.json: not valid JSON: Unexpected end-of-input"));
        assertManifestError("[1, 2]", "expected a JSON object");
    }

    private static void assertManifestError(String json, String expected) {
        ManifestFormatException e = assertThrows(ManifestFormatException.class, () -> Manifest.fromJson(json, "m.json"));
        assertEquals("m.json: " + expected, e.getMessage());
    }

    @Test
    void manifestJsonRoundTrips() throws IOException {
        assertEquals(manifest, Manifest.fromJson(manifest.toJson(), "x"));
        assertEquals(manifest.toJson(), Files.readString(dir.resolve(ShardFormat.MANIFEST), StandardCharsets.UTF_8));
    }
}
