package dev.factortwo.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfbenchSummaryTest {

    /** JMH results of a short run of these benchmarks on the shared 2-core machine, trimmed to the fields read. */
    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(SelfbenchSummaryTest.class.getResource("/selfbench/" + name).toURI());
    }

    @Test
    void theTableMatchesItsGoldenFile() throws Exception {
        List<SelfbenchSummary.Score> scores = SelfbenchSummary.read(fixture("jmh-2core-loaded.json"));
        String table = SelfbenchSummary.format(SelfbenchSummary.lines(scores, OptionalDouble.of(412), OptionalDouble.of(2_431_000)));
        String golden = Files.readString(fixture("summary-2core-loaded.txt"), StandardCharsets.UTF_8);
        assertEquals(golden, table, "regenerate summary-2core-loaded.txt only when the format changes on purpose");
    }

    @Test
    void ratiosAreThroughputRatiosWithErrorsAddedInQuadrature() {
        var bare = new SelfbenchSummary.Score("B", Map.of(), 40, 4, "ms/op");
        var harness = new SelfbenchSummary.Score("H", Map.of(), 50, 3, "ms/op");
        double[] r = SelfbenchSummary.ratio(bare, harness);
        assertEquals(0.8, r[0], 1e-12);
        assertEquals(0.8 * Math.hypot(0.1, 0.06), r[1], 1e-12);
        var inSeconds = new SelfbenchSummary.Score("S", Map.of(), 0.05, 0, "s/op");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SelfbenchSummary.ratio(bare, inSeconds));
        assertTrue(e.getMessage().contains("B is in ms/op but S in s/op"), e.getMessage());
    }

    @Test
    void aMissedTargetSaysMissedAndAMetOneMet() throws Exception {
        List<SelfbenchSummary.Score> scores = SelfbenchSummary.read(fixture("jmh-2core-loaded.json"));
        List<SelfbenchSummary.Line> lines = SelfbenchSummary.lines(scores, OptionalDouble.of(299), OptionalDouble.empty());
        assertEquals("MISSED", verdict(lines, "input local-disk: harness read / raw NIO"), "3.5 ms raw vs 172 ms");
        assertEquals("met", verdict(lines, "recording cost per step"), "0.255 µs");
        assertEquals("met", verdict(lines, "quick suite wall time"), "299 s");
        assertEquals("", verdict(lines, "input hdfs: harness read / raw NIO"), "no target for hdfs");
    }

    @Test
    void notJmhJsonIsAnErrorNamingTheFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("jmh.json");
        Files.writeString(bad, "{\"benchmark\": \"x\"}");
        IOException e = assertThrows(IOException.class, () -> SelfbenchSummary.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": expected JMH's JSON results"), e.getMessage());
    }

    private static String verdict(List<SelfbenchSummary.Line> lines, String measurePrefix) {
        return lines.stream().filter(l -> l.measure().startsWith(measurePrefix)).findFirst().orElseThrow().verdict();
    }
}
