package dev.factortwo.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seals the shard format and the manifest JSON: a fixed synthetic dataset written as shards must give
 * this manifest byte for byte (the per-shard SHA-256 values cover the shard bytes, header included).
 * Regenerate with {@code -Dgolden.update=true} only together with a schema or format version change.
 */
class ManifestGoldenTest {

    private static final String GOLDEN = "golden/manifest-synthetic-8x8x1.json";

    @TempDir
    Path dir;

    @Test
    void manifestMatchesTheGoldenFile() throws IOException {
        SyntheticSource src = new SyntheticSource(new SyntheticOptions(10, 4, 8, 8, 1, 3, 42));
        Manifest m = ShardWriter.write(src, "train", 0, 3, dir);
        String actual = Files.readString(dir.resolve(ShardFormat.MANIFEST), StandardCharsets.UTF_8);
        if (Boolean.getBoolean("golden.update")) {
            Path target = Path.of("src/test/resources").resolve(GOLDEN);
            Files.createDirectories(target.getParent());
            Files.writeString(target, actual, StandardCharsets.UTF_8);
        }
        String expected;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(GOLDEN)) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, actual);
        assertEquals(m, Manifest.fromJson(expected, GOLDEN));
    }
}
