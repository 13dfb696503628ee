package dev.factortwo.harness.task;

import java.io.Serializable;
import java.util.Map;

/**
 * Where a staged split lives and how to reach it, in a form every task can carry: the directory URI
 * holding the split (shards and their {@code manifest.json}, or Parquet files), its format, and the Hadoop settings the store needs. Credentials in
 * {@code hadoopConf} travel to tasks but are never written into results.
 *
 * @param uri         directory of the staged split, e.g. {@code s3a://factortwo/fashion-mnist/train}
 * @param hadoopConf  Hadoop configuration entries for the store
 * @param tier        the tier's name
 * @param format      how the split is stored there
 */
public record StagedData(String uri, Map<String, String> hadoopConf, String tier, DataFormat format) implements Serializable {

    private static final long serialVersionUID = 2L;

    public StagedData {
        hadoopConf = Map.copyOf(hadoopConf);
        java.util.Objects.requireNonNull(format, "format");
    }

    /** A split stored as shards. */
    public StagedData(String uri, Map<String, String> hadoopConf, String tier) {
        this(uri, hadoopConf, tier, ShardsFormat.INSTANCE);
    }

    @Override
    public String toString() {
        return tier + ":" + uri;
    }
}
