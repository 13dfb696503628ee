package dev.factortwo.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagerTest {

    @TempDir
    Path tmp;

    private final Configuration conf = new Configuration();
    private Path local;
    private Manifest manifest;
    private URI target;

    @BeforeEach
    void writeLocalShards() throws IOException {
        local = tmp.resolve("local");
        manifest = ShardWriter.write(new SyntheticSource(new SyntheticOptions(500, 0, 28, 28, 1, 10, 9)), "train", 0, 4, local);
        target = URI.create("file://" + tmp.resolve("staged").toAbsolutePath());
    }

    @Test
    void stagedCopyHasTheSameDigestAndBytes() throws IOException {
        Manifest staged = Stager.stage(local, target, conf);
        assertEquals(manifest, staged);
        assertEquals(manifest.digest(), staged.digest());
        Path copy = Path.of(target);
        for (ShardInfo shard : manifest.shards()) {
            assertArrayEquals(Files.readAllBytes(local.resolve(shard.name())), Files.readAllBytes(copy.resolve(shard.name())));
        }
        assertEquals(Files.readString(local.resolve(ShardFormat.MANIFEST)), Files.readString(copy.resolve(ShardFormat.MANIFEST)));
        assertEquals(manifest, Stager.verify(target, conf));
    }

    @Test
    void verifyCatchesACorruptedCopy() throws IOException {
        Stager.stage(local, target, conf);
        Path shard = Path.of(target).resolve("part-00002.f2s");
        byte[] bytes = Files.readAllBytes(shard);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(shard, bytes);
        // Hadoop's local file system keeps a .crc beside each file; remove it so our digest, not Hadoop's, sees the change
        Files.deleteIfExists(shard.resolveSibling(".part-00002.f2s.crc"));
        CorruptShardException e = assertThrows(CorruptShardException.class, () -> Stager.verify(target, conf));
        assertEquals("part-00002.f2s", e.shard());
        assertEquals(manifest.shards().get(2).sha256(), e.expected());
    }

    @Test
    void fileSystemChecksumFailureIsACorruptShard() throws IOException {
        Stager.stage(local, target, conf);
        Path shard = Path.of(target).resolve("part-00001.f2s");
        assertTrue(Files.exists(shard.resolveSibling(".part-00001.f2s.crc")), "Hadoop's local file system writes checksums");
        byte[] bytes = Files.readAllBytes(shard);
        bytes[300] ^= 0x10;
        Files.write(shard, bytes);
        CorruptShardException e = assertThrows(CorruptShardException.class, () -> Stager.verify(target, conf));
        assertEquals("part-00001.f2s", e.shard());
        assertEquals("checksum error", e.actual());
        assertTrue(e.getMessage().contains("the file system's checksum failed"), e.getMessage());
    }

    @Test
    void corruptLocalShardStopsTheStageWithoutAManifest() throws IOException {
        Path shard = local.resolve("part-00003.f2s");
        byte[] bytes = Files.readAllBytes(shard);
        bytes[100] ^= 0x01;
        Files.write(shard, bytes);
        CorruptShardException e = assertThrows(CorruptShardException.class, () -> Stager.stage(local, target, conf));
        assertEquals("part-00003.f2s", e.shard());
        assertTrue(e.getMessage().contains(" of " + local + ": SHA-256 "), e.getMessage());
        assertFalse(Files.exists(Path.of(target).resolve(ShardFormat.MANIFEST)), "an interrupted stage must leave no manifest");
        assertFalse(Files.exists(Path.of(target).resolve("part-00003.f2s")), "the bad copy is removed");
        assertThrows(FileNotFoundException.class, () -> Stager.verify(target, conf));
    }

    @Test
    void restagingReplacesAnOlderCopy() throws IOException {
        Stager.stage(local, target, conf);
        Manifest smaller = ShardWriter.write(new SyntheticSource(new SyntheticOptions(50, 0, 28, 28, 1, 10, 10)), "train", 0, 2, local);
        Manifest staged = Stager.stage(local, target, conf);
        assertEquals(smaller.digest(), staged.digest());
        assertFalse(Files.exists(Path.of(target).resolve("part-00003.f2s")), "stale shards from the older copy are removed");
    }

    @Test
    void missingLocalManifestIsNamed() throws IOException {
        Files.delete(local.resolve(ShardFormat.MANIFEST));
        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> Stager.stage(local, target, conf));
        assertEquals(local.resolve(ShardFormat.MANIFEST) + ": no manifest (not a shard directory, or writing did not finish)", e.getMessage());
    }
}
