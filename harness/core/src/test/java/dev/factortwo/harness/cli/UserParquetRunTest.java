package dev.factortwo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.reports.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet data set written by plain Spark code, not by the harness ({@code df.write().parquet} of a DataFrame built
 * here: an array-of-int image column and a bigint label column, in three files), trains end to end with {@code run
 * --dataset parquet:file:...}: bitwise on two repetitions, the same fingerprint staged as shards and as Parquet, its
 * digests recorded; and a mistake in it is one line naming the column. The data is written with the JVM's Spark session
 * ({@code run} then uses it and leaves it running, as it does a shared fixture's).
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.factortwo.harness.testing.OwnSpark.class)
class UserParquetRunTest {

    static final int ROWS = 420;
    static final int SIDE = 12;
    static final int CLASSES = 4;

    /** Row {@code i}: a bright square in the quadrant of its class, on a seeded noise floor, as a list of ints. */
    static Row row(int i) {
        int label = i % CLASSES;
        List<Integer> pixels = new ArrayList<>();
        long z = i * 0x9E3779B97F4A7C15L;
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                z = z * 6364136223846793005L + 1442695040888963407L;
                boolean lit = (y < SIDE / 2) == (label < 2) && (x < SIDE / 2) == (label % 2 == 0);
                pixels.add((int) ((z >>> 59) + (lit ? 200 : 0)));
            }
        }
        return RowFactory.create(pixels, (long) label, "sample-" + i);
    }

    static String writeWithPlainSpark(Path dir) {
        SparkSession spark = SparkSessions.start(SparkSessions.DEFAULT_MASTER, Map.of());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) rows.add(row(i));
        StructType schema = new StructType().add("pixels", DataTypes.createArrayType(DataTypes.IntegerType), false)
                .add("class", DataTypes.LongType, false).add("id", DataTypes.StringType, false);
        String uri = dir.resolve("digits.parquet").toUri().toString();
        spark.createDataFrame(rows, schema).repartition(3).write().parquet(uri);
        return "parquet:" + uri;
    }

    static int run(ByteArrayOutputStream err, String... args) {
        return Cli.commandLine(new RunCommand()).setErr(new PrintWriter(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    static List<String> args(String dataset, Path out, String imageColumn) {
        return List.of("--workload", "train-mlp", "--dataset", dataset, "--image-column", imageColumn, "--label-column", "class",
                "--image-shape", SIDE + "x" + SIDE + "x1", "--classes", String.valueOf(CLASSES),
                "--formats", "shards,parquet", "--tier", "local-disk", "--state", "spark", "--epochs", "2", "--partitions", "2",
                "--repetitions", "2", "--max-repetitions", "2", "--min-repetition-seconds", "0", "--warmup-passes", "0",
                "--no-bare", "--faults", "none", "--no-report", "--accelerator", "cpu", "--out", out.toString());
    }

    @Test
    void aDataSetWrittenByPlainSparkTrainsBitwiseAndABadColumnIsOneLine(@TempDir Path dir) throws Exception {
        String dataset = writeWithPlainSpark(dir);
        Path out = dir.resolve("run");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, run(err, args(dataset, out, "pixels").toArray(String[]::new)), err.toString(StandardCharsets.UTF_8));

        Results results = ResultsCodec.read(out.resolve("results.json"));
        assertEquals(2, results.cells().size(), "a shards cell and a parquet cell");
        for (CellResult c : results.cells()) {
            assertTrue(c.ok(), c.id() + ": " + c.error());
            assertEquals(dataset, c.key().dataset(), "the cell names the data set as given");
            assertTrue(c.reproducibility().repeatable(), c.id() + " bitwise on 2 repetitions: " + c.reproducibility());
            assertTrue(c.attributes().get(CellAttribute.TRAIN_DATA_DIGEST.key()).startsWith("sha256:"), c.id());
            assertTrue(c.attributes().get(CellAttribute.TEST_DATA_DIGEST.key()).startsWith("sha256:"), c.id());
            assertTrue(c.testAccuracy() > 1.0 / CLASSES, c.id() + " learned something: " + c.testAccuracy());
        }
        CellResult shards = results.cells().stream().filter(c -> c.key().defaultFormat()).findFirst().orElseThrow();
        CellResult parquet = results.cells().stream().filter(c -> c.key().format().equals("parquet")).findFirst().orElseThrow();
        assertEquals(shards.fingerprint(), parquet.fingerprint(), "the same bits staged as shards and as Parquet");
        assertEquals(shards.attributes().get(CellAttribute.TRAIN_DATA_DIGEST.key()), parquet.attributes().get(CellAttribute.TRAIN_DATA_DIGEST.key()));
        assertEquals("12x12x1", results.config().get("imageShape"), "what replay needs is in the config");
        assertEquals("class", results.config().get("labelColumn"));

        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        assertEquals(1, run(bad, args(dataset, dir.resolve("bad"), "image").toArray(String[]::new)));
        assertEquals("factortwo: --dataset " + dataset + ": no column 'image' (--image-column); its columns are pixels, class, id\n",
                bad.toString(StandardCharsets.UTF_8), "one line, naming the column and its flag");
    }
}
