package dev.factortwo.harness.data;

import dev.factortwo.datasets.DatasetSource;
import dev.factortwo.datasets.DatasetSpec;
import dev.factortwo.datasets.RecordConsumer;
import dev.factortwo.datasets.SplitMix64;
import dev.factortwo.model.UserError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A user's own Parquet data set of fixed-size images and integer labels ({@code --dataset parquet:URI}), read once on
 * the driver through Spark's Parquet reader and held in memory as a {@link DatasetSource}, so that it is staged, split
 * into shards and digested like every other data set.
 *
 * <p><b>Order and split.</b> The rows are taken in the order of the files ({@code _metadata.file_path}, by path) and of
 * the rows within each file ({@code _metadata.row_index}), which no Spark partitioning changes; then shuffled by a fixed
 * permutation (Fisher-Yates from {@link SplitMix64}({@value #SPLIT_SEED}), the same for every run and seed, so the split
 * is a property of the data); the first {@code max(1, n/7)} rows of that order are the {@code test} split (one in
 * seven, Fashion-MNIST's 10,000 of 70,000) and the rest the {@code train} split, each in that order. The same files
 * give the same splits, and the results' {@code trainDataDigest}/{@code testDataDigest} record them.
 *
 * <p><b>Checks.</b> Every row is checked before anything runs, and a mistake is a one-line {@link UserError} naming
 * the column and the flag: a missing column, an image column of another type or of the wrong size for the shape, a
 * pixel value that is not a whole number 0 to 255, a label column that is not of an integer type, a null, a label
 * out of range, and fewer than two rows. Both splits must fit in arrays of 2^31 bytes. Immutable once read.
 */
public final class ParquetDataset implements DatasetSource {

    private static final long serialVersionUID = 1L;

    /** What starts a data set name that is a Parquet URI: {@code parquet:file:/data/digits}. */
    public static final String PREFIX = "parquet:";
    /** The seed of the fixed permutation that splits the rows into train and test. */
    public static final long SPLIT_SEED = 0x5EED_0026L;
    /** One row in this many (at least one) is held out for testing. */
    public static final int TEST_ONE_IN = 7;
    /** URI schemes a data set may be read from: local files, HDFS and S3 through S3A. */
    public static final List<String> SCHEMES = List.of("file", "hdfs", "s3a");

    private static final Set<DataType> INTEGERS = Set.of(DataTypes.ByteType, DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType);
    private static final Set<DataType> NUMBERS = Set.of(DataTypes.ByteType, DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType,
            DataTypes.FloatType, DataTypes.DoubleType);

    private final DatasetSpec spec;
    private final byte[] trainImages;
    private final byte[] trainLabels;
    private final byte[] testImages;
    private final byte[] testLabels;

    private ParquetDataset(DatasetSpec spec, byte[] trainImages, byte[] trainLabels, byte[] testImages, byte[] testLabels) {
        this.spec = spec;
        this.trainImages = trainImages;
        this.trainLabels = trainLabels;
        this.testImages = testImages;
        this.testLabels = testLabels;
    }

    /** Whether {@code name} names a Parquet data set ({@value #PREFIX}URI). */
    public static boolean isName(String name) {
        return name != null && name.startsWith(PREFIX);
    }

    /**
     * The URI in {@code name} ({@value #PREFIX}URI); a path without a scheme is a local file.
     *
     * @throws UserError naming the data set, for a malformed URI or a scheme no tier reaches
     */
    public static URI uri(String name) {
        String rest = name.substring(PREFIX.length());
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new UserError("--dataset " + name + ": not a URI (" + e.getMessage() + "); expected parquet:file:/DIR, parquet:hdfs://HOST:PORT/DIR or parquet:s3a://BUCKET/DIR");
        }
        if (rest.isBlank()) {
            throw new UserError("--dataset " + name + ": no location; expected parquet:file:/DIR, parquet:hdfs://HOST:PORT/DIR or parquet:s3a://BUCKET/DIR");
        }
        if (uri.getScheme() == null) return URI.create("file:" + java.nio.file.Path.of(rest).toAbsolutePath());
        if (!SCHEMES.contains(uri.getScheme())) {
            throw new UserError("--dataset " + name + ": scheme '" + uri.getScheme() + "' is not one a tier reaches; expected one of " + SCHEMES);
        }
        return uri;
    }

    /**
     * Reads and checks the data set {@code name} ({@value #PREFIX}URI) with {@code spark}'s Parquet reader.
     *
     * @param hadoopConf the Hadoop settings that reach the URI's store (a tier's), passed to the reader as options
     * @throws UserError for data that does not match {@code options}, naming the column and flag
     */
    public static ParquetDataset read(SparkSession spark, String name, ParquetDatasetOptions options, Map<String, String> hadoopConf) {
        URI uri = uri(name);
        Dataset<Row> df;
        try {
            df = spark.read().options(hadoopConf).parquet(uri.toString());
        } catch (Exception e) { // Spark's AnalysisException (no such path, no Parquet there) is checked to Java but undeclared
            if (e instanceof RuntimeException r && !(e instanceof org.apache.spark.sql.AnalysisException)) throw r;
            throw new UserError("--dataset " + name + ": cannot read Parquet there: " + firstLine(e.getMessage()), e);
        }
        StructType schema = df.schema();
        DataType image = columnType(name, schema, options.imageColumn(), "--image-column");
        DataType label = columnType(name, schema, options.labelColumn(), "--label-column");
        boolean binary = image instanceof BinaryType;
        if (!binary && !(image instanceof ArrayType a && NUMBERS.contains(a.elementType()))) {
            throw new UserError(where(name, options.imageColumn(), "--image-column") + " is " + image.simpleString()
                    + ", expected binary (" + options.shape() + " = " + options.imageBytes() + " bytes an image) or an array of numbers");
        }
        if (!INTEGERS.contains(label)) {
            throw new UserError(where(name, options.labelColumn(), "--label-column") + " is " + label.simpleString()
                    + ", expected integer labels (tinyint, smallint, int or bigint)");
        }
        List<Row> rows = df.select(quoted(options.imageColumn()), quoted(options.labelColumn()),
                        functions.col("_metadata.file_path"), functions.col("_metadata.row_index"))
                .orderBy(functions.col("_metadata.file_path"), functions.col("_metadata.row_index"))
                .collectAsList();
        return of(name, options, rows, binary);
    }

    /** The data set of {@code rows} (image, label, file, row in file), in order, checked. */
    private static ParquetDataset of(String name, ParquetDatasetOptions o, List<Row> rows, boolean binary) {
        int n = rows.size();
        if (n < 2) {
            throw new UserError("--dataset " + name + ": " + (n == 0 ? "no rows" : "1 row") + ", expected at least 2 (one to train on, one to test)");
        }
        int bytes = o.imageBytes();
        if ((long) n * bytes > Integer.MAX_VALUE - 8) {
            throw new UserError("--dataset " + name + ": " + n + " images of " + bytes + " bytes do not fit in the driver's arrays (2^31 bytes); use fewer rows");
        }
        int maxLabel = o.classes() > 0 ? o.classes() - 1 : 255;
        byte[] images = new byte[n * bytes];
        byte[] labels = new byte[n];
        int largest = 0;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            String at = " in row " + r.getLong(3) + " of " + fileName(r.getString(2));
            if (r.isNullAt(0)) throw new UserError(where(name, o.imageColumn(), "--image-column") + " is null" + at);
            if (binary) {
                byte[] b = (byte[]) r.get(0);
                if (b.length != bytes) throw wrongSize(name, o, b.length + " bytes", at);
                System.arraycopy(b, 0, images, i * bytes, bytes);
            } else {
                List<Object> values = r.getList(0);
                if (values.size() != bytes) throw wrongSize(name, o, values.size() + " values", at);
                for (int k = 0; k < bytes; k++) {
                    Object v = values.get(k);
                    double d = v == null ? Double.NaN : ((Number) v).doubleValue();
                    if (!(d >= 0 && d <= 255 && d == Math.rint(d))) {
                        throw new UserError(where(name, o.imageColumn(), "--image-column") + " holds " + v + " at position " + k + at
                                + ", expected whole numbers 0 to 255 (unsigned bytes)");
                    }
                    images[i * bytes + k] = (byte) (int) d;
                }
            }
            if (r.isNullAt(1)) throw new UserError(where(name, o.labelColumn(), "--label-column") + " is null" + at);
            long label = ((Number) r.get(1)).longValue();
            if (label < 0 || label > maxLabel) {
                throw new UserError(where(name, o.labelColumn(), "--label-column") + " holds label " + label + at + ", expected 0 to " + maxLabel
                        + (o.classes() > 0 ? " (--classes " + o.classes() + ")" : " (labels are one byte; --classes sets fewer)"));
            }
            labels[i] = (byte) label;
            largest = (int) Math.max(largest, label);
        }
        int classes = o.classes() > 0 ? o.classes() : largest + 1;
        int[] order = permutation(n);
        int tests = Math.max(1, n / TEST_ONE_IN);
        DatasetSpec spec = new DatasetSpec(name, o.height(), o.width(), o.channels(), classes, n - tests, tests, 0);
        byte[][] test = pick(images, labels, bytes, order, 0, tests);
        byte[][] train = pick(images, labels, bytes, order, tests, n);
        return new ParquetDataset(spec, train[0], train[1], test[0], test[1]);
    }

    /** The fixed permutation of {@code n} rows: Fisher-Yates from SplitMix64({@value #SPLIT_SEED}). */
    static int[] permutation(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplitMix64 random = new SplitMix64(SPLIT_SEED);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static byte[][] pick(byte[] images, byte[] labels, int bytes, int[] order, int from, int to) {
        byte[] outImages = new byte[(to - from) * bytes];
        byte[] outLabels = new byte[to - from];
        for (int i = from; i < to; i++) {
            System.arraycopy(images, order[i] * bytes, outImages, (i - from) * bytes, bytes);
            outLabels[i - from] = labels[order[i]];
        }
        return new byte[][] {outImages, outLabels};
    }

    private static DataType columnType(String name, StructType schema, String column, String flag) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(column)) return f.dataType();
        }
        throw new UserError("--dataset " + name + ": no column '" + column + "' (" + flag + "); its columns are "
                + String.join(", ", schema.fieldNames()));
    }

    private static UserError wrongSize(String name, ParquetDatasetOptions o, String found, String at) {
        return new UserError(where(name, o.imageColumn(), "--image-column") + " holds " + found + at + ", expected "
                + o.imageBytes() + " for --image-shape " + o.shape());
    }

    private static String where(String name, String column, String flag) {
        return "--dataset " + name + ": column '" + column + "' (" + flag + ")";
    }

    private static org.apache.spark.sql.Column quoted(String column) {
        return functions.col("`" + column.replace("`", "``") + "`");
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String firstLine(String message) {
        if (message == null) return "no message";
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    @Override
    public DatasetSpec spec() {
        return spec;
    }

    @Override
    public long size(String split) {
        return spec.samples(split);
    }

    @Override
    public void forEachInRange(String split, long from, long to, RecordConsumer consumer) throws java.io.IOException {
        long size = size(split);
        if (from < 0 || to < from || to > size) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside " + spec.name() + "/" + split + " of " + size + " records");
        }
        boolean train = DatasetSpec.TRAIN.equals(split);
        byte[] images = train ? trainImages : testImages;
        byte[] labels = train ? trainLabels : testLabels;
        int bytes = spec.imageBytes();
        byte[] image = new byte[bytes];
        for (long i = from; i < to; i++) {
            System.arraycopy(images, (int) i * bytes, image, 0, bytes);
            consumer.accept(i, labels[(int) i] & 0xFF, image);
        }
    }

    @Override
    public String toString() {
        return "ParquetDataset[" + spec.name() + ", " + spec.trainSamples() + " train + " + spec.testSamples() + " test, "
                + spec.shape() + ", " + spec.classes() + " classes]";
    }
}
