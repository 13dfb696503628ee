package dev.factortwo.harness.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.fault.ColdStoreOutage;
import dev.factortwo.harness.fault.FaultKind;
import dev.factortwo.harness.fault.FaultRecord;
import dev.factortwo.harness.fault.LostCachedBlocks;
import dev.factortwo.harness.task.ParquetFormat;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.FaultOutcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults aimed at Parquet cells, each with its evidence: the blocks of a cached DataFrame removed (memory and local-disk,
 * spark state) and named, the files read again; the cold store taken down under a Parquet cell on S3 (spark state) and
 * HDFS (local state, whose worker reads the files with Parquet's own reader). A fault that cannot reach a Parquet cell is
 * {@code not-applicable} with its reason, never a pass. Real Spark ({@code local[2,4]}), the embedded MiniDFSCluster and
 * S3Proxy; 300 samples in 4 shards, 2 epochs.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetFaultsTest {

    SparkFixture fx;

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
    }

    static CellSpec cell(String tier, String state) {
        return new CellSpec(new CellKey("train-mlp", "synthetic", tier, state, "model-averaging", "tensorflow", "cpu").withFormat(ParquetFormat.NAME),
                5, 2, 32, 0.01, 2, 300, 100, 1, 0, 0);
    }

    Map<String, FaultOutcome> faults(String tier, String state, List<FaultKind> kinds) {
        CellResult r = fx.runner.withSamplesPerShard(75).withFaults(kinds, Optional.empty()).run(cell(tier, state));
        assertTrue(r.ok(), r.error());
        return r.reproducibility().faults().stream().collect(Collectors.toMap(FaultOutcome::fault, Function.identity()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "local-disk"})
    void lostBlocksOfACachedDataFrameAreNamedAndReadAgainFromTheFilesWithTheSameBits(String tier) {
        Map<String, FaultOutcome> faults = faults(tier, "spark", List.of(new LostCachedBlocks(), new ColdStoreOutage()));
        FaultOutcome lost = faults.get("lost-cached-blocks");
        assertEquals(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, lost.outcome(), lost.explanation());
        assertEquals(4, lost.evidence().get(FaultRecord.BLOCKS_REMOVED),
                "a cached DataFrame per partition, each cached in one block per file (two shards, two files): " + lost.evidence());
        assertTrue(lost.explanation().matches("(?s).*dropped 4 block\\(s\\) of the input DataFrames' columnar cache before round 1: rdd_\\d+_\\d+, .*"),
                "the blocks are named: " + lost.explanation());
        assertTrue(lost.extraBytesRead() > 0, "the files are read again: " + lost);
        assertEquals(lost.evidence().get(FaultRecord.BYTES_REREAD), lost.evidence().get(FaultRecord.BYTES_READ_FROM_FAULT_ROUND),
                "what the cache served before is read from the files from the fault's round on: " + lost.evidence());
        FaultOutcome outage = faults.get("cold-store-outage");
        assertEquals(FaultOutcome.Outcome.NOT_APPLICABLE, outage.outcome(), "no store to take down under " + tier + ": " + outage.explanation());
    }

    @Test
    void anOutageOfS3UnderAParquetCellOfSparkStateFailsItsReadsAndIsSurvivedOrRestarted() {
        Map<String, FaultOutcome> f = faults("s3", "spark", List.of(new ColdStoreOutage(), new LostCachedBlocks()));
        FaultOutcome outage = f.get("cold-store-outage");
        hit(outage, "s3", 1);
        assertEquals(FaultOutcome.Outcome.NOT_APPLICABLE, f.get("lost-cached-blocks").outcome(),
                "an uncached DataFrame has no block to lose: " + f.get("lost-cached-blocks").explanation());
    }

    @Test
    void anOutageOfHdfsUnderAParquetCellOfLocalStateMeetsTheWorkersOwnParquetReader() {
        Map<String, FaultOutcome> f = faults("hdfs", "local", List.of(new ColdStoreOutage(), new LostCachedBlocks()));
        hit(f.get("cold-store-outage"), "hdfs", 0);
        assertEquals(FaultOutcome.Outcome.NOT_APPLICABLE, f.get("lost-cached-blocks").outcome(), f.get("lost-cached-blocks").explanation());
    }

    /** A hit: reads refused while the store was down, the data read from the fault's round on, and the same bits after. */
    static void hit(FaultOutcome outage, String tier, int round) {
        assertTrue(List.of(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, FaultOutcome.Outcome.RESTARTED).contains(outage.outcome()), outage.explanation());
        assertTrue(outage.explanation().contains(tier + " down for " + ColdStoreOutage.OUTAGE_MILLIS + " ms from the start of round " + round),
                outage.explanation());
        assertTrue(outage.evidence().get(FaultRecord.FAILED_TASK_ATTEMPTS) > 0, "the Parquet reads met the outage: " + outage.evidence());
        assertTrue(outage.evidence().get(FaultRecord.BYTES_READ_FROM_FAULT_ROUND) > 0, "and the files were read: " + outage.evidence());
        assertTrue(outage.evidence().get(FaultRecord.FILES_OPENED_FROM_FAULT_ROUND) > 0, outage.evidence().toString());
        assertTrue(outage.evidence().get(FaultRecord.STORE_DOWN_MILLIS) >= ColdStoreOutage.OUTAGE_MILLIS, outage.evidence().toString());
    }
}
