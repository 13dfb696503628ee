package dev.factortwo.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedSourceTest {

    @TempDir
    Path tmp;

    private final SyntheticSource src = new SyntheticSource(new SyntheticOptions(0, 103, 6, 6, 3, 5, 21));

    private ShardedSource staged() throws IOException {
        ShardWriter.write(src, "test", 0, 4, tmp.resolve("local"));
        URI target = URI.create("file://" + tmp.resolve("staged").toAbsolutePath());
        Stager.stage(tmp.resolve("local"), target, new Configuration());
        return ShardedSource.open(target, new Configuration());
    }

    @Test
    void readsBackWhatWasWritten() throws IOException {
        ShardedSource sharded = staged();
        assertEquals(103, sharded.size("test"));
        assertEquals(0, sharded.size("train"));
        assertEquals(Digests.records(src, "test", 0), Digests.records(sharded, "test", 0));
        assertArrayEquals(src.load("test", 40).images(), sharded.load("test", 40).images());
    }

    @Test
    void rangesCrossShardBoundaries() throws IOException {
        ShardedSource sharded = staged();
        // shards hold 26, 26, 26, 25 records: [20, 60) spans the first three
        byte[] expected = new byte[src.spec().imageBytes()];
        int[] seen = {0};
        sharded.forEachInRange("test", 20, 60, (i, label, image) -> {
            assertEquals(20 + seen[0], i);
            assertEquals(src.record("test", i, expected), label);
            assertArrayEquals(expected, image, "record " + i);
            seen[0]++;
        });
        assertEquals(40, seen[0]);
    }

    @Test
    void survivesSerializationAndStillVerifies() throws Exception {
        ShardedSource sharded = staged();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sharded);
        }
        DatasetSource copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (DatasetSource) in.readObject();
        }
        assertEquals(Digests.records(src, "test", 0), Digests.records(copy, "test", 0));

        Path shard = tmp.resolve("staged").resolve("part-00003.f2s");
        byte[] content = Files.readAllBytes(shard);
        content[content.length - 1] ^= 1;
        Files.write(shard, content);
        Files.deleteIfExists(shard.resolveSibling(".part-00003.f2s.crc"));
        assertEquals(5, copy.load("test", 5).size(), "shards outside the range are not read");
        CorruptShardException e = assertThrows(CorruptShardException.class, () -> copy.load("test", 0));
        assertEquals("part-00003.f2s", e.shard());
    }

    @Test
    void wrongSplitIsExplained() throws IOException {
        ShardedSource sharded = staged();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sharded.forEachInRange("train", 0, 1, (i, l, img) -> { }));
        assertTrue(e.getMessage().endsWith("this directory holds the test split"), e.getMessage());
    }
}
