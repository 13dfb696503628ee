package dev.factortwo.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A cell of another model than its workload's own ({@code run --mlp-hidden}) carries the model in its key: written only
 * for such cells, so every other cell's id and JSON are as before, read as the workload's own from files without it,
 * and named in the id after the workload.
 */
class ArchitectureKeyCodecTest {

    static final CellKey SGD = new CellKey("train-mlp", "synthetic", "s3", "local", "local-sgd", "tensorflow", "cpu");

    @Test
    void anotherModelHasItsOwnIdNamedAfterItsWorkload() {
        CellKey big = SGD.withArchitecture("mlp-16384-1024").withCheckpointEvery(1);
        assertEquals("train-mlp+mlp-16384-1024/synthetic/s3/local/local-sgd+checkpoint-every-1/tensorflow/cpu", big.id());
        assertEquals("train-mlp", big.workload(), "the workload stays the workload");
        assertEquals("train-mlp/synthetic/s3/local/local-sgd/tensorflow/cpu", SGD.id(), "the workload's own model keeps its id");
        assertEquals(big, big.withDevice(big.id()));
        assertEquals("mlp-16384-1024", big.withAccelerators(0).withFormat("parquet").withCheckpointEvery(0).architecture(), "the other with-ers keep it");
        assertEquals(SGD, SGD.withArchitecture(""));
        assertThrows(IllegalArgumentException.class, () -> SGD.withArchitecture("MLP/1"));
    }

    @Test
    void writtenOnlyForAnotherModelAndReadBack() {
        Results base = ResultsCodecTest.fixture();
        Results r = base.with(CellResult.failed(SGD.withArchitecture("mlp-32-16"), null, "not run"));
        String json = ResultsCodec.toJson(r);
        assertEquals(1, json.split("\"architecture\" :", -1).length - 1, "one such cell, one field: " + json);
        assertFalse(ResultsCodec.toJson(base).contains("\"architecture\" :"), "files without such cells look as before");
        Results back = ResultsCodec.parse(Path.of("mem"), json);
        assertEquals(r.cells().stream().map(CellResult::key).toList(), back.cells().stream().map(CellResult::key).toList());
        assertEquals("mlp-32-16", back.cell("train-mlp+mlp-32-16/synthetic/s3/local/local-sgd/tensorflow/cpu").orElseThrow().key().architecture());
        assertTrue(back.cells().stream().filter(c -> c.key().architecture().isEmpty()).count() >= 1, "older cells read as their workload's own");
    }
}
