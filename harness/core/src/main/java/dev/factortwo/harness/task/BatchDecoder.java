package dev.factortwo.harness.task;

/** Turns stored unsigned-byte samples into the float batches a model takes. Reuses its buffers: one per thread. */
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
        byte[] src = data.images();
        for (int i = 0; i < n; i++) {
            int s = order[from + i];
            labels[i] = data.labels()[s] & 0xFF;
            int base = s * w, out = i * w;
            for (int k = 0; k < w; k++) images[out + k] = (src[base + k] & 0xFF) * (1f / 255f);
        }
    }

    /** Decodes samples {@code from..from+n)} in stored order. */
    void decodeInOrder(int from, int n) {
        int w = data.imageBytes();
        byte[] src = data.images();
        for (int i = 0; i < n; i++) {
            labels[i] = data.labels()[from + i] & 0xFF;
            int base = (from + i) * w, out = i * w;
            for (int k = 0; k < w; k++) images[out + k] = (src[base + k] & 0xFF) * (1f / 255f);
        }
    }
}
