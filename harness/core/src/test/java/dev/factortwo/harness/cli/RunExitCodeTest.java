package dev.factortwo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.ExitCode;
import dev.factortwo.model.json.ResultsCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} tells "cells failed while running" (exit 4) apart from bad input (exit 1): the arguments here are
 * valid, the cell starts, and its data turns out to be missing. Starts Spark in local mode.
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.factortwo.harness.testing.OwnSpark.class)
class RunExitCodeTest {

    @Test
    void aCellThatFailsAtRunTimeExitsWithCellsFailedAndIsRecorded(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        MainTest.Outcome o = MainTest.run("run", "--workload", "train-mlp", "--dataset", "mnist",
                "--data-dir", dir.resolve("no-such-idx-dir").toString(), "--repetitions", "1", "--no-bare", "--master", "local[1]",
                "--out", out.toString());
        assertEquals(ExitCode.CELLS_FAILED.code(), o.code(), o.out() + o.err());
        assertEquals(4, o.code(), "the number CI scripts see");
        assertTrue(o.err().contains("1 of 1 cells failed"), o.err());
        assertTrue(o.err().contains("no-such-idx-dir"), "the error names the missing directory: " + o.err());
        assertTrue(!ResultsCodec.read(out.resolve("results.json")).cells().get(0).ok(), "the failed cell is recorded");
        assertTrue(Files.isRegularFile(out.resolve("report.html")), "the report is still written");
    }
}
