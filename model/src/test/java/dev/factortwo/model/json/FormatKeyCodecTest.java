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
 * A cell's storage format is part of its key: written only when it is not the shards control, so every existing id,
 * baseline and file is as before, and read as shards from files without it.
 */
class FormatKeyCodecTest {

    static final CellKey SHARDS = new CellKey("train-mlp", "synthetic", "s3", "spark", "model-averaging", "tensorflow", "cpu");

    @Test
    void anotherFormatHasItsOwnIdAndShardsKeepTheirs() {
        CellKey parquet = SHARDS.withFormat("parquet");
        assertEquals("train-mlp/synthetic/s3+parquet/spark/model-averaging/tensorflow/cpu", parquet.id());
        assertEquals("train-mlp/synthetic/s3/spark/model-averaging/tensorflow/cpu", SHARDS.id(), "shard cells keep their ids");
        assertEquals(SHARDS, SHARDS.withFormat(CellKey.DEFAULT_FORMAT));
        assertNotEquals(SHARDS, parquet);
        assertEquals("s3", parquet.tier(), "the tier stays the tier");
        assertEquals("s3+parquet · spark · model-averaging · cpu", parquet.withinWorkload());
        assertTrue(SHARDS.defaultFormat() && !parquet.defaultFormat());
        assertEquals(parquet, parquet.withDevice(parquet.id()));
        assertEquals("parquet", parquet.withAccelerators(0).format(), "the other with-ers keep the format");
        assertThrows(IllegalArgumentException.class, () -> SHARDS.withFormat("Parquet/x"));
    }

    @Test
    void writtenOnlyForOtherFormatsAndReadBack() {
        Results base = ResultsCodecTest.fixture();
        Results r = base.with(CellResult.failed(SHARDS.withFormat("parquet"), null, "not run"));
        String json = ResultsCodec.toJson(r);
        assertEquals(1, json.split("\"format\"", -1).length - 1, "one parquet cell, one field: " + json);
        assertFalse(ResultsCodec.toJson(base).contains("\"format\""), "files without other formats look as before");
        Results back = ResultsCodec.parse(Path.of("mem"), json);
        assertEquals(r.cells().stream().map(CellResult::key).toList(), back.cells().stream().map(CellResult::key).toList());
        assertEquals(List.of("shards", "shards", "parquet"), back.cells().stream().map(c -> c.key().format()).toList());
    }
}
