package dev.factortwo.datasets;

import java.io.IOException;
import java.io.Serializable;

/**
 * A source of labelled images that streams its records, so datasets larger than memory work.
 *
 * <p>Implementations are immutable and serializable (a Spark task can reopen one on an executor); each
 * call to {@link #forEach} opens its own streams, so concurrent calls are safe.
 *
 * <pre>{@code
 * DatasetSource src = Datasets.open("fashion-mnist", null, null);
 * src.forEach("train", 1000, (i, label, image) -> histogram[label]++);
 * Split test = src.load("test", 0);
 * }</pre>
 */
public interface DatasetSource extends Serializable {

    /** What this dataset is. */
    DatasetSpec spec();

    /** Number of records in {@code split} ({@code "train"} or {@code "test"}). */
    long size(String split);

    /**
     * Streams records {@code [from, to)} of {@code split} in order.
     *
     * @throws IllegalArgumentException if the range is outside {@code [0, size(split)]}
     */
    void forEachInRange(String split, long from, long to, RecordConsumer consumer) throws IOException;

    /**
     * Streams the first {@code limit} records of {@code split} in order ({@code limit} 0 means all; a
     * limit above the size means all). The consumer gets (index, label, image bytes in a reused buffer).
     */
    default void forEach(String split, long limit, RecordConsumer consumer) throws IOException {
        forEachInRange(split, 0, effectiveLimit(split, limit), consumer);
    }

    /**
     * Loads up to {@code limit} records (0 = all) of {@code split} into memory.
     *
     * @throws IllegalArgumentException if that many records do not fit in one array
     */
    default Split load(String split, int limit) throws IOException {
        long n = effectiveLimit(split, limit);
        int imageBytes = spec().imageBytes();
        if (n * imageBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(spec().name() + "/" + split + ": " + n + " images of " + imageBytes
                    + " bytes do not fit in one array; pass a smaller limit or stream with forEach");
        }
        byte[] images = new byte[(int) n * imageBytes];
        byte[] labels = new byte[(int) n];
        forEachInRange(split, 0, n, (i, label, image) -> {
            labels[(int) i] = (byte) label;
            System.arraycopy(image, 0, images, (int) i * imageBytes, imageBytes);
        });
        return new Split(spec(), split, images, labels);
    }

    /** {@code limit} clipped to the split's size; 0 means the whole split. */
    default long effectiveLimit(String split, long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit " + limit + ", expected >= 0 (0 = all)");
        }
        long size = size(split);
        return limit == 0 ? size : Math.min(limit, size);
    }
}
