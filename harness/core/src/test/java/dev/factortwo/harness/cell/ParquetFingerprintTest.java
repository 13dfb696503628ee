package dev.factortwo.harness.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.task.ParquetFormat;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A fingerprint is a property of the data, not of its format: the same cell over Parquet and over shards trains the
 * same bits, on every tier (the embedded MiniDFSCluster and S3Proxy as the other tier tests start them) and in both
 * state modes, and infers the same output, for every workload. Tiny data: 300 samples, 2 partitions of 2 shards each. Faults
 * aimed at Parquet cells are {@code ParquetFaultsTest}'s.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetFingerprintTest {

    SparkFixture fx;

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
    }


    static final List<String> TIERS = List.of("memory", "local-disk", "hdfs", "s3");

    /**
     * train-mlp for two epochs (the second shows the cache) and infer for one pass, over 300 samples in 4 shards of 75;
     * train-cnn, whose steps cost the most, for one epoch of 2 steps per partition (64 samples in 4 shards of 16, batches of
     * 16) with 16 held out.
     */
    static CellSpec cell(String workload, String tier, String state, String format) {
        String strategy = workload.equals("infer") ? (state.equals("spark") ? "embedded" : "scheduler") : "model-averaging";
        CellKey key = new CellKey(workload, "synthetic", tier, state, strategy, "tensorflow", "cpu").withFormat(format);
        return switch (workload) {
            case "train-mlp" -> new CellSpec(key, 5, 2, 32, 0.01, 2, 300, 100, 1, 0, 0);
            case "train-cnn" -> new CellSpec(key, 5, 1, 16, 0.01, 2, CNN_SAMPLES, 16, 1, 0, 0);
            default -> new CellSpec(key, 5, 1, 32, 0.01, 2, 300, 100, 1, 0, 0);
        };
    }

    static final int CNN_SAMPLES = 64;

    void sameBits(String workload, String tier, String state) {
        CellResult shards = run(cell(workload, tier, state, CellKey.DEFAULT_FORMAT));
        CellResult parquet = run(cell(workload, tier, state, ParquetFormat.NAME));
        assertEquals(shards.fingerprint(), parquet.fingerprint(), workload + " on " + tier + "/" + state);
        assertTrue(parquet.id().contains("/" + tier + "+parquet/" + state + "/"), parquet.id());
    }

    CellResult run(CellSpec spec) {
        CellResult r = fx.runner.withSamplesPerShard(spec.trainSamples() == CNN_SAMPLES ? CNN_SAMPLES / 4 : 75).run(spec);
        assertTrue(r.ok(), spec.id() + ": " + r.error());
        return r;
    }

    @Test
    void trainingOnParquetHasTheFingerprintOfShardsOnEveryTierAndState() {
        for (String tier : TIERS) {
            for (String state : List.of("spark", "local")) {
                CellResult shards = run(cell("train-mlp", tier, state, CellKey.DEFAULT_FORMAT));
                CellResult parquet = run(cell("train-mlp", tier, state, ParquetFormat.NAME));
                String where = tier + "/" + state;
                assertEquals(shards.fingerprint(), parquet.fingerprint(), where);
                assertEquals("train-mlp/synthetic/" + tier + "+parquet/" + state + "/model-averaging/tensorflow/cpu", parquet.id());
                assertTrue(Long.parseLong(parquet.attributes().get(CellAttribute.TIER_BYTES.key())) > 0, where + ": " + parquet.attributes());
                assertEquals(ParquetFormat.DEFAULT_COMPRESSION, parquet.attributes().get(ParquetFormat.COMPRESSION_ATTRIBUTE), where);
                assertTrue(Integer.parseInt(parquet.attributes().get(TierRegistry.PARQUET_ROW_GROUPS)) >= 4, where + ": a row group per shard at least");
                assertTrue(Double.parseDouble(parquet.attributes().get(CellAttribute.DECODE_NANOS_PER_SAMPLE.key())) > 0, where);
                assertTrue(parquet.io().get(0).bytesRead() > 0, where + ": the first epoch reads the files: " + parquet.io());
                if (state.equals("spark")) {
                    boolean cached = !tier.equals("hdfs") && !tier.equals("s3");
                    assertEquals(cached, parquet.io().get(1).bytesRead() == 0,
                            where + ": the DataFrame cache serves later epochs on warm tiers only: " + parquet.io());
                }
            }
        }
    }

    /**
     * train-cnn and infer, each state of each on one warm tier (memory, local-disk: cached) and one cold (hdfs, s3: re-read),
     * and across the two every tier in both states. The whole cross product is {@link #everyWorkloadOnEveryTierAndState}.
     */
    @ParameterizedTest(name = "{0} on {1}/{2}")
    @CsvSource({
            "train-cnn, memory, spark", "train-cnn, hdfs, spark", "train-cnn, local-disk, local", "train-cnn, s3, local",
            "infer, local-disk, spark", "infer, s3, spark", "infer, memory, local", "infer, hdfs, local"})
    void cnnTrainingAndInferenceOverParquetHaveTheFingerprintOfShards(String workload, String tier, String state) {
        sameBits(workload, tier, state);
    }

    @Test
    @Tag("slow")
    void everyWorkloadOnEveryTierAndState() {
        for (String workload : List.of("train-cnn", "infer")) {
            for (String tier : TIERS) {
                for (String state : List.of("spark", "local")) sameBits(workload, tier, state);
            }
        }
    }
}
