package dev.factortwo.harness.task;

import java.io.Serializable;

/**
 * The samples of one partition, in their stored order: labels one byte each, images as unsigned bytes
 * ({@code imageBytes} per sample, row-major HWC), and optionally the same images already decoded to the floats a
 * model takes ({@link #decoded()}: worker-resident data is decoded once, not at every step). Treated as immutable
 * once built.
 *
 * <p>A partition may still be arriving ({@link #streaming}): a reader thread fills its arrays while the task uses the
 * samples that are there ({@link #awaitSamples}), as a data loader's reader threads feed an accelerator. Everything
 * else waits for all of it: the {@link #labels} and {@link #images} accessors, {@link #decoded}, {@link #concat}, and
 * serialization (which writes the complete partition, without its arrival).
 *
 * @param pixels  every image scaled to [0, 1] as {@link #pixel} gives it, in stored order, or null (decoded per batch)
 * @param arrival how far a partition still being read has arrived, or null (all of it is there)
 */
public record PartitionData(int partition, int count, int imageBytes, byte[] labels, byte[] images, float[] pixels,
                            Arrival arrival) implements Serializable {

    private static final long serialVersionUID = 3L;

    public PartitionData {
        if (labels.length != count || images.length != (long) count * imageBytes) {
            throw new IllegalArgumentException("partition " + partition + ": " + count + " samples need "
                    + count + " labels and " + (long) count * imageBytes + " image bytes, got "
                    + labels.length + " and " + images.length);
        }
        if (pixels != null && arrival != null) {
            throw new IllegalArgumentException("partition " + partition + ": decoded pixels of a partition still arriving");
        }
        if (pixels != null && pixels.length != images.length) {
            throw new IllegalArgumentException("partition " + partition + ": " + images.length + " image bytes but "
                    + pixels.length + " decoded pixels");
        }
    }

    /** Samples kept as bytes only, decoded batch by batch. */
    public PartitionData(int partition, int count, int imageBytes, byte[] labels, byte[] images) {
        this(partition, count, imageBytes, labels, images, null, null);
    }

    /** Samples with their decoded pixels (or null), all there. */
    public PartitionData(int partition, int count, int imageBytes, byte[] labels, byte[] images, float[] pixels) {
        this(partition, count, imageBytes, labels, images, pixels, null);
    }

    /** Whether samples are still arriving from a reader (or were, when this was built). */
    public boolean streaming() {
        return arrival != null;
    }

    /** Returns once samples {@code [0, n)} are in the arrays; at once when none are arriving. */
    public void awaitSamples(int n) {
        if (arrival != null) arrival.await(n);
    }

    /** What the reader read, once every sample has arrived; {@link IoCount#NONE} when none were arriving. */
    public IoCount streamedIo() {
        return arrival == null ? IoCount.NONE : arrival.io();
    }

    /** The labels, every sample's: waits for a partition still arriving. */
    @Override
    public byte[] labels() {
        awaitSamples(count);
        return labels;
    }

    /** The images, every sample's: waits for a partition still arriving. */
    @Override
    public byte[] images() {
        awaitSamples(count);
        return images;
    }

    /** The labels as they are, for a reader of samples it has {@link #awaitSamples awaited}. */
    byte[] labelsArriving() {
        return labels;
    }

    /** The images as they are, for a reader of samples it has {@link #awaitSamples awaited}. */
    byte[] imagesArriving() {
        return images;
    }

    /** Serialized whole: waits for every sample, and the copy has no arrival. */
    @java.io.Serial
    private Object writeReplace() {
        if (arrival == null) return this;
        awaitSamples(count);
        return new PartitionData(partition, count, imageBytes, labels, images, pixels, null);
    }

    /** One stored pixel as the model takes it: the unsigned byte scaled to [0, 1]. */
    static float pixel(byte b) {
        return (b & 0xFF) * (1f / 255f);
    }

    /**
     * These samples with every image decoded once ({@code 4 x imageBytes} more bytes per sample), for data that stays
     * in a worker across epochs: the steps then copy floats instead of converting bytes, and get the same bits.
     */
    public PartitionData decoded() {
        if (pixels != null) return this;
        byte[] all = images();
        float[] f = new float[all.length];
        for (int i = 0; i < f.length; i++) f[i] = pixel(all[i]);
        return new PartitionData(partition, count, imageBytes, labels, images, f);
    }

    /**
     * These samples as a worker keeps them across epochs: {@link #decoded} once, or as they are while they still arrive
     * (decoding them would wait for all of them; the steps then decode batch by batch).
     */
    public PartitionData forWorker() {
        return streaming() ? this : decoded();
    }

    /**
     * The samples of {@code parts} one after another, in list order, as partition {@code 0}: the whole
     * training set as one worker sees it.
     */
    public static PartitionData concat(java.util.List<PartitionData> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to concatenate");
        if (parts.size() == 1 && parts.get(0).partition == 0) return parts.get(0); // still arriving, if it is
        int imageBytes = parts.get(0).imageBytes;
        long total = 0;
        for (PartitionData p : parts) {
            if (p.imageBytes != imageBytes) {
                throw new IllegalArgumentException("partition " + p.partition + " has " + p.imageBytes
                        + " bytes per image, partition " + parts.get(0).partition + " has " + imageBytes);
            }
            total += p.count;
        }
        if (total * imageBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(total + " samples of " + imageBytes + " bytes do not fit one worker's array");
        }
        byte[] labels = new byte[(int) total];
        byte[] images = new byte[(int) total * imageBytes];
        int at = 0;
        for (PartitionData p : parts) {
            System.arraycopy(p.labels(), 0, labels, at, p.count);
            System.arraycopy(p.images(), 0, images, at * imageBytes, p.images.length);
            at += p.count;
        }
        return new PartitionData(0, (int) total, imageBytes, labels, images);
    }

    /** Stored bytes (labels and images; decoded pixels not counted). */
    public long bytes() {
        return labels.length + (long) images.length;
    }
}
