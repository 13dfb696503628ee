package dev.factortwo.harness.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Puts the Parquet rows of one partition back in the order the shards hold them: by shard, then by record within the
 * shard, whatever order the rows arrived in (Spark's file splits and Parquet's row groups promise none), and checks that
 * every shard's records are there once. What both Parquet readers (Spark's, through rows, and Parquet's own) end in, so
 * that the same samples reach the steps in the same order as from shards. Not thread-safe.
 */
public final class ParquetRows {

    private final String where;
    private final int partition;
    private int imageBytes = -1;
    private int n;
    private int[] shards = new int[256];
    private int[] records = new int[256];
    private final List<byte[]> images = new ArrayList<>();
    private byte[] labels = new byte[256];

    /** Rows of partition {@code partition} of {@code where} (for messages). */
    public ParquetRows(String where, int partition) {
        this.where = where;
        this.partition = partition;
    }

    /** One row; {@code image} is kept, not copied. */
    public void add(int shard, int record, int label, byte[] image) {
        if (imageBytes < 0) imageBytes = image.length;
        if (image.length != imageBytes) {
            throw new IllegalStateException(where + ", shard " + shard + " record " + record + ": image of " + image.length
                    + " bytes, expected " + imageBytes + " like the partition's first");
        }
        if (label < 0 || label > 255) {
            throw new IllegalStateException(where + ", shard " + shard + " record " + record + ": label " + label + ", expected 0 to 255");
        }
        if (n == shards.length) {
            shards = Arrays.copyOf(shards, n * 2);
            records = Arrays.copyOf(records, n * 2);
            labels = Arrays.copyOf(labels, n * 2);
        }
        shards[n] = shard;
        records[n] = record;
        labels[n] = (byte) label;
        images.add(image);
        n++;
    }

    /** Rows added so far. */
    public int count() {
        return n;
    }

    /**
     * The partition's samples in shard, then record, order.
     *
     * @throws IllegalStateException naming the shard, when a shard's records are not {@code 0..n-1} each once
     */
    public PartitionData build() {
        if (n == 0) return new PartitionData(partition, 0, 0, new byte[0], new byte[0]);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> shards[a] != shards[b] ? Integer.compare(shards[a], shards[b]) : Integer.compare(records[a], records[b]));
        if ((long) n * imageBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(where + ": partition " + partition + " holds " + n
                    + " samples, too many for one task's memory; use more partitions");
        }
        byte[] outLabels = new byte[n];
        byte[] outImages = new byte[n * imageBytes];
        int expected = 0;
        for (int i = 0; i < n; i++) {
            int r = order[i];
            if (i > 0 && shards[r] != shards[order[i - 1]]) expected = 0;
            if (records[r] != expected) {
                throw new IllegalStateException(where + ", shard " + shards[r] + ": record " + expected + " is "
                        + (records[r] > expected ? "missing" : "there twice") + " (rows of partition " + partition + ")");
            }
            expected++;
            outLabels[i] = labels[r];
            System.arraycopy(images.get(r), 0, outImages, i * imageBytes, imageBytes);
        }
        return new PartitionData(partition, n, imageBytes, outLabels, outImages);
    }
}
