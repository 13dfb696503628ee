package dev.factortwo.harness.task;

import dev.factortwo.model.UserError;
import java.util.List;
import java.util.Map;

/**
 * The data set as Parquet files, the way teams that train next to Spark keep it: written by Spark's own DataFrame
 * writer, one directory per shard ({@code shard=S/}, Hive-style, so Spark discovers the column), four columns:
 * {@code shard} (from the directory), {@code record} (the sample's position in its shard), {@code label} (int32) and
 * {@code image} (the image's unsigned bytes, row-major HWC, as binary). Spark-managed state reads it as a DataFrame;
 * tasks of worker-local state read it with Parquet's own reader ({@link ParquetPartitionReader}).
 *
 * @param compression      the codec of every column chunk: one of {@link #CODECS}; {@value #DEFAULT_COMPRESSION} by
 *                         default, Spark's own default for Parquet: fast to decode, and what most Parquet data sets use
 * @param rowGroupSamples  samples per row group (about: Parquet's writer closes a row group by its buffered size, which is
 *                         set to this many samples' bytes); {@value #DEFAULT_ROW_GROUP_SAMPLES} by default, a few MB of the
 *                         data sets here, so that a reader holds one row group of a few MB at a time and a shard of up to
 *                         10,000 samples has two or three (Parquet's 128 MB default is sized for analytic scans, not for
 *                         tasks that each read a partition)
 */
public record ParquetFormat(String compression, int rowGroupSamples) implements DataFormat {

    private static final long serialVersionUID = 1L;

    /** The format's name. */
    public static final String NAME = "parquet";
    /** Codecs Spark writes and Parquet reads here without native libraries beyond the ones on the classpath. */
    public static final List<String> CODECS = List.of("snappy", "zstd", "gzip", "lz4_raw", "uncompressed");
    /** The default codec. */
    public static final String DEFAULT_COMPRESSION = "snappy";
    /** The default samples per row group. */
    public static final int DEFAULT_ROW_GROUP_SAMPLES = 4096;
    /** Parquet with the default settings. */
    public static final ParquetFormat DEFAULT = new ParquetFormat(DEFAULT_COMPRESSION, DEFAULT_ROW_GROUP_SAMPLES);

    /** Column names. */
    public static final String SHARD = "shard", RECORD = "record", LABEL = "label", IMAGE = "image";

    /** Attribute keys of the settings. */
    public static final String COMPRESSION_ATTRIBUTE = "parquetCompression", ROW_GROUP_SAMPLES_ATTRIBUTE = "parquetRowGroupSamples";

    /** @throws UserError naming the setting, for a codec not in {@link #CODECS} or fewer than one sample per row group */
    public ParquetFormat {
        if (!CODECS.contains(compression)) {
            throw new UserError("--parquet-compression '" + compression + "': expected one of " + String.join(", ", CODECS));
        }
        if (rowGroupSamples < 1) throw new UserError("--parquet-row-group-samples must be at least 1, was " + rowGroupSamples);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean columnar() {
        return true;
    }

    @Override
    public String directory() {
        return NAME + "-" + compression + "-rg" + rowGroupSamples + "/train";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(COMPRESSION_ATTRIBUTE, compression, ROW_GROUP_SAMPLES_ATTRIBUTE, String.valueOf(rowGroupSamples));
    }

    /** Parquet's row-group size ({@code parquet.block.size}) for this many samples of {@code imageBytes} each, in bytes. */
    public long rowGroupBytes(int imageBytes) {
        return rowGroupSamples * (imageBytes + 2L * Integer.BYTES);
    }

    /** The directory of shard {@code s} under a staged split: {@code shard=S}. */
    public static String shardDirectory(int s) {
        return SHARD + "=" + s;
    }

    @Override
    public PartitionReader.Read read(StagedData staged, int p, int partitions) {
        return ParquetPartitionReader.read(staged, p, partitions);
    }
}
