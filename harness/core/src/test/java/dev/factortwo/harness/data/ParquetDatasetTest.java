package dev.factortwo.harness.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.factortwo.datasets.DatasetSpec;
import dev.factortwo.datasets.Split;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import dev.factortwo.model.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user's Parquet data set, written here by plain Spark code ({@code df.write().parquet}), read by
 * {@link ParquetDataset}: binary and array images give the same splits, the split is fixed, and every kind of bad
 * input is one line naming the column and its flag.
 */
@ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetDatasetTest {

    static final ParquetDatasetOptions SHAPE_4X4 = ParquetDatasetOptions.parse("pixels", "digit", "4x4x1", 0);

    SparkSession spark;
    Path dir;

    @BeforeAll
    void start(SparkFixture shared) throws IOException {
        spark = shared.session;
        dir = Files.createTempDirectory("factortwo-parquet-dataset");
    }

    @AfterAll
    void clean() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Image {@code i} of a 4x4x1 data set: 16 bytes that tell the rows apart. */
    static byte[] image(int i) {
        byte[] b = new byte[16];
        for (int k = 0; k < b.length; k++) b[k] = (byte) (i * 7 + k * 13);
        return b;
    }

    /** {@code n} rows of (pixels, digit) as {@code pixels} and {@code digit} make them, written as one file. */
    String write(String name, DataType imageType, IntFunction<Object> pixels, DataType labelType, IntFunction<Object> digit, int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) rows.add(RowFactory.create(pixels.apply(i), digit.apply(i)));
        StructType schema = new StructType().add("pixels", imageType, true).add("digit", labelType, true);
        Path out = dir.resolve(name);
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(out.toUri().toString());
        return "parquet:" + out.toUri();
    }

    String binaryDigits(String name, int n) {
        return write(name, DataTypes.BinaryType, ParquetDatasetTest::image, DataTypes.IntegerType, i -> i % 10, n);
    }

    /** The one Parquet file a {@link #write} left in {@code name}'s directory. */
    String partFile(String name) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(name))) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.startsWith("part-")).findFirst().orElseThrow();
        }
    }

    ParquetDataset read(String name, ParquetDatasetOptions options) {
        return ParquetDataset.read(spark, name, options, Map.of());
    }

    String error(String name, ParquetDatasetOptions options) {
        return assertThrows(UserError.class, () -> read(name, options)).getMessage();
    }

    @Test
    void binaryAndArrayImagesGiveTheSameFixedSplitOfEveryRow() throws IOException {
        String binary = binaryDigits("binary", 70);
        String ints = write("ints", DataTypes.createArrayType(DataTypes.IntegerType), i -> toList(image(i), false), DataTypes.LongType, i -> (long) (i % 10), 70);
        String floats = write("floats", DataTypes.createArrayType(DataTypes.DoubleType), i -> toList(image(i), true), DataTypes.ShortType, i -> (short) (i % 10), 70);

        ParquetDataset b = read(binary, SHAPE_4X4);
        assertEquals(new DatasetSpec(binary, 4, 4, 1, 10, 60, 10, 0), b.spec(), "one row in seven held out; classes from the labels");
        Split train = b.load(DatasetSpec.TRAIN, 0);
        Split test = b.load(DatasetSpec.TEST, 0);
        for (String other : List.of(ints, floats)) {
            ParquetDataset a = read(other, SHAPE_4X4);
            assertArrayEquals(train.images(), a.load(DatasetSpec.TRAIN, 0).images(), other);
            assertArrayEquals(train.labels(), a.load(DatasetSpec.TRAIN, 0).labels(), other);
            assertArrayEquals(test.images(), a.load(DatasetSpec.TEST, 0).images(), other);
            assertArrayEquals(test.labels(), a.load(DatasetSpec.TEST, 0).labels(), other);
        }
        assertArrayEquals(train.images(), read(binary, SHAPE_4X4).load(DatasetSpec.TRAIN, 0).images(), "read again, the same split");

        // every row once, in one split or the other, its label with its image; and not in file order (shuffled)
        List<Integer> seen = new ArrayList<>();
        for (Split s : List.of(train, test)) {
            for (int k = 0; k < s.size(); k++) {
                int i = rowOf(s.image(k));
                assertEquals(i % 10, s.label(k), "row " + i + "'s label");
                seen.add(i);
            }
        }
        List<Integer> sorted = seen.stream().sorted().toList();
        assertEquals(java.util.stream.IntStream.range(0, 70).boxed().toList(), sorted);
        assertEquals(false, seen.equals(sorted), "the rows are shuffled before the split");
        assertEquals(12, read(binary, ParquetDatasetOptions.parse("pixels", "digit", "4x4x1", 12)).spec().classes(), "--classes, when given");
    }

    private static int rowOf(byte[] image) {
        for (int i = 0; i < 70; i++) if (Arrays.equals(image, image(i))) return i;
        throw new AssertionError("an image no row has");
    }

    private static List<Object> toList(byte[] b, boolean floating) {
        List<Object> out = new ArrayList<>();
        for (byte x : b) out.add(floating ? (Object) (double) (x & 0xFF) : (Object) (x & 0xFF));
        return out;
    }

    @Test
    void aMissingColumnIsNamedWithItsFlag() {
        String name = binaryDigits("missing", 10);
        assertEquals("--dataset " + name + ": no column 'image' (--image-column); its columns are pixels, digit",
                error(name, ParquetDatasetOptions.parse("image", "digit", "4x4x1", 0)));
        assertEquals("--dataset " + name + ": no column 'label' (--label-column); its columns are pixels, digit",
                error(name, ParquetDatasetOptions.parse("pixels", "label", "4x4x1", 0)));
    }

    @Test
    void anImageOfTheWrongSizeForTheShapeIsNamed() throws IOException {
        String name = binaryDigits("size", 10);
        assertEquals("--dataset " + name + ": column 'pixels' (--image-column) holds 16 bytes in row 0 of " + partFile("size")
                + ", expected 12 for --image-shape 2x2x3", error(name, ParquetDatasetOptions.parse("pixels", "digit", "2x2x3", 0)));
        String arrays = write("size-array", DataTypes.createArrayType(DataTypes.IntegerType), i -> i == 3 ? List.of(1, 2) : toList(image(i), false),
                DataTypes.IntegerType, i -> 1, 10);
        assertEquals("--dataset " + arrays + ": column 'pixels' (--image-column) holds 2 values in row 3 of " + partFile("size-array")
                + ", expected 16 for --image-shape 4x4x1", error(arrays, SHAPE_4X4));
    }

    @Test
    void pixelsThatAreNotBytesAndImageColumnsOfAnotherTypeAreNamed() throws IOException {
        String big = write("pixel-300", DataTypes.createArrayType(DataTypes.IntegerType), i -> {
            List<Object> l = toList(image(i), false);
            if (i == 2) l.set(5, 300);
            return l;
        }, DataTypes.IntegerType, i -> 1, 10);
        assertEquals("--dataset " + big + ": column 'pixels' (--image-column) holds 300 at position 5 in row 2 of " + partFile("pixel-300")
                + ", expected whole numbers 0 to 255 (unsigned bytes)", error(big, SHAPE_4X4));
        String text = write("text-image", DataTypes.StringType, i -> "x", DataTypes.IntegerType, i -> 1, 10);
        assertEquals("--dataset " + text + ": column 'pixels' (--image-column) is string, expected binary (4x4x1 = 16 bytes an image)"
                + " or an array of numbers", error(text, SHAPE_4X4));
    }

    @Test
    void nonIntegerLabelsAreNamed() {
        String doubles = write("double-labels", DataTypes.BinaryType, ParquetDatasetTest::image, DataTypes.DoubleType, i -> 1.0, 10);
        assertEquals("--dataset " + doubles + ": column 'digit' (--label-column) is double, expected integer labels (tinyint, smallint, int or bigint)",
                error(doubles, SHAPE_4X4));
        String strings = write("string-labels", DataTypes.BinaryType, ParquetDatasetTest::image, DataTypes.StringType, i -> "cat", 10);
        assertEquals("--dataset " + strings + ": column 'digit' (--label-column) is string, expected integer labels (tinyint, smallint, int or bigint)",
                error(strings, SHAPE_4X4));
    }

    @Test
    void labelsOutOfRangeAreNamed() throws IOException {
        String name = binaryDigits("range", 10);
        assertEquals("--dataset " + name + ": column 'digit' (--label-column) holds label 5 in row 5 of " + partFile("range")
                + ", expected 0 to 4 (--classes 5)", error(name, ParquetDatasetOptions.parse("pixels", "digit", "4x4x1", 5)));
        String negative = write("negative", DataTypes.BinaryType, ParquetDatasetTest::image, DataTypes.IntegerType, i -> i == 4 ? -1 : 0, 10);
        assertEquals("--dataset " + negative + ": column 'digit' (--label-column) holds label -1 in row 4 of " + partFile("negative")
                + ", expected 0 to 255 (labels are one byte; --classes sets fewer)", error(negative, SHAPE_4X4));
        String nulls = write("null-label", DataTypes.BinaryType, ParquetDatasetTest::image, DataTypes.IntegerType, i -> i == 7 ? null : 0, 10);
        assertEquals("--dataset " + nulls + ": column 'digit' (--label-column) is null in row 7 of " + partFile("null-label"), error(nulls, SHAPE_4X4));
    }

    @Test
    void anEmptyDataSetIsNamed() {
        String empty = binaryDigits("empty", 0);
        assertEquals("--dataset " + empty + ": no rows, expected at least 2 (one to train on, one to test)", error(empty, SHAPE_4X4));
        String nowhere = "parquet:" + dir.resolve("nowhere").toUri();
        assertEquals(true, error(nowhere, SHAPE_4X4).startsWith("--dataset " + nowhere + ": cannot read Parquet there: "), error(nowhere, SHAPE_4X4));
    }

    @Test
    void aNameIsAUriATierReaches() {
        assertEquals("file:/data/x", ParquetDataset.uri("parquet:file:/data/x").toString());
        assertEquals("s3a://bucket/x", ParquetDataset.uri("parquet:s3a://bucket/x").toString());
        assertEquals("--dataset parquet:gs://bucket/x: scheme 'gs' is not one a tier reaches; expected one of [file, hdfs, s3a]",
                assertThrows(UserError.class, () -> ParquetDataset.uri("parquet:gs://bucket/x")).getMessage());
        assertEquals("parquet-", DatasetCatalog.storageName("parquet:file:/data/x").substring(0, 8));
        assertEquals("synthetic", DatasetCatalog.storageName("synthetic"));
    }
}
