package dev.factortwo.harness.task;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.UserError;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * How a data set is stored on a tier: the format axis. One value per format ({@link #all()}), each carrying its
 * properties, so that no code outside the axis compares format names: whether its files are columnar (Spark-managed
 * state then reads them as a DataFrame, not as an RDD of partitions), how it compresses, its settings for results, and
 * how a task reads one partition of it straight from the store ({@link #read}). Immutable and serializable: a value
 * travels to the tasks inside {@link StagedData}.
 *
 * <p>Whatever the format, partition {@code p} of {@code P} holds the same samples in the same order: shards
 * {@code p, p+P, p+2P, ...} of the staged split, each in its stored order. A fingerprint is a property of the data, not of
 * the format ({@code DataFormatContractTest}).
 *
 * <pre>{@code
 * DataFormat f = DataFormat.byName("parquet", ParquetFormat.DEFAULT);
 * PartitionReader.Read r = f.read(staged, 0, 2);   // inside a task
 * }</pre>
 */
public sealed interface DataFormat extends Serializable permits ShardsFormat, ParquetFormat {

    /** The name in cell keys, flags and results: {@code shards} or {@code parquet}. */
    String name();

    /**
     * True for a columnar format a DataFrame reads (Parquet): Spark-managed state reads it with Spark's own reader and
     * caches it in Spark's columnar cache; false for the toolkit's shards, read into an RDD of partitions.
     */
    boolean columnar();

    /** The codec the stored samples are compressed with: {@code none} for shards, e.g. {@code snappy} for Parquet. */
    String compression();

    /** Where a data set's split lives under its staged directory, unique per setting: {@code train}, {@code parquet-snappy-rg4096/train}. */
    String directory();

    /** This format's settings as cell attributes (key to value), e.g. {@code parquetCompression=snappy}. */
    Map<String, String> settings();

    /** Inside a task: partition {@code p} of {@code partitions} of {@code staged}, read straight from its store, and what that cost. */
    PartitionReader.Read read(StagedData staged, int p, int partitions);

    /** Every format, Parquet with its default settings; the first is the control. */
    static List<DataFormat> all() {
        return List.of(ShardsFormat.INSTANCE, ParquetFormat.DEFAULT);
    }

    /** {@code shards}, {@code parquet}. */
    static List<String> names() {
        return all().stream().map(DataFormat::name).toList();
    }

    /**
     * The format called {@code name}, Parquet with the settings of {@code parquet}.
     *
     * @throws UserError naming the known formats
     */
    static DataFormat byName(String name, ParquetFormat parquet) {
        if (CellKey.DEFAULT_FORMAT.equals(name)) return ShardsFormat.INSTANCE;
        if (ParquetFormat.NAME.equals(name)) return parquet;
        throw new UserError("unknown format '" + name + "'; expected one of " + String.join(", ", names()));
    }
}
