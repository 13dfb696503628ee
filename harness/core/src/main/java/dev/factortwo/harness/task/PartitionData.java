package dev.factortwo.harness.task;

import java.io.Serializable;

/**
 * The samples of one partition, in their stored order: labels one byte each, images as unsigned bytes
 * ({@code imageBytes} per sample, row-major HWC). Treated as immutable once built.
 */
public record PartitionData(int partition, int count, int imageBytes, byte[] labels, byte[] images)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public PartitionData {
        if (labels.length != count || images.length != (long) count * imageBytes) {
            throw new IllegalArgumentException("partition " + partition + ": " + count + " samples need "
                    + count + " labels and " + (long) count * imageBytes + " image bytes, got "
                    + labels.length + " and " + images.length);
        }
    }

    /**
     * The samples of {@code parts} one after another, in list order, as partition {@code 0}: the whole
     * training set as one worker sees it.
     */
    public static PartitionData concat(java.util.List<PartitionData> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to concatenate");
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
            System.arraycopy(p.labels, 0, labels, at, p.count);
            System.arraycopy(p.images, 0, images, at * imageBytes, p.images.length);
            at += p.count;
        }
        return new PartitionData(0, (int) total, imageBytes, labels, images);
    }

    public long bytes() {
        return labels.length + (long) images.length;
    }
}
