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
 * @param streaming   whether a task's partition streams in while the task uses it ({@link PartitionReader#readShards}),
 *                    for an emulated device that a loader feeds as it reads; a model's steps take it whole either way
 */
public record StagedData(String uri, Map<String, String> hadoopConf, String tier, DataFormat format, boolean streaming)
        implements Serializable {

    private static final long serialVersionUID = 3L;

    public StagedData {
        hadoopConf = Map.copyOf(hadoopConf);
        java.util.Objects.requireNonNull(format, "format");
    }

    /** A split that tasks read whole before they use it. */
    public StagedData(String uri, Map<String, String> hadoopConf, String tier, DataFormat format) {
        this(uri, hadoopConf, tier, format, false);
    }

    /** A split stored as shards. */
    public StagedData(String uri, Map<String, String> hadoopConf, String tier) {
        this(uri, hadoopConf, tier, ShardsFormat.INSTANCE);
    }

    /**
     * The same split, read by a reader thread while the task uses what has arrived, where its format streams (shards);
     * a columnar format's rows come whole from Spark.
     */
    public StagedData streamed() {
        return format.columnar() ? this : new StagedData(uri, hadoopConf, tier, format, true);
    }

    @Override
    public String toString() {
        return tier + ":" + uri;
    }
}
