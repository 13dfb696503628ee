package dev.factortwo.harness.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.fault.FaultRecord;
import dev.factortwo.harness.fault.LostCachedBlocks;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.harness.task.ParquetFormat;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A fingerprint is a property of the data, not of its format: the same cell over Parquet and over shards trains the
 * same bits, on every tier (the embedded MiniDFSCluster and S3Proxy as the other tier tests start them) and in both
 * state modes, and infers the same output. Tiny data: 300 samples, 2 partitions of 2 shards each.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetFingerprintTest {

    SparkFixture fx;

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
    }


    static CellSpec cell(String workload, String tier, String state, String format) {
        String strategy = workload.equals("infer") ? (state.equals("spark") ? "embedded" : "scheduler") : "model-averaging";
        return new CellSpec(new CellKey(workload, "synthetic", tier, state, strategy, "tensorflow", "cpu").withFormat(format),
                5, 2, 32, 0.01, 2, 300, 100, 1, 0, 0);
    }

    CellResult run(CellSpec spec) {
        CellResult r = fx.runner.withSamplesPerShard(75).run(spec);
        assertTrue(r.ok(), spec.id() + ": " + r.error());
        return r;
    }

    @Test
    void trainingOnParquetHasTheFingerprintOfShardsOnEveryTierAndState() {
        for (String tier : List.of("memory", "local-disk", "hdfs", "s3")) {
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

    @Test
    void lostBlocksOfTheDataFrameCacheAreReadAgainFromTheFilesWithTheSameBits() {
        CellResult r = fx.runner.withSamplesPerShard(75).withFaults(List.of(new LostCachedBlocks()), java.util.Optional.empty())
                .run(cell("train-mlp", "memory", "spark", ParquetFormat.NAME));
        assertTrue(r.ok(), r.error());
        FaultOutcome lost = r.reproducibility().faults().get(0);
        assertEquals("lost-cached-blocks", lost.fault());
        assertEquals(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, lost.outcome(), lost.explanation());
        assertEquals(4, lost.evidence().get(FaultRecord.BLOCKS_REMOVED),
                "a cached DataFrame per partition, each cached in one block per file (two shards, two files): " + lost.evidence());
        assertTrue(lost.extraBytesRead() > 0, "the files are read again: " + lost);
    }

    @Test
    void inferenceOverParquetHasTheOutputDigestOfShards() {
        for (String state : List.of("spark", "local")) {
            CellResult shards = run(cell("infer", "s3", state, CellKey.DEFAULT_FORMAT));
            CellResult parquet = run(cell("infer", "s3", state, ParquetFormat.NAME));
            assertEquals(shards.fingerprint(), parquet.fingerprint(), "s3/" + state);
        }
    }
}
