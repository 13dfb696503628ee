package dev.factortwo.harness.state;

import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.InferredRows;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionReader;
import dev.factortwo.harness.task.StagedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Inference as a DataFrame transformation, the seed's embedded deep learning transformation: a {@code DataFrame → DataFrame}
 * from a staged Parquet split's rows to {@link InferredRows#SCHEMA} (predicted label and features beside each sample's keys
 * and label), {@code mapPartitions} over rows with a model per task taken from the executor's warmed idle models, written back
 * to the split's tier as Parquet by Spark's writer ({@link #outputUri}, replaced each time), and read back to digest it.
 */
public final class FrameInference {

    /**
     * What one written-back inference left on the tier.
     *
     * @param uri     where: the directory beside the staged split, {@code ...-inferred}
     * @param rows    rows written
     * @param digest  SHA-256 hex of the rows read back ({@link InferredRows#digest}): the digest of one inference pass over
     *                the same samples
     * @param bytes   bytes of its Parquet files on the tier
     * @param files   its Parquet files
     * @param nanos   predicting, writing, and reading it back to digest it
     */
    public record Output(String uri, long rows, String digest, long bytes, int files, long nanos) {
    }

    /** Cell attributes: where the output is, its digest, and per repetition its rows, bytes, files and seconds. */
    public static final String OUTPUT_ATTRIBUTE = "inferredOutput", DIGEST_ATTRIBUTE = "inferredOutputDigest",
            ROWS_ATTRIBUTE = "inferredOutputRows", BYTES_ATTRIBUTE = "inferredOutputBytes", FILES_ATTRIBUTE = "inferredOutputFiles",
            SECONDS_ATTRIBUTE = "inferredOutputSeconds";

    private FrameInference() {
    }

    /** The directory a split's inference output is written to: beside it, its name and {@code -inferred}. */
    public static String outputUri(StagedData staged) {
        String u = staged.uri().replaceAll("/+$", "");
        return u + "-inferred";
    }

    /**
     * The transformation: {@code rows} (columns {@code shard}, {@code record}, {@code label}, {@code image}, every row of a
     * cell partition in one Spark partition) to their predictions, lazily, as any DataFrame transformation.
     */
    public static Dataset<Row> predict(Dataset<Row> rows, ModelJob job, Broadcast<Weights> weights, int partitions) {
        InferredRows.Columns c = InferredRows.Columns.of(rows.schema());
        MapPartitionsFunction<Row, Row> f = (Iterator<Row> in) -> InferredRows.predict(in, job, weights.value(), partitions, c);
        return rows.mapPartitions(f, Encoders.row(InferredRows.SCHEMA));
    }

    /** Predicts {@code frames} (one per cell partition), writes the output to the split's tier and digests what was written. */
    static Output run(List<Dataset<Row>> frames, StagedData staged, ModelJob job, Weights weights, int partitions) {
        long t0 = System.nanoTime();
        var spark = frames.get(0).sparkSession();
        Broadcast<Weights> w = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(weights);
        try {
            // each cell partition's rows in one Spark partition, so that its batches are the inference pass's
            Dataset<Row> out = frames.stream().map(f -> predict(f.coalesce(1), job, w, partitions)).reduce(Dataset::union).orElseThrow();
            String uri = outputUri(staged);
            out.write().mode(SaveMode.Overwrite).options(staged.hadoopConf()).parquet(uri);
            List<Row> back = spark.read().options(staged.hadoopConf()).parquet(uri).collectAsList();
            String digest = InferredRows.digest(back, partitions, job.batchSize());
            long bytes = 0;
            int files = 0;
            Path dir = new Path(URI.create(uri));
            FileSystem fs = FileSystem.get(dir.toUri(), PartitionReader.configuration(staged.hadoopConf()));
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
            while (it.hasNext()) {
                LocatedFileStatus s = it.next();
                if (!s.getPath().getName().endsWith(".parquet")) continue;
                bytes += s.getLen();
                files++;
            }
            return new Output(uri, back.size(), digest, bytes, files, System.nanoTime() - t0);
        } catch (IOException e) {
            throw new UncheckedIOException(staged + ": inference output: " + e.getMessage(), e);
        } finally {
            w.destroy();
        }
    }
}
