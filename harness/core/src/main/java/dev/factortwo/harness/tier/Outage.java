package dev.factortwo.harness.tier;

import java.io.IOException;

/** A store made unreachable by {@link StorageTier#beginOutage()}; {@link #close()} restores it (idempotent). */
public interface Outage extends AutoCloseable {
    /** Brings the store back on the same address with the same data, and waits until it serves again. */
    @Override
    void close() throws IOException;
}
