package dev.factortwo.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets larger than the heap: a JVM limited to 48 MB writes a synthetic split several times its heap
 * as shards; the test then checks the count and the digests by streaming, never loading the data.
 */
class LargeShardWriteTest {

    private static final long HEAP_BYTES = 48L << 20;

    @TempDir
    Path dir;

    @Test
    void writesThreeTimesTheHeapAsShards() throws Exception {
        check(200_000, 3, 28, 28, 1); // 157 MB of records
    }

    @Test
    @Tag("slow")
    void writesAGigabyteOfColourImages() throws Exception {
        check(400_000, 16, 32, 32, 3); // 1.2 GB of records
    }

    private void check(long samples, int shards, int h, int w, int c) throws Exception {
        long recordBytes = 1L + h * w * c;
        assertTrue(samples * recordBytes > 3 * HEAP_BYTES, "the data must be larger than the child's heap");
        String out = runChild(dir.toString(), Long.toString(samples), Integer.toString(shards),
                Integer.toString(h), Integer.toString(w), Integer.toString(c));

        FileSystem fs = FileSystem.get(URI.create("file:///"), new Configuration());
        org.apache.hadoop.fs.Path hdir = new org.apache.hadoop.fs.Path(dir.toUri());
        Manifest m = Manifest.read(fs, hdir);
        assertTrue(out.contains("records=" + samples + " digest=" + m.digest()), out);
        assertEquals(samples, m.records());
        assertEquals(shards, m.shards().size());

        SyntheticSource src = new SyntheticSource(new SyntheticOptions(samples, 0, h, w, c, 10, 77));
        MessageDigest fromShards = Sha256.newDigest();
        long read = 0;
        for (ShardInfo shard : m.shards()) {
            assertEquals(shard.bytes(), Files.size(dir.resolve(shard.name())));
            read += ShardReader.read(fs, hdir, shard, m.recordBytes(), (i, label, image) -> {
                fromShards.update((byte) label);
                fromShards.update(image);
            });
        }
        assertEquals(samples, read);
        assertEquals(Digests.records(src, "train", 0), Sha256.hex(fromShards.digest()));
    }

    private static String runChild(String... args) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-Xmx" + (HEAP_BYTES >> 20) + "m",
                "-cp", classpath, WriteShardsMain.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child did not finish");
        assertEquals(0, p.exitValue(), "child failed:\n" + out);
        return out;
    }
}
