package dev.factortwo.benchmarks;

import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.datasets.SyntheticOptions;
import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.data.DatasetCatalog;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.harness.workload.Workloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Synthetic Fashion-MNIST-shaped training data written as shards, staged to tiers the way a cell stages
 * them (embedded HDFS and S3 started on first use), in a scratch directory removed on close.
 */
final class StagedSynthetic implements AutoCloseable {

    static final long SEED = 42;
    static final int BATCH_SIZE = 64;

    private final Path scratch;
    private final TierRegistry tiers;
    final DatasetCatalog.Shards shards;

    StagedSynthetic(int samples, int shardCount) {
        try {
            scratch = Files.createTempDirectory("factortwo-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DatasetCatalog catalog = new DatasetCatalog(scratch, Optional.empty(),
                new SyntheticOptions(samples, 1000, 28, 28, 1, 10, SEED));
        shards = catalog.trainShards("synthetic", samples, shardCount);
        tiers = new TierRegistry(TierSettings.embedded(scratch));
    }

    /** Stages the shards to {@code tier} (starting it) and says where they are. */
    StagedData stage(String tier) {
        return tiers.stage(tier, shards);
    }

    /** The started tier the shards were staged to by {@link #stage}. */
    StorageTier tier(String tier) {
        return tiers.tier(tier);
    }

    /** The settings of a quick-suite cell for one partition: batch 64, learning rate 0.03, no warmup, no throttle, no fault. */
    static ModelJob job(String workload) {
        return new ModelJob(Workloads.byName(workload).architecture(), new Architecture.InputShape(28, 28, 1), 10,
                0.03f, BATCH_SIZE, SEED, 0, 0, 0, 0, TfSettings.defaults(), java.util.List.of());
    }

    @Override
    public void close() {
        tiers.close();
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("factortwo-benchmarks: could not remove " + scratch + ": " + e.getMessage());
        }
    }
}
