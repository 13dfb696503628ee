package dev.factortwo.harness.data;

import dev.factortwo.datasets.DatasetSource;
import dev.factortwo.datasets.DatasetSpec;
import dev.factortwo.datasets.Datasets;
import dev.factortwo.datasets.Manifest;
import dev.factortwo.datasets.ShardWriter;
import dev.factortwo.datasets.Split;
import dev.factortwo.datasets.SyntheticOptions;
import dev.factortwo.model.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * The datasets of one run: opens each source once, writes the training split to local shards once per
 * (dataset, samples, shard count), and keeps the held-out split in memory for accuracy. Thread-safe.
 *
 * <p>A name is one of {@link Datasets#NAMES}, or {@code parquet:URI} for a user's own Parquet data set
 * ({@link ParquetDataset}), read with the active Spark session as {@link #withParquet} says.
 */
public final class DatasetCatalog {

    private final Path scratch;
    private final Optional<Path> idxDir;
    private final SyntheticOptions synthetic;
    private final Optional<ParquetDatasetOptions> parquet;
    private final Function<URI, Map<String, String>> storeConf;
    private final Map<String, DatasetSource> sources = new ConcurrentHashMap<>();
    private final Map<String, Shards> shards = new ConcurrentHashMap<>();
    private final Map<String, Split> tests = new ConcurrentHashMap<>();
    private final Map<String, String> testDigests = new ConcurrentHashMap<>();

    /**
     * @param scratch    where local shards are written
     * @param idxDir     IDX directory for {@code fashion-mnist}/{@code mnist}, or empty for the default
     * @param synthetic  shape, size and seed of the {@code synthetic} dataset
     */
    public DatasetCatalog(Path scratch, Optional<Path> idxDir, SyntheticOptions synthetic) {
        this(scratch, idxDir, synthetic, Optional.empty(), uri -> Map.of());
    }

    private DatasetCatalog(Path scratch, Optional<Path> idxDir, SyntheticOptions synthetic, Optional<ParquetDatasetOptions> parquet,
                           Function<URI, Map<String, String>> storeConf) {
        this.scratch = scratch;
        this.idxDir = idxDir;
        this.synthetic = synthetic;
        this.parquet = parquet;
        this.storeConf = storeConf;
    }

    /**
     * A catalog (with nothing opened yet) that also opens {@code parquet:URI} data sets: their columns and shape from
     * {@code options}, their store reached with the Hadoop settings {@code storeConf} gives for the URI (a tier's:
     * {@link TierRegistry#hadoopConfFor}).
     */
    public DatasetCatalog withParquet(ParquetDatasetOptions options, Function<URI, Map<String, String>> storeConf) {
        return new DatasetCatalog(scratch, idxDir, synthetic, Optional.of(options), storeConf);
    }

    /**
     * The source called {@code name}, opened once.
     *
     * @throws UserError for a name, IDX directory or synthetic shape the user gave that the datasets module refuses
     *                   (it cannot throw the model's {@code UserError} itself)
     */
    public DatasetSource source(String name) {
        return sources.computeIfAbsent(name, n -> {
            if (ParquetDataset.isName(n)) {
                ParquetDatasetOptions options = parquet.orElseThrow(() -> new UserError("--dataset " + n
                        + ": needs --image-shape HxWxC (and --image-column, --label-column unless they are 'image' and 'label')"));
                return ParquetDataset.read(SparkSession.builder().getOrCreate(), n, options, storeConf.apply(ParquetDataset.uri(n)));
            }
            try {
                return Datasets.open(n, idxDir.orElse(null), synthetic);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
        });
    }

    public DatasetSpec spec(String name) {
        return source(name).spec();
    }

    /** Local shards of the first {@code samples} training records (0 = all), split into {@code count} shards. */
    public Shards trainShards(String name, long samples, int count) {
        long n = samples == 0 ? source(name).size(DatasetSpec.TRAIN) : Math.min(samples, source(name).size(DatasetSpec.TRAIN));
        String key = storageName(name) + "-" + n + "-x" + count;
        return shards.computeIfAbsent(key, k -> {
            Path dir = scratch.resolve("shards").resolve(k).resolve(DatasetSpec.TRAIN);
            try {
                Files.createDirectories(dir);
                Manifest m = ShardWriter.write(source(name), DatasetSpec.TRAIN, n, count, dir);
                return new Shards(k, dir, m);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write shards of " + name + " to " + dir + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * {@code name} as a directory name on every store: itself for the built-in data sets, {@code parquet-} and 16 hex
     * digits of SHA-256 over the name for a {@code parquet:URI} (a URI has slashes and colons).
     */
    static String storageName(String name) {
        if (name.matches("[a-z0-9][a-z0-9-]*")) return name;
        java.security.MessageDigest md = dev.factortwo.datasets.Sha256.newDigest();
        md.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "parquet-" + dev.factortwo.datasets.Sha256.hex(md.digest()).substring(0, 16);
    }

    /** The first {@code samples} held-out records (0 = all), in memory. */
    public Split test(String name, int samples) {
        return tests.computeIfAbsent(name + "-" + samples, k -> {
            try {
                return source(name).load(DatasetSpec.TEST, samples);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the test split of " + name + ": " + e.getMessage(), e);
            }
        });
    }

    /** {@code sha256:HEX} over the images, then the labels, of {@link #test}{@code (name, samples)}; computed once. */
    public String testDigest(String name, int samples) {
        return testDigests.computeIfAbsent(name + "-" + samples, k -> {
            Split test = test(name, samples);
            java.security.MessageDigest md = dev.factortwo.datasets.Sha256.newDigest();
            md.update(test.images());
            md.update(test.labels());
            return "sha256:" + dev.factortwo.datasets.Sha256.hex(md.digest());
        });
    }

    /** The first {@code samples} training records (0 = all), in memory: what a bare reference trains on. */
    public Split train(String name, int samples) {
        try {
            return source(name).load(DatasetSpec.TRAIN, samples);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training split of " + name + ": " + e.getMessage(), e);
        }
    }

    /** Local shards: a key naming their content, their directory and manifest. */
    public record Shards(String key, Path dir, Manifest manifest) {
    }
}
