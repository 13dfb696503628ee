package dev.factortwo.harness.tier;

import java.io.IOException;
import java.net.URI;
import org.apache.spark.storage.StorageLevel;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.hadoop.conf.Configuration;

/**
 * Where a cell's data lives. One implementation per tier ({@link Tiers#names()}); the harness starts it
 * before staging data and closes it after the last cell.
 *
 * <p>Lifecycle: {@link #start()} (idempotent) → {@link #root()}, {@link #hadoopConf()},
 * {@link #configuration()} → optionally {@link #beginOutage()} / {@link Outage#close()} → {@link #close()}.
 * Calling {@code root()} or the configuration methods before {@code start()} throws
 * {@link IllegalStateException}. Implementations are not thread-safe for start/close/outage; the values
 * they return are immutable.
 *
 * <pre>{@code
 * try (StorageTier tier = Tiers.create("s3", TierSettings.embedded(scratch))) {
 *     tier.start();
 *     Path root = new Path(tier.root());                  // s3a://factortwo/factortwo
 *     FileSystem fs = root.getFileSystem(tier.configuration());
 *     tier.hadoopConf().forEach((k, v) -> spark.set("spark.hadoop." + k, v));
 * }
 * }</pre>
 */
public interface StorageTier extends AutoCloseable {
    /** {@code memory}, {@code local-disk}, {@code hdfs} or {@code s3}. */
    String name();

    /** True for tiers whose reads cross a network service (hdfs, s3): a cold store that can also go away. */
    boolean remoteStore();

    /**
     * The level Spark-managed state persists this tier's input at: {@code MEMORY_ONLY} (memory),
     * {@code DISK_ONLY} (local-disk), {@code NONE} for remote stores, which every epoch re-reads.
     */
    StorageLevel sparkStorageLevel();

    /** True when Spark-managed state holds cached blocks of this tier's input (which can be lost and recomputed). */
    default boolean sparkCaches() {
        return !StorageLevel.NONE().equals(sparkStorageLevel());
    }

    /**
     * True when worker-local state keeps a copy of this tier's data in worker memory; false for local-disk,
     * whose files are already on the worker and are re-read every epoch.
     */
    boolean workerLocalCopy();

    /** Starts the embedded service, if any (seconds for hdfs and s3). Idempotent. */
    void start() throws IOException;

    /**
     * Where this run's staged datasets live: {@code file:/…}, {@code hdfs://127.0.0.1:PORT/factortwo},
     * {@code s3a://BUCKET/factortwo}. Stable across outages.
     */
    URI root();

    /**
     * Hadoop settings needed to reach {@link #root()} (endpoint, path style, credentials provider, fail-fast
     * retries); pass them to Spark as {@code spark.hadoop.KEY}. May hold secrets (S3 keys): never log or
     * record this map; use {@link #publicHadoopConf()} for that.
     */
    Map<String, String> hadoopConf();

    /** A fresh Hadoop configuration with {@link #hadoopConf()} applied. */
    default Configuration configuration() {
        Configuration conf = new Configuration();
        hadoopConf().forEach(conf::set);
        return conf;
    }

    /** {@link #hadoopConf()} with the values of secret keys replaced by {@code <redacted>}, sorted by key. */
    default Map<String, String> publicHadoopConf() {
        Pattern secret = Pattern.compile("(?i).*(secret|access\\.key|session\\.token|password|credential(?!s\\.provider)).*");
        Map<String, String> shown = new TreeMap<>();
        hadoopConf().forEach((k, v) -> shown.put(k, secret.matcher(k).matches() ? "<redacted>" : v));
        return shown;
    }

    /**
     * One line for results and logs, without credentials, e.g. {@code embedded MiniDFSCluster at
     * hdfs://127.0.0.1:40121}.
     */
    String describe();

    /**
     * A store for the checkpoints of run {@code run} (a name unique to the run), through this tier's own client: local
     * files (local-disk), HDFS's {@code FileSystem} (hdfs), S3A (s3), or the driver JVM's heap (memory; see
     * {@link DriverMemoryCheckpointStore} for why not Spark's block store). Under {@link #root()}{@code /checkpoints/RUN}
     * where the tier has files. Call after {@link #start()}. By default, Hadoop's {@code FileSystem} for {@link #root()}'s
     * scheme with {@link #configuration()}, publishing a manifest by renaming a temporary file over it: right for a
     * file system whose rename is atomic (local files, HDFS); a tier over an object store, whose rename is a copy,
     * overrides it (s3).
     */
    default CheckpointStore checkpoints(String run) {
        return new HadoopCheckpointStore(new org.apache.hadoop.fs.Path(root().toString() + "/checkpoints/" + run), configuration(),
                true, "Hadoop FileSystem (" + root().getScheme() + ")");
    }

    /** True if {@link #beginOutage()} can make this tier unreachable (embedded hdfs and s3). */
    boolean supportsOutage();

    /**
     * Makes the store unreachable now; closing the returned handle brings it back with the same data at the
     * same address. One outage at a time.
     *
     * @throws UnsupportedOperationException if {@link #supportsOutage()} is false
     */
    Outage beginOutage() throws IOException;

    /** Stops what {@link #start()} started; the tier cannot be restarted. Idempotent. */
    @Override
    void close() throws IOException;
}
