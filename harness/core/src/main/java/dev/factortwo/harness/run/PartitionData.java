package dev.factortwo.harness.run;

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

    public long bytes() {
        return labels.length + (long) images.length;
    }
}
