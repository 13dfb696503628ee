package dev.factortwo.harness.testing;

import dev.factortwo.datasets.SyntheticOptions;
import dev.factortwo.harness.data.DatasetCatalog;
import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.tier.TierSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/**
 * The tiers (one MiniDFS and one S3Proxy, started when a test first uses them), their staged data and a small synthetic
 * dataset, for every {@link SparkFixture} of one test JVM: they hold no Spark state, so they outlive the sessions that
 * classes with their own stop in between. The embedded S3 bucket is this fixture's own: Hadoop caches one S3A client
 * per bucket in a JVM, and a command run in-process while these stores are up starts an S3 server of its own with the
 * default bucket.
 */
final class SharedTiers implements AutoCloseable {
    /** The embedded S3 bucket of the shared fixture, never the one a run in the same JVM uses. */
    static final String BUCKET = "factortwo-tests";

    final TierRegistry tiers;
    final DatasetCatalog catalog;
    private final Path scratch;

    private SharedTiers(Path scratch) {
        this.scratch = scratch;
        TierSettings embedded = TierSettings.embedded(scratch);
        tiers = new TierRegistry(new TierSettings(scratch, Optional.empty(), Optional.empty(), BUCKET, embedded.s3Region(),
                embedded.s3PathStyle(), Optional.empty(), Optional.empty(), embedded.rootPrefix()));
        catalog = new DatasetCatalog(scratch, Optional.empty(), new SyntheticOptions(1200, 400, 28, 28, 1, 10, 11));
    }

    static SharedTiers open() {
        try {
            return new SharedTiers(Files.createTempDirectory("factortwo-shared-tiers"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        tiers.close();
        try (var files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
