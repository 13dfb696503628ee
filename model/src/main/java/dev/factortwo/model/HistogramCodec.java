package dev.factortwo.model;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Encodes step-latency histograms (values in microseconds) in HdrHistogram's own compressed
 * encoding, Base64, and turns them back into {@link Latency} summaries. Stateless, thread-safe.
 */
public final class HistogramCodec {

    private HistogramCodec() {
    }

    /** Highest trackable step latency: one hour, in microseconds. */
    public static final long HIGHEST_TRACKABLE_MICROS = 3_600_000_000L;

    /** A histogram fit for step latencies in microseconds, 3 significant digits. */
    public static Histogram newHistogram() {
        return new Histogram(1, HIGHEST_TRACKABLE_MICROS, 3);
    }

    public static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        byte[] bytes = new byte[len];
        buf.flip();
        buf.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * @throws IllegalArgumentException when {@code encoded} is not a compressed histogram
     */
    public static Histogram decode(String encoded) {
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an HdrHistogram compressed encoding: " + e.getMessage(), e);
        }
    }

    /** The latency summary of a histogram of microsecond values, in milliseconds. */
    public static Latency summarize(Histogram h) {
        return new Latency(encode(h), h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0,
                h.getMaxValue() / 1000.0,
                h.getTotalCount() == 0 ? 0 : h.getMean() / 1000.0);
    }
}
