package dev.factortwo.harness.task;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes and read calls that pass through to a store's stream. Not thread-safe. */
final class CountingInputStream extends FilterInputStream {

    long bytes;
    long calls;

    CountingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        calls++;
        int b = super.read();
        if (b >= 0) bytes++;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        calls++;
        int n = super.read(b, off, len);
        if (n > 0) bytes += n;
        return n;
    }
}
