package dev.factortwo.datasets;

import java.io.IOException;

/** Receives records one at a time from {@link DatasetSource#forEach} and {@link ShardReader}. */
@FunctionalInterface
public interface RecordConsumer {

    /**
     * Accepts one record.
     *
     * @param index position of the record in its split (or shard, for {@link ShardReader}), from 0
     * @param label class index, {@code 0 .. 255}
     * @param image the image bytes, row-major HWC; the buffer is reused for the next record, so copy what
     *              you keep
     */
    void accept(long index, int label, byte[] image) throws IOException;
}
