package dev.factortwo.harness.tier;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.apache.spark.storage.StorageLevel;

/**
 * A tier behind a network service (a remote store): either an embedded service that this tier starts, stops
 * and can take down for an outage, or an external one (a real namenode or endpoint) that it only reaches and
 * never takes down. Subclasses say how to start the embedded service, where it listens, and how to take it
 * down; the lifecycle ({@link #start()} idempotent, {@link #close()} idempotent, outages of the embedded
 * service only) is this class's. Not thread-safe for start, close and outages.
 *
 * @param <S> the embedded service
 */
abstract class EmbeddedServiceTier<S extends AutoCloseable> implements StorageTier {

    protected final TierSettings settings;
    private Optional<S> embedded = Optional.empty();
    private URI address;

    EmbeddedServiceTier(TierSettings settings) {
        this.settings = settings;
    }

    /** The external service to use instead of an embedded one, when the settings name one. */
    abstract Optional<URI> external();

    /** What the service is called in messages: {@code namenode}, {@code endpoint}. */
    abstract String serviceWord();

    /** Starts the embedded service (seconds). */
    abstract S startEmbedded() throws IOException;

    /** Where the embedded service listens. */
    abstract URI addressOf(S service);

    /** Makes the embedded service unreachable now; closing the handle brings it back. */
    abstract Outage takeDown(S service) throws IOException;

    /** Called once after the service is known (embedded or external), before {@link #start()} returns. */
    void started(URI address, Optional<S> embedded) throws IOException {
    }

    @Override
    public final boolean remoteStore() {
        return true;
    }

    @Override
    public final StorageLevel sparkStorageLevel() {
        return StorageLevel.NONE();
    }

    @Override
    public final boolean workerLocalCopy() {
        return true;
    }

    @Override
    public final void start() throws IOException {
        if (address != null) return;
        Optional<URI> ext = external();
        if (ext.isPresent()) {
            started(ext.get(), Optional.empty());
            address = ext.get();
            return;
        }
        S service = startEmbedded();
        try {
            URI at = addressOf(service);
            started(at, Optional.of(service));
            embedded = Optional.of(service);
            address = at;
        } catch (IOException | RuntimeException e) {
            closeQuietly(service);
            throw e;
        }
    }

    @Override
    public final boolean supportsOutage() {
        return external().isEmpty();
    }

    @Override
    public final Outage beginOutage() throws IOException {
        URI at = address();
        S service = embedded.orElseThrow(() -> new UnsupportedOperationException(
                "tier " + name() + " uses the external " + serviceWord() + " " + at + ": the harness cannot take it down"));
        return takeDown(service);
    }

    @Override
    public final void close() {
        if (embedded.isPresent() && address != null) {
            // Hadoop caches one FileSystem per scheme and authority: a later embedded service at the same
            // s3a://BUCKET would otherwise be reached through this one's client, at this one's (closed) port
            try {
                org.apache.hadoop.fs.FileSystem.get(root(), configuration()).close();
            } catch (IOException | RuntimeException e) {
                // best effort: the service is going away with the run
            }
        }
        embedded.ifPresent(EmbeddedServiceTier::closeQuietly);
        embedded = Optional.empty();
    }

    /** The embedded service, if this tier started one (for start-time measurements). */
    final Optional<S> embedded() {
        return embedded;
    }

    /** True once started with an embedded service. */
    final boolean isEmbedded() {
        return embedded.isPresent();
    }

    /** The service's address, or null before {@link #start()}. */
    final URI addressOrNull() {
        return address;
    }

    /** The service's address. @throws IllegalStateException before {@link #start()} */
    final URI address() {
        if (address == null) throw new IllegalStateException("tier " + name() + " is not started: call start() first");
        return address;
    }

    private static void closeQuietly(AutoCloseable service) {
        try {
            service.close();
        } catch (Exception e) {
            // closing an embedded service is best effort: it is going away with the run
        }
    }
}
