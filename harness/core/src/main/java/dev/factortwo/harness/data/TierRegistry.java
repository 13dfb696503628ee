package dev.factortwo.harness.data;

import dev.factortwo.harness.task.DataFormat;
import dev.factortwo.harness.task.ParquetFormat;
import dev.factortwo.harness.task.ShardsFormat;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.model.CellAttribute;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.harness.tier.Tiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tiers of one run: each started on first use (embedded services come up only when a cell needs them),
 * each dataset staged to each tier once, and everything stopped at the end. Not thread-safe.
 */
public final class TierRegistry implements AutoCloseable {

    private final TierSettings settings;
    private final Map<String, StorageTier> tiers = new LinkedHashMap<>();
    private final Map<String, StagedData> staged = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> attributes = new LinkedHashMap<>();

    public TierRegistry(TierSettings settings) {
        this.settings = settings;
    }

    public StorageTier tier(String name) {
        StorageTier t = tiers.get(name);
        if (t == null) {
            t = Tiers.create(name, settings);
            try {
                t.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the " + name + " tier: " + e.getMessage(), e);
            }
            tiers.put(name, t);
        }
        return t;
    }

    /** Stages {@code shards} to {@code tier} as shards (once) and returns where they are. */
    public StagedData stage(String tierName, DatasetCatalog.Shards shards) {
        return stage(tierName, shards, ShardsFormat.INSTANCE);
    }

    /**
     * Stages the samples of {@code shards} to {@code tier} in {@code format} (once per format and settings) and returns
     * where they are: shards copied as they are, Parquet written by Spark's DataFrame writer (the active Spark session's)
     * to the same store through the same client. What the split takes there is in {@link #attributes}.
     */
    public StagedData stage(String tierName, DatasetCatalog.Shards shards, DataFormat format) {
        return staged.computeIfAbsent(tierName + "|" + shards.key() + "|" + format.directory(), k -> {
            StorageTier t = tier(tierName);
            URI root = t.root();
            String base = root.toString().endsWith("/") ? root.toString() : root + "/";
            URI target = URI.create(base + "datasets/" + shards.key() + "/" + format.directory());
            Map<String, String> figures = new LinkedHashMap<>(format.settings());
            try {
                if (format instanceof ParquetFormat parquet) {
                    ParquetStaging.Written w = ParquetStaging.write(SparkSession.builder().getOrCreate(), shards, target, parquet, t.hadoopConf());
                    figures.put(CellAttribute.TIER_BYTES.key(), String.valueOf(w.bytes()));
                    figures.put(PARQUET_FILES, String.valueOf(w.files()));
                    figures.put(PARQUET_ROW_GROUPS, String.valueOf(w.rowGroups()));
                } else {
                    dev.factortwo.datasets.Stager.stage(shards.dir(), target, t.configuration());
                    figures.put(CellAttribute.TIER_BYTES.key(),
                            String.valueOf(FileSystem.get(target, t.configuration()).getContentSummary(new Path(target)).getLength()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stage " + shards.key() + " as " + format.name() + " to " + target + " ("
                        + t.describe() + "): " + e.getMessage(), e);
            }
            StagedData data = new StagedData(target.toString(), t.hadoopConf(), tierName, format);
            attributes.put(data.uri(), Map.copyOf(figures));
            return data;
        });
    }

    /**
     * The Hadoop settings that reach {@code uri}'s store the way the tiers do: an {@code hdfs://} URI with the hdfs
     * tier's client settings, an {@code s3a://} URI with the s3 tier's (its endpoint, credentials and addressing from
     * {@link TierSettings}; starting that tier's embedded service if it has one), a local file with none.
     *
     * @throws dev.factortwo.model.UserError for a scheme no tier reaches
     */
    public Map<String, String> hadoopConfFor(URI uri) {
        String scheme = uri.getScheme() == null ? "file" : uri.getScheme();
        return switch (scheme) {
            case "file" -> Map.of();
            case "hdfs" -> tier("hdfs").hadoopConf();
            case "s3a" -> tier("s3").hadoopConf();
            default -> throw new dev.factortwo.model.UserError(uri + ": scheme '" + scheme + "' is not one a tier reaches; expected file, hdfs or s3a");
        };
    }

    /** Attribute: Parquet files of a staged split. */
    public static final String PARQUET_FILES = "parquetFiles";
    /** Attribute: row groups in them, as Parquet's writer cut them. */
    public static final String PARQUET_ROW_GROUPS = "parquetRowGroups";

    /**
     * What {@code data} (staged by this registry) takes on its tier and how it was written, as cell attributes:
     * {@link CellAttribute#TIER_BYTES}, and for Parquet its settings, files and row groups.
     */
    public Map<String, String> attributes(StagedData data) {
        return attributes.getOrDefault(data.uri(), Map.of());
    }

    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        for (StorageTier t : tiers.values()) {
            try {
                t.close();
            } catch (Exception e) {
                failures.add(t.name() + ": " + e.getMessage());
            }
        }
        tiers.clear();
        staged.clear();
        attributes.clear();
        if (!failures.isEmpty()) System.err.println("factortwo: could not stop cleanly: " + failures);
    }
}
