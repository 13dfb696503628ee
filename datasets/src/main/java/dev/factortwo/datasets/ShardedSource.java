package dev.factortwo.datasets;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A shard directory on any Hadoop file system, read as a {@link DatasetSource}: the split its manifest
 * names, verified shard by shard while streaming.
 *
 * <p>A shard that overlaps the requested range is read whole (its SHA-256 covers the whole file), shards
 * outside it are not opened. {@link #size} is 0 for the split the directory does not hold. Immutable and
 * serializable: it carries the Hadoop configuration as plain entries and the manifest, so an executor
 * can reopen it without reading the manifest again.
 *
 * <pre>{@code
 * DatasetSource staged = ShardedSource.open(URI.create("hdfs://nn:8020/bench/fmnist/train"), conf);
 * staged.forEach("train", 0, (i, label, image) -> ...);
 * }</pre>
 */
public final class ShardedSource implements DatasetSource {

    private static final long serialVersionUID = 1L;

    private final String dir;
    private final Manifest manifest;
    private final Map<String, String> conf;

    private ShardedSource(String dir, Manifest manifest, Map<String, String> conf) {
        this.dir = dir;
        this.manifest = manifest;
        this.conf = conf;
    }

    /**
     * Reads the manifest at {@code dir}.
     *
     * @throws java.io.FileNotFoundException if there is no manifest
     * @throws ManifestFormatException      if it is malformed
     */
    public static ShardedSource open(URI dir, Configuration conf) throws IOException {
        Manifest manifest = Manifest.read(FileSystem.get(dir, conf), new Path(dir));
        Map<String, String> entries = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : conf) {
            entries.put(e.getKey(), e.getValue());
        }
        return new ShardedSource(dir.toString(), manifest, entries);
    }

    /** The manifest this source reads. */
    public Manifest manifest() {
        return manifest;
    }

    /** The spec as written; sample counts are those of the original dataset, see {@link #size}. */
    @Override
    public DatasetSpec spec() {
        return manifest.spec();
    }

    @Override
    public long size(String split) {
        return DatasetSpec.checkSplit(split).equals(manifest.split()) ? manifest.records() : 0;
    }

    @Override
    public void forEachInRange(String split, long from, long to, RecordConsumer consumer) throws IOException {
        long size = size(split);
        if (from < 0 || to < from || to > size) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside " + dir + " (" + split + ") of "
                    + size + " records; this directory holds the " + manifest.split() + " split");
        }
        Configuration configuration = new Configuration(false);
        conf.forEach(configuration::set);
        URI uri = URI.create(dir);
        FileSystem fs = FileSystem.get(uri, configuration);
        Path path = new Path(uri);
        long first = 0;
        for (ShardInfo shard : manifest.shards()) {
            long start = first;
            first += shard.records();
            if (first <= from || start >= to || shard.records() == 0) {
                continue;
            }
            ShardReader.read(fs, path, shard, manifest.recordBytes(), (i, label, image) -> {
                long index = start + i;
                if (index >= from && index < to) {
                    consumer.accept(index, label, image);
                }
            });
        }
    }

    @Override
    public String toString() {
        return "ShardedSource[" + dir + ", " + manifest.split() + ", " + manifest.records() + " records]";
    }
}
