package dev.factortwo.harness.data;

import dev.factortwo.datasets.ShardInfo;
import dev.factortwo.datasets.ShardReader;
import dev.factortwo.harness.task.ParquetFormat;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a data set's local shards to a tier as Parquet with Spark's own DataFrame writer: the same samples, one
 * directory per shard ({@code partitionBy("shard")}), each shard's rows in record order in one file, compressed and cut
 * into row groups as the {@link ParquetFormat} says. The tier's Hadoop settings go to the writer as options, so that it
 * reaches the store through the same client and URI as every other read of the tier.
 */
final class ParquetStaging {

    /** The columns as Spark writes them ({@code shard} becomes the directory). */
    static final StructType SCHEMA = new StructType()
            .add(ParquetFormat.SHARD, DataTypes.IntegerType, false)
            .add(ParquetFormat.RECORD, DataTypes.IntegerType, false)
            .add(ParquetFormat.LABEL, DataTypes.IntegerType, false)
            .add(ParquetFormat.IMAGE, DataTypes.BinaryType, false);

    private ParquetStaging() {
    }

    /** Writes {@code shards} to {@code target} (replacing what is there) and returns what it takes there. */
    static Written write(SparkSession spark, DatasetCatalog.Shards shards, URI target, ParquetFormat format,
                         Map<String, String> hadoopConf) throws IOException {
        List<Row> rows = new ArrayList<>();
        FileSystem local = LocalFileSystem.getLocal(new Configuration());
        Path dir = new Path(shards.dir().toUri());
        int recordBytes = shards.manifest().recordBytes();
        List<ShardInfo> all = shards.manifest().shards();
        for (int s = 0; s < all.size(); s++) {
            int shard = s;
            ShardReader.read(local, dir, all.get(s), recordBytes,
                    (index, label, image) -> rows.add(RowFactory.create(shard, (int) index, label, image.clone())));
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // one slice per shard: each staging task carries about one shard's rows, not the whole data set
        Dataset<Row> df = spark.createDataFrame(sc.parallelize(rows, all.size()), SCHEMA)
                .repartition(functions.col(ParquetFormat.SHARD))
                .sortWithinPartitions(ParquetFormat.SHARD, ParquetFormat.RECORD);
        df.write().mode(SaveMode.Overwrite)
                .options(hadoopConf)
                .option("compression", format.compression())
                .option("parquet.block.size", String.valueOf(format.rowGroupBytes(recordBytes - 1)))
                // the writer weighs its buffer against the row-group size only every so many rows, the first time at 100:
                // small row groups need an earlier first look
                .option("parquet.page.size.row.check.min", String.valueOf(Math.max(1, Math.min(100, format.rowGroupSamples() / 4))))
                .partitionBy(ParquetFormat.SHARD)
                .parquet(target.toString());
        return Written.of(target, hadoopConf);
    }

    /**
     * What a staged Parquet split takes on its tier.
     *
     * @param bytes      bytes of its files (compressed, as stored)
     * @param files      Parquet files
     * @param rowGroups  row groups in them
     */
    record Written(long bytes, int files, int rowGroups) {
        static Written of(URI target, Map<String, String> hadoopConf) throws IOException {
            Configuration conf = new Configuration();
            hadoopConf.forEach(conf::set);
            Path root = new Path(target);
            FileSystem fs = FileSystem.get(target, conf);
            long bytes = 0;
            int files = 0, groups = 0;
            for (FileStatus shardDir : fs.listStatus(root)) {
                if (!shardDir.isDirectory()) continue;
                for (FileStatus f : fs.listStatus(shardDir.getPath())) {
                    String name = f.getPath().getName();
                    if (!f.isFile() || name.startsWith("_") || name.startsWith(".")) continue;
                    files++;
                    bytes += f.getLen();
                    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
                        groups += r.getRowGroups().size();
                    }
                }
            }
            return new Written(bytes, files, groups);
        }
    }
}
