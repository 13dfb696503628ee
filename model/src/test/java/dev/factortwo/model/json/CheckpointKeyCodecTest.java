package dev.factortwo.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A checkpointed cell's period is part of its key: written only for cells of {@code run --checkpoint-every}, so every
 * other cell's id and JSON are as before, read as 0 from files without it, and named in the id after the strategy.
 */
class CheckpointKeyCodecTest {

    static final CellKey SGD = new CellKey("train-mlp", "synthetic", "hdfs", "local", "local-sgd", "tensorflow", "cpu");

    @Test
    void aCheckpointedCellHasItsOwnIdNamedAfterItsStrategy() {
        CellKey two = SGD.withCheckpointEvery(2);
        assertEquals("train-mlp/synthetic/hdfs/local/local-sgd+checkpoint-every-2/tensorflow/cpu", two.id());
        assertNotEquals(SGD.id(), two.id());
        assertEquals("local-sgd", two.strategy(), "the strategy stays the strategy");
        assertTrue(two.checkpointed() && !SGD.checkpointed());
        assertEquals("hdfs · local · local-sgd+checkpoint-every-2 · cpu", two.withinWorkload());
        assertEquals(two, two.withDevice(two.id()));
        assertEquals(4, two.withAccelerators(0).withCheckpointEvery(4).checkpointEvery());
        assertThrows(IllegalArgumentException.class, () -> SGD.withCheckpointEvery(-1));
    }

    @Test
    void writtenOnlyForCheckpointedCellsAndReadBack() {
        Results base = ResultsCodecTest.fixture();
        Results r = base.with(CellResult.failed(SGD.withCheckpointEvery(3), null, "not run"));
        String json = ResultsCodec.toJson(r);
        assertEquals(1, json.split("\"checkpointEvery\"", -1).length - 1, "one checkpointed cell, one field: " + json);
        assertFalse(ResultsCodec.toJson(base).contains("\"checkpointEvery\""), "files without checkpointed cells look as before");
        Results back = ResultsCodec.parse(Path.of("mem"), json);
        assertEquals(r.cells().stream().map(c -> c.key()).toList(), back.cells().stream().map(c -> c.key()).toList());
        assertEquals(3, back.cell(SGD.withCheckpointEvery(3).id()).orElseThrow().key().checkpointEvery());
        assertTrue(back.cells().stream().filter(c -> !c.key().checkpointed()).count() >= 1, "older cells read as 0");
    }
}
