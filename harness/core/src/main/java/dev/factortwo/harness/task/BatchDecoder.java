package dev.factortwo.harness.task;

/**
 * Turns stored unsigned-byte samples into the float batches a model takes, or copies them from the data's decoded
 * pixels where it has them (the same floats). Reuses its buffers: one per thread. Of a partition still arriving, the
 * caller decodes only samples it has {@link PartitionData#awaitSamples awaited}.
 */
final class BatchDecoder {

    private final PartitionData data;
    final float[] images;
    final int[] labels;

    BatchDecoder(PartitionData data, int batchSize) {
        this.data = data;
        this.images = new float[batchSize * data.imageBytes()];
        this.labels = new int[batchSize];
    }

    /** Decodes samples {@code order[from..from+n)}; pixels scaled to [0, 1]. */
    void decode(int[] order, int from, int n) {
        int w = data.imageBytes();
        byte[] src = data.imagesArriving();
        byte[] stored = data.labelsArriving();
        float[] pixels = data.pixels();
        for (int i = 0; i < n; i++) {
            int s = order[from + i];
            labels[i] = stored[s] & 0xFF;
            int base = s * w, out = i * w;
            if (pixels != null) {
                System.arraycopy(pixels, base, images, out, w);
            } else {
                for (int k = 0; k < w; k++) images[out + k] = PartitionData.pixel(src[base + k]);
            }
        }
    }

    /** Decodes samples {@code from..from+n)} in stored order. */
    void decodeInOrder(int from, int n) {
        int w = data.imageBytes();
        byte[] src = data.imagesArriving();
        byte[] stored = data.labelsArriving();
        float[] pixels = data.pixels();
        for (int i = 0; i < n; i++) {
            labels[i] = stored[from + i] & 0xFF;
            int base = (from + i) * w, out = i * w;
            if (pixels != null) {
                System.arraycopy(pixels, base, images, out, w);
            } else {
                for (int k = 0; k < w; k++) images[out + k] = PartitionData.pixel(src[base + k]);
            }
        }
    }
}
