package dev.factortwo.datasets;

import java.util.Arrays;

/**
 * One split of a dataset held in memory.
 *
 * <p>{@code images} holds {@code size() * spec.imageBytes()} unsigned bytes, image after image, each
 * row-major HWC; {@code labels} holds one unsigned byte per image. The arrays are shared, not copied:
 * treat them as read-only.
 *
 * @param spec   the dataset this split belongs to
 * @param split  {@code "train"} or {@code "test"}
 * @param images the images, {@code size() * spec.imageBytes()} bytes
 * @param labels the labels, one byte each
 */
public record Split(DatasetSpec spec, String split, byte[] images, byte[] labels) {

    public Split {
        DatasetSpec.checkSplit(split);
        if ((long) labels.length * spec.imageBytes() != images.length) {
            throw new IllegalArgumentException(spec.name() + "/" + split + ": " + images.length + " image bytes for "
                    + labels.length + " labels, expected " + (long) labels.length * spec.imageBytes()
                    + " (" + spec.shape() + " each)");
        }
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** The label of sample {@code i}, {@code 0 .. classes-1}. */
    public int label(int i) {
        return labels[i] & 0xFF;
    }

    /** A copy of image {@code i}. */
    public byte[] image(int i) {
        int n = spec.imageBytes();
        return Arrays.copyOfRange(images, i * n, (i + 1) * n);
    }

    @Override
    public String toString() {
        return "Split[" + spec.name() + "/" + split + ", " + size() + " x " + spec.shape() + "]";
    }
}
