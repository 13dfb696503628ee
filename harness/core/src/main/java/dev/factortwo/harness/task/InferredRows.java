package dev.factortwo.harness.task;

import dev.factortwo.datasets.Sha256;
import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Inference as a DataFrame's rows meet it, inside a Spark task: rows of a staged Parquet split ({@code shard},
 * {@code record}, {@code label}, {@code image}) in, rows of {@link #SCHEMA} out, the sample's keys and true label beside
 * its predicted label and penultimate features. The rows of each of the cell's partitions ({@code shard mod partitions})
 * are predicted in stored order (shard, then record) in batches of the cell's batch size, as
 * {@link PartitionWork#infer} predicts them from shards, so a sample meets the same batch either way and gets the same
 * bits. And {@link #digest} over such rows, whatever files or order they come in, is the digest an inference pass gives
 * over the same samples.
 */
public final class InferredRows {

    /** Output columns beside the input's keys and label. */
    public static final String PREDICTED = "predicted", FEATURES = "features";

    /** The output: keys, true label, predicted label, features. */
    public static final StructType SCHEMA = new StructType()
            .add(ParquetFormat.SHARD, DataTypes.IntegerType, false)
            .add(ParquetFormat.RECORD, DataTypes.IntegerType, false)
            .add(ParquetFormat.LABEL, DataTypes.IntegerType, false)
            .add(PREDICTED, DataTypes.IntegerType, false)
            .add(FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private InferredRows() {
    }

    /** Where the input's columns are, by index. */
    public record Columns(int shard, int record, int label, int image) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        public static Columns of(StructType schema) {
            return new Columns(schema.fieldIndex(ParquetFormat.SHARD), schema.fieldIndex(ParquetFormat.RECORD),
                    schema.fieldIndex(ParquetFormat.LABEL), schema.fieldIndex(ParquetFormat.IMAGE));
        }
    }

    /**
     * Predicts the rows of one Spark partition, which must hold every row of each cell partition it holds any of (the
     * batches follow the stored order of a whole partition). The model is a warmed idle one of the job's shape
     * ({@link WorkerLocal#borrow}), handed back after: built at most once per executor and task slot.
     */
    public static Iterator<Row> predict(Iterator<Row> rows, ModelJob job, Weights weights, int partitions, Columns c) {
        Map<Integer, List<Row>> byPartition = new TreeMap<>();
        rows.forEachRemaining(r -> byPartition.computeIfAbsent(Math.floorMod(r.getInt(c.shard()), partitions), p -> new ArrayList<>()).add(r));
        if (byPartition.isEmpty()) return java.util.Collections.emptyIterator();
        int width = job.shape().pixels(), batch = Math.max(1, job.batchSize());
        List<Row> out = new ArrayList<>();
        TfModel model = WorkerLocal.borrow(job, weights);
        boolean returned = false;
        try {
            float[] x = new float[batch * width];
            for (List<Row> part : byPartition.values()) {
                part.sort(Comparator.<Row>comparingInt(r -> r.getInt(c.shard())).thenComparingInt(r -> r.getInt(c.record())));
                for (int from = 0; from < part.size(); from += batch) {
                    int n = Math.min(batch, part.size() - from);
                    for (int i = 0; i < n; i++) {
                        byte[] image = (byte[]) part.get(from + i).get(c.image());
                        if (image.length != width) {
                            throw new IllegalStateException("shard " + part.get(from + i).getInt(c.shard()) + " record "
                                    + part.get(from + i).getInt(c.record()) + ": " + image.length + " image bytes, expected " + width);
                        }
                        for (int k = 0; k < width; k++) x[i * width + k] = PartitionData.pixel(image[k]);
                    }
                    TfModel.Prediction p = model.predict(x, n);
                    int fw = p.features().length / n;
                    for (int i = 0; i < n; i++) {
                        Row in = part.get(from + i);
                        float[] f = java.util.Arrays.copyOfRange(p.features(), i * fw, (i + 1) * fw);
                        out.add(RowFactory.create(in.getInt(c.shard()), in.getInt(c.record()), in.getInt(c.label()), p.labels()[i], f));
                    }
                }
            }
            returned = true;
            return out.iterator();
        } finally {
            PartitionWork.lend(job, model, null, returned);
        }
    }

    /**
     * SHA-256 hex over output rows of {@link #SCHEMA} (any order, any files): the rows grouped by the cell's partition
     * ({@code shard mod partitions}), each in stored order, digested as {@link PartitionWork#infer} digests a partition
     * (per batch of {@code batchSize}, the predicted labels then the features, little-endian), and those digests in
     * partition order digested again, as one pass of {@code BatchInference} does. Equal to that pass's digest over the
     * same samples, model and batch size.
     */
    public static String digest(List<Row> rows, int partitions, int batchSize) {
        StructType s = rows.isEmpty() ? SCHEMA : rows.get(0).schema() != null ? rows.get(0).schema() : SCHEMA;
        int shard = s.fieldIndex(ParquetFormat.SHARD), record = s.fieldIndex(ParquetFormat.RECORD),
                predicted = s.fieldIndex(PREDICTED), features = s.fieldIndex(FEATURES);
        Map<Integer, List<Row>> byPartition = new TreeMap<>();
        for (int p = 0; p < partitions; p++) byPartition.put(p, new ArrayList<>());
        for (Row r : rows) byPartition.get(Math.floorMod(r.getInt(shard), partitions)).add(r);
        int batch = Math.max(1, batchSize);
        MessageDigest pass = Sha256.newDigest();
        for (List<Row> part : byPartition.values()) {
            part.sort(Comparator.<Row>comparingInt(r -> r.getInt(shard)).thenComparingInt(r -> r.getInt(record)));
            MessageDigest md = Sha256.newDigest();
            for (int from = 0; from < part.size(); from += batch) {
                int n = Math.min(batch, part.size() - from);
                int[] labels = new int[n];
                List<float[]> f = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Row r = part.get(from + i);
                    labels[i] = r.getInt(predicted);
                    f.add(floats(r.getList(features)));
                }
                PartitionWork.digest(md, new TfModel.Prediction(labels, concat(f)));
            }
            pass.update(md.digest());
        }
        return HexFormat.of().formatHex(pass.digest());
    }

    private static float[] floats(List<Object> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) f[i] = ((Number) values.get(i)).floatValue();
        return f;
    }

    private static float[] concat(List<float[]> parts) {
        float[] all = new float[parts.stream().mapToInt(a -> a.length).sum()];
        int at = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }
}
