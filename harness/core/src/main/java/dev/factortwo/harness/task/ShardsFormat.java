package dev.factortwo.harness.task;

import dev.factortwo.model.CellKey;
import java.util.Map;

/**
 * The toolkit's own format, the control: fixed-size binary records in shards, each shard checked against the SHA-256
 * of a {@code manifest.json} while it streams. Not columnar, not compressed.
 */
public record ShardsFormat() implements DataFormat {

    private static final long serialVersionUID = 1L;

    /** The one value. */
    public static final ShardsFormat INSTANCE = new ShardsFormat();

    @Override
    public String name() {
        return CellKey.DEFAULT_FORMAT;
    }

    @Override
    public boolean columnar() {
        return false;
    }

    @Override
    public String compression() {
        return "none";
    }

    @Override
    public String directory() {
        return "train";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of();
    }

    @Override
    public PartitionReader.Read read(StagedData staged, int p, int partitions) {
        return PartitionReader.readShards(staged, p, partitions);
    }
}
