package dev.factortwo.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Property: whatever the shape, shard count and limit, reading the shards gives back the source's records. */
class ShardRoundTripTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        int[][] shapes = {{1, 1, 1}, {28, 28, 1}, {32, 32, 3}, {5, 3, 2}};
        int[] shardCounts = {1, 2, 3, 7};
        long[] limits = {0, 1, 6, 250};
        int n = 0;
        for (int[] shape : shapes) {
            for (int shards : shardCounts) {
                // a different limit per combination keeps the run short while covering every value
                cases.add(Arguments.of(shape[0], shape[1], shape[2], shards, limits[n++ % limits.length]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}x{1}x{2}, {3} shards, limit {4}")
    @MethodSource("cases")
    void shardsHoldExactlyTheSourceRecords(int h, int w, int c, int shards, long limit) throws IOException {
        SyntheticSource src = new SyntheticSource(new SyntheticOptions(200, 50, h, w, c, 7, h * 31L + shards));
        Path dir = tmp.resolve("shards");
        Manifest written = ShardWriter.write(src, "train", limit, shards, dir);

        long expected = limit == 0 ? 200 : Math.min(limit, 200);
        assertEquals(expected, written.records());
        assertEquals(shards, written.shards().size());
        assertEquals(1 + h * w * c, written.recordBytes());
        long min = written.shards().stream().mapToLong(ShardInfo::records).min().orElseThrow();
        long max = written.shards().stream().mapToLong(ShardInfo::records).max().orElseThrow();
        assertTrue(max - min <= 1, "shard sizes " + min + ".." + max + " differ by more than one record");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(shards + 1, files.peek(f -> assertTrue(!f.toString().endsWith(".tmp"), "left over " + f)).count());
        }

        FileSystem fs = FileSystem.get(URI.create("file:///"), new Configuration());
        org.apache.hadoop.fs.Path hdir = new org.apache.hadoop.fs.Path(dir.toUri());
        Manifest read = Manifest.read(fs, hdir);
        assertEquals(written, read);

        byte[] expectedImage = new byte[src.spec().imageBytes()];
        long[] next = {0};
        for (ShardInfo shard : read.shards()) {
            assertEquals(shard.bytes(), Files.size(dir.resolve(shard.name())));
            long base = next[0];
            long n = ShardReader.read(fs, hdir, shard, read.recordBytes(), (i, label, image) -> {
                assertEquals(base + i, next[0]);
                assertEquals(src.record("train", next[0], expectedImage), label, "label of record " + next[0]);
                assertArrayEquals(expectedImage, image, "image of record " + next[0]);
                next[0]++;
            });
            assertEquals(shard.records(), n);
        }
        assertEquals(expected, next[0]);
        assertEquals(Digests.records(src, "train", expected), recordsDigest(dir, read));
    }

    /** SHA-256 of the records with headers stripped: must equal the source's record digest. */
    private static String recordsDigest(Path dir, Manifest m) throws IOException {
        MessageDigest md = Sha256.newDigest();
        for (ShardInfo shard : m.shards()) {
            try (InputStream in = Files.newInputStream(dir.resolve(shard.name()))) {
                in.skipNBytes(ShardFormat.HEADER_BYTES);
                md.update(in.readAllBytes());
            }
        }
        return Sha256.hex(md.digest());
    }

    @Test
    void sameInputGivesTheSameDigestAndRewritingReplacesOldShards() throws IOException {
        SyntheticSource src = new SyntheticSource(new SyntheticOptions(100, 10, 8, 8, 1, 4, 5));
        Manifest first = ShardWriter.write(src, "test", 0, 5, tmp.resolve("a"));
        Manifest second = ShardWriter.write(src, "test", 0, 5, tmp.resolve("b"));
        assertEquals(first.digest(), second.digest());
        Manifest fewer = ShardWriter.write(src, "test", 0, 2, tmp.resolve("a"));
        assertEquals(2, fewer.shards().size());
        try (Stream<Path> files = Files.list(tmp.resolve("a"))) {
            assertEquals(3, files.count(), "old part files were not removed");
        }
        assertTrue(!first.digest().equals(fewer.digest()), "the digest depends on the layout");
    }

    @Test
    void idxSourceRoundTrips() throws IOException {
        Path idx = tmp.resolve("idx");
        Files.createDirectories(idx);
        IdxFiles.writeValid(idx, 9, 4, true);
        DatasetSource src = Datasets.open("mnist", idx, null);
        Path dir = tmp.resolve("shards");
        Manifest m = ShardWriter.write(src, "train", 0, 4, dir);
        assertEquals(9, m.records());
        assertEquals(Digests.records(src, "train", 0), recordsDigest(dir, m));
    }

    @Test
    void rejectsNonsense() {
        SyntheticSource src = new SyntheticSource(new SyntheticOptions(10, 10, 2, 2, 1, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> ShardWriter.write(src, "train", 0, 0, tmp));
        assertThrows(IllegalArgumentException.class, () -> ShardWriter.write(src, "train", -1, 1, tmp));
        assertThrows(IllegalArgumentException.class, () -> ShardWriter.write(src, "dev", 0, 1, tmp));
    }
}
