package dev.factortwo.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.Knobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** knobs.json: typed, sealed by a golden file, read back as written, and refused in one line when it is not one. */
class KnobsCodecTest {

    @TempDir
    Path dir;

    static Knobs sample() {
        return new Knobs(Knobs.SCHEMA_V1, new Knobs.Measured(
                new Knobs.ThreadsAb("tfIntraOpThreads 1 vs 2", List.of(3100.5, 3050.25), List.of(3400.0, 3390.75), 1.0987, 0.0123,
                        "sha256:aa", "sha256:bb", true, "not measured: no GPU here (TF_DETERMINISTIC_OPS=1 changes nothing on CPU)"),
                new Knobs.ScaleInvariance(Map.of("1", "sha256:c1", "2", "sha256:c2", "4", "sha256:c4"), false,
                        "data-parallel training averages different partial models: the partition count changes the result")));
    }

    @Test
    void theFileIsSealedByItsGoldenAndReadsBackAsWritten() throws Exception {
        Path golden = Path.of("src/test/resources/golden/knobs-v1.json");
        if (Boolean.getBoolean("golden.update")) Files.writeString(golden, KnobsCodec.toJson(sample()));
        assertEquals(Files.readString(golden), KnobsCodec.toJson(sample()), "knobs.json's format changed (regenerate with -Dgolden.update=true if intended)");
        assertEquals(sample(), KnobsCodec.read(golden));
        Path file = dir.resolve("knobs.json");
        KnobsCodec.write(sample(), file);
        assertEquals(sample(), KnobsCodec.read(file));
    }

    @Test
    void anotherFileIsRefusedInOneLineNamingIt() throws Exception {
        Path results = Files.writeString(dir.resolve("results.json"), "{\"schema\": \"factortwo/results/v1\", \"cells\": []}");
        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> KnobsCodec.read(results));
        assertTrue(e.getMessage().contains(results.toString()) && e.getMessage().contains("factortwo/knobs/v1"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertThrows(ResultsFormatException.class, () -> KnobsCodec.read(dir.resolve("missing.json")));
    }
}
