package dev.factortwo.harness.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.datasets.SyntheticOptions;
import dev.factortwo.harness.data.DatasetCatalog;
import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.spark.Quiet;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.UserError;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every storage format ({@link DataFormat#all()}, and Parquet with other settings) stages the same samples and reads
 * back, partition by partition in a task's way ({@link DataFormat#read}), exactly what the shards hold, in their order:
 * a format changes how the bits are stored, never which bits reach the steps. Real Spark writer, real Parquet reader,
 * on the local-disk tier.
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.factortwo.harness.testing.OwnSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataFormatContractTest {

    static final int PARTITIONS = 2;
    /** A codec and row groups other than the defaults: several row groups per shard. */
    static final ParquetFormat SMALL_GROUPS = new ParquetFormat("zstd", 40);

    Path scratch;
    SparkSession spark;
    TierRegistry tiers;
    DatasetCatalog.Shards shards;
    StagedData control;

    @BeforeAll
    void start() throws Exception {
        scratch = Files.createTempDirectory("factortwo-formats");
        Quiet.apply(false);
        spark = SparkSessions.start(SparkSessions.DEFAULT_MASTER, Map.of());
        tiers = new TierRegistry(TierSettings.embedded(scratch));
        DatasetCatalog catalog = new DatasetCatalog(scratch, Optional.empty(), new SyntheticOptions(300, 50, 28, 28, 1, 10, 11));
        shards = catalog.trainShards("synthetic", 300, 4);
        control = tiers.stage("local-disk", shards);
    }

    @AfterAll
    void stop() {
        tiers.close();
        spark.stop();
    }

    static Stream<DataFormat> formats() {
        return Stream.concat(DataFormat.all().stream(), Stream.of(SMALL_GROUPS));
    }

    @ParameterizedTest
    @MethodSource("formats")
    void readsTheSameSamplesInTheSameOrderAsTheShards(DataFormat format) {
        StagedData staged = tiers.stage("local-disk", shards, format);
        assertEquals(format, staged.format());
        long samples = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            PartitionData want = PartitionReader.readShards(control, p, PARTITIONS).data();
            PartitionReader.Read got = PartitionReader.read(staged, p, PARTITIONS);
            assertEquals(p, got.data().partition());
            assertEquals(want.count(), got.data().count(), format + ", partition " + p);
            assertEquals(want.imageBytes(), got.data().imageBytes());
            assertArrayEquals(want.labels(), got.data().labels(), format + ", partition " + p + ": labels");
            assertArrayEquals(want.images(), got.data().images(), format + ", partition " + p + ": images");
            assertTrue(got.io().bytesRead() > 0 && got.io().filesOpened() > 0 && got.io().readCalls() > 0, got.io().toString());
            samples += got.data().count();
        }
        assertEquals(300, samples);
    }

    @ParameterizedTest
    @MethodSource("formats")
    void isKnownByItsNameAndRecordsWhatItTakesOnTheTier(DataFormat format) {
        ParquetFormat settings = format instanceof ParquetFormat p ? p : ParquetFormat.DEFAULT;
        assertEquals(format, DataFormat.byName(format.name(), settings));
        assertTrue(format.name().matches("[a-z][a-z0-9-]*"), "a name a cell key takes: " + format.name());
        assertTrue(format.directory().equals("train") || format.directory().endsWith("/train"), format.directory());
        assertEquals(format.columnar(), !"none".equals(format.compression()), "the columnar format is the compressed one here");
        Map<String, String> attributes = tiers.attributes(tiers.stage("local-disk", shards, format));
        assertTrue(Long.parseLong(attributes.get(CellAttribute.TIER_BYTES.key())) > 0, attributes.toString());
        assertTrue(attributes.entrySet().containsAll(format.settings().entrySet()), "its settings are recorded: " + attributes);
    }

    /**
     * Shards read by a reader thread while the task goes on (an emulated device's loader) arrive as the same bytes in
     * the same order, and count the same reads once they are in: the manifest now, the shards when done.
     */
    @Test
    void streamedShardsArriveAsTheWholeReadHasThemAndCountTheSameReads() {
        StagedData streamed = control.streamed();
        assertTrue(streamed.streaming());
        for (int p = 0; p < PARTITIONS; p++) {
            PartitionReader.Read whole = PartitionReader.read(control, p, PARTITIONS);
            PartitionReader.Read r = PartitionReader.read(streamed, p, PARTITIONS);
            assertTrue(r.data().streaming());
            assertEquals(1, r.io().filesOpened(), "the manifest, read before the task goes on");
            assertEquals(0, r.io().bytesRead());
            r.data().awaitSamples(r.data().count());
            assertArrayEquals(whole.data().labels(), r.data().labels());
            assertArrayEquals(whole.data().images(), r.data().images());
            IoCount all = r.io().plus(r.data().streamedIo());
            assertEquals(whole.io().bytesRead(), all.bytesRead());
            assertEquals(whole.io().filesOpened(), all.filesOpened());
            assertEquals(whole.io().readCalls(), all.readCalls());
        }
        StagedData parquet = tiers.stage("local-disk", shards, ParquetFormat.DEFAULT);
        assertTrue(!parquet.streamed().streaming(), "a columnar format's rows come from Spark whole");
    }

    @Test
    void theControlIsShardsEachNameOnceAndOtherSettingsStageApart() {
        assertEquals(CellKey.DEFAULT_FORMAT, DataFormat.all().get(0).name());
        assertEquals(DataFormat.names().size(), new HashSet<>(DataFormat.names()).size());
        assertNotEquals(ParquetFormat.DEFAULT.directory(), SMALL_GROUPS.directory());
        UserError unknown = assertThrows(UserError.class, () -> DataFormat.byName("orc", ParquetFormat.DEFAULT));
        assertTrue(unknown.getMessage().contains("shards, parquet"), unknown.getMessage());
        assertThrows(UserError.class, () -> new ParquetFormat("lzma", 10));
        assertThrows(UserError.class, () -> new ParquetFormat("snappy", 0));
    }

    @Test
    void parquetIsWrittenWithTheCodecAndRowGroupsItWasAskedFor() throws Exception {
        StagedData staged = tiers.stage("local-disk", shards, SMALL_GROUPS);
        Configuration conf = new Configuration();
        FileSystem fs = FileSystem.get(URI.create(staged.uri()), conf);
        int files = 0, groups = 0;
        for (int s = 0; s < 4; s++) {
            for (FileStatus f : ParquetPartitionReader.dataFiles(fs, new org.apache.hadoop.fs.Path(staged.uri(), ParquetFormat.shardDirectory(s)))) {
                files++;
                try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
                    groups += r.getRowGroups().size();
                    assertEquals(CompressionCodecName.ZSTD, r.getRowGroups().get(0).getColumns().get(0).getCodec());
                    assertEquals(List.of(ParquetFormat.RECORD, ParquetFormat.LABEL, ParquetFormat.IMAGE),
                            r.getFileMetaData().getSchema().getFields().stream().map(t -> t.getName()).toList(), "shard is the directory");
                }
            }
        }
        assertEquals(4, files, "one file per shard");
        assertTrue(groups > files, "75 samples a shard at about 40 a row group: more than one each, got " + groups);
        Map<String, String> attributes = tiers.attributes(staged);
        assertEquals(String.valueOf(groups), attributes.get(TierRegistry.PARQUET_ROW_GROUPS));
        assertEquals("zstd", attributes.get(ParquetFormat.COMPRESSION_ATTRIBUTE));
    }
}
