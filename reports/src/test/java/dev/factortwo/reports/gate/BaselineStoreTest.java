package dev.factortwo.reports.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.Results;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.model.json.ResultsFormatException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineStoreTest {

    @TempDir
    Path repo;

    @Test
    void savesUnderSuiteDeviceAndJdkAndFindsItAgain() {
        Path results = repo.resolve("runs/ci/results.json");
        Results r = GateTest.suite(1);
        ResultsCodec.write(r, results);
        Path saved = BaselineStore.save(results, repo);
        assertEquals(repo.resolve("benchmarks/baselines/quick-cpu-jdk17.json"), saved);
        assertEquals(r, ResultsCodec.read(saved));
        assertEquals(saved, BaselineStore.find(repo, "quick", "cpu", 17).orElseThrow());
        assertEquals(saved, BaselineStore.findFor(results, repo).orElseThrow());
        assertTrue(BaselineStore.find(repo, "quick", "cpu", 21).isEmpty());
    }

    @Test
    void jdkMajorParsesOldAndNewVersionStrings() {
        assertEquals(17, EnvironmentCheck.jdkMajor("17.0.13 (Eclipse Adoptium)"));
        assertEquals(8, EnvironmentCheck.jdkMajor("1.8.0_392"));
        assertEquals(21, EnvironmentCheck.jdkMajor("21"));
        assertEquals(-1, EnvironmentCheck.jdkMajor("unknown"));
    }

    @Test
    void aResultsFileWithoutCellsCannotBeNamed() {
        Path results = repo.resolve("empty.json");
        ResultsCodec.write(Fixtures.results("quick", Fixtures.environment("17.0.1", "2.18.0"), java.util.List.of()), results);
        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> BaselineStore.save(results, repo));
        assertTrue(e.getMessage().startsWith(results + ": no cells"), e.getMessage());
    }
}
