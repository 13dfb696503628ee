package dev.factortwo.harness.plugin;

import dev.factortwo.harness.tier.Outage;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.harness.tier.TierType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.storage.StorageLevel;

/**
 * A tier written for the tests alone, to show that a tier of one's own is its class plus one registry line: the
 * source files in a local directory, which Spark-managed state caches <em>serialized</em> in executor memory
 * ({@code MEMORY_ONLY_SER}, where the built-in {@code memory} tier caches objects) and local state copies into worker
 * memory. Registered in {@code src/test/resources/META-INF/services/dev.factortwo.harness.tier.TierType}; nothing in
 * the main code names it.
 */
public final class SerializedMemoryTier implements StorageTier {
    /** Its name in cells and flags. */
    public static final String NAME = "memory-ser";

    /** The registry entry, loaded by {@link java.util.ServiceLoader}. */
    public static final class Type implements TierType {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public StorageTier create(TierSettings settings) {
            return new SerializedMemoryTier(settings);
        }
    }

    private final Path directory;
    private boolean started;

    SerializedMemoryTier(TierSettings settings) {
        this.directory = settings.scratchDir().resolve("tiers").resolve(NAME).resolve(settings.rootPrefix());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean remoteStore() {
        return false;
    }

    @Override
    public StorageLevel sparkStorageLevel() {
        return StorageLevel.MEMORY_ONLY_SER();
    }

    @Override
    public boolean workerLocalCopy() {
        return true;
    }

    @Override
    public void start() throws IOException {
        Files.createDirectories(directory);
        started = true;
    }

    @Override
    public URI root() {
        if (!started) throw new IllegalStateException("tier " + NAME + " is not started: call start() first");
        return URI.create(directory.toUri().toString().replaceAll("/+$", ""));
    }

    @Override
    public Map<String, String> hadoopConf() {
        root();
        return Map.of();
    }

    @Override
    public String describe() {
        return "local directory " + directory + " (cached serialized in memory by Spark)";
    }

    @Override
    public boolean supportsOutage() {
        return false;
    }

    @Override
    public Outage beginOutage() {
        throw new UnsupportedOperationException("tier " + NAME + " has no service to take down");
    }

    @Override
    public void close() {
        started = false;
    }
}
