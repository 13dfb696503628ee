package dev.factortwo.harness.task;

import java.io.Serializable;
import org.apache.spark.util.LongAccumulator;

/**
 * What one task read from a storage tier.
 *
 * @param bytesRead    bytes read from the store (0 when served from a cache)
 * @param filesOpened  files or objects opened
 * @param readCalls    read calls on the store's input streams
 * @param nanos        time spent reading and verifying
 */
public record IoCount(long bytesRead, long filesOpened, long readCalls, long nanos) implements Serializable {

    public static final IoCount NONE = new IoCount(0, 0, 0, 0);

    public IoCount plus(IoCount o) {
        return new IoCount(bytesRead + o.bytesRead, filesOpened + o.filesOpened, readCalls + o.readCalls, nanos + o.nanos);
    }

    /** Adds these counts to a Spark job's accumulators, one per field, inside a task. */
    public void addTo(LongAccumulator bytes, LongAccumulator opens, LongAccumulator calls, LongAccumulator readNanos) {
        bytes.add(bytesRead);
        opens.add(filesOpened);
        calls.add(readCalls);
        readNanos.add(nanos);
    }
}
