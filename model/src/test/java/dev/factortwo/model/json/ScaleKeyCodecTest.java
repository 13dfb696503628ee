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
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scale cell's number of accelerators is part of its key: written only for scale cells, so every other cell's id and
 * JSON are as before, and read as 0 from files without it.
 */
class ScaleKeyCodecTest {

    static final CellKey H100 = new CellKey("train-mlp", "synthetic", "memory", "spark", "model-averaging", "tensorflow", "emulate:h100");

    @Test
    void eachNumberOfAcceleratorsHasItsOwnIdAndTheDeviceStaysTheDevice() {
        CellKey four = H100.withAccelerators(4);
        assertEquals("train-mlp/synthetic/memory/spark/model-averaging/tensorflow/emulate:h100x4", four.id());
        assertNotEquals(H100.withAccelerators(2).id(), four.id());
        assertEquals("emulate:h100", four.device());
        assertTrue(four.deviceEmulated() && four.scale());
        assertEquals("memory · spark · model-averaging · emulate:h100x4", four.withinWorkload());
        assertEquals(four, four.withDevice(four.id()), "the id's last segment names the device and the number, read back apart");
        assertEquals("train-mlp/synthetic/memory/spark/model-averaging/tensorflow/emulate:h100", H100.id(), "other cells keep their ids");
        assertThrows(IllegalArgumentException.class, () -> new CellKey("train-mlp", "synthetic", "memory", "spark", "single", "tensorflow", "cpu", 2),
                "only emulated accelerators are swept");
    }

    @Test
    void writtenOnlyForScaleCellsAndReadBack() {
        Results base = ResultsCodecTest.fixture();
        Results r = base.with(CellResult.failed(H100.withAccelerators(8), null, "not run"));
        String json = ResultsCodec.toJson(r);
        assertEquals(1, json.split("\"accelerators\"", -1).length - 1, "one scale cell, one field: " + json);
        assertFalse(ResultsCodec.toJson(base).contains("\"accelerators\""), "files without scale cells look as before");
        Results back = ResultsCodec.parse(Path.of("mem"), json);
        assertEquals(r.cells().stream().map(c -> c.key()).toList(), back.cells().stream().map(c -> c.key()).toList());
        assertEquals(8, back.cell(H100.withAccelerators(8).id()).orElseThrow().key().accelerators());
        assertEquals(List.of(0, 0, 8), back.cells().stream().map(c -> c.key().accelerators()).toList());
    }
}
