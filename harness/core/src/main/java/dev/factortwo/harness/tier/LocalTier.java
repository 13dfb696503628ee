package dev.factortwo.harness.tier;

import java.io.IOException;
import java.net.URI;
import org.apache.spark.storage.StorageLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The warm tiers: source files in a local directory of this run. {@code memory} and {@code local-disk}
 * differ only in how the state mode caches what it reads (in executor memory or {@code DISK_ONLY}).
 */
final class LocalTier implements StorageTier {
    static final String MEMORY = "memory";
    static final String LOCAL_DISK = "local-disk";

    private final String name;
    private final Path directory;
    private boolean started;

    LocalTier(String name, TierSettings settings) {
        this.name = name;
        this.directory = settings.scratchDir().resolve("tiers").resolve(name).resolve(settings.rootPrefix());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean remoteStore() {
        return false;
    }

    @Override
    public StorageLevel sparkStorageLevel() {
        return MEMORY.equals(name) ? StorageLevel.MEMORY_ONLY() : StorageLevel.DISK_ONLY();
    }

    @Override
    public boolean workerLocalCopy() {
        return MEMORY.equals(name);
    }

    @Override
    public void start() throws IOException {
        Files.createDirectories(directory);
        started = true;
    }

    @Override
    public URI root() {
        requireStarted();
        return URI.create(directory.toUri().toString().replaceAll("/+$", ""));
    }

    @Override
    public Map<String, String> hadoopConf() {
        requireStarted();
        return Map.of();
    }

    @Override
    public String describe() {
        return "local directory " + directory + (MEMORY.equals(name) ? " (cached in memory by the state mode)" : "");
    }

    @Override
    public CheckpointStore checkpoints(String run) {
        requireStarted();
        return MEMORY.equals(name) ? new DriverMemoryCheckpointStore(run)
                : new LocalFileCheckpointStore(directory.resolve("checkpoints").resolve(run));
    }

    @Override
    public boolean supportsOutage() {
        return false;
    }

    @Override
    public Outage beginOutage() {
        throw new UnsupportedOperationException("tier " + name + " has no service to take down");
    }

    @Override
    public void close() {
        started = false;
    }

    private void requireStarted() {
        if (!started) {
            throw new IllegalStateException("tier " + name + " is not started: call start() first");
        }
    }
}
