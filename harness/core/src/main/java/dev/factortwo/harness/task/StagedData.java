package dev.factortwo.harness.task;

import java.io.Serializable;
import java.util.Map;

/**
 * Where a staged split lives and how to reach it, in a form every task can carry: the directory URI
 * holding {@code manifest.json} and the shards, and the Hadoop settings the store needs. Credentials in
 * {@code hadoopConf} travel to tasks but are never written into results.
 *
 * @param uri         directory of the staged split, e.g. {@code s3a://factortwo/fashion-mnist/train}
 * @param hadoopConf  Hadoop configuration entries for the store
 * @param tier        the tier's name
 */
public record StagedData(String uri, Map<String, String> hadoopConf, String tier) implements Serializable {

    private static final long serialVersionUID = 1L;

    public StagedData {
        hadoopConf = Map.copyOf(hadoopConf);
    }

    @Override
    public String toString() {
        return tier + ":" + uri;
    }
}
