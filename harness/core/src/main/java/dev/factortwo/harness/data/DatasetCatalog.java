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
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The datasets of one run: opens each source once, writes the training split to local shards once per
 * (dataset, samples, shard count), and keeps the held-out split in memory for accuracy. Thread-safe.
 */
public final class DatasetCatalog {

    private final Path scratch;
    private final Optional<Path> idxDir;
    private final SyntheticOptions synthetic;
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
        this.scratch = scratch;
        this.idxDir = idxDir;
        this.synthetic = synthetic;
    }

    /**
     * The source called {@code name}, opened once.
     *
     * @throws UserError for a name, IDX directory or synthetic shape the user gave that the datasets module refuses
     *                   (it cannot throw the model's {@code UserError} itself)
     */
    public DatasetSource source(String name) {
        return sources.computeIfAbsent(name, n -> {
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
        String key = name + "-" + n + "-x" + count;
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
