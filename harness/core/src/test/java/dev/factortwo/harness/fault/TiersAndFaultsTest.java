package dev.factortwo.harness.fault;

import dev.factortwo.harness.cell.CellRunner;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.FaultOutcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real components throughout: Spark local[2,4], the embedded MiniDFSCluster and S3Proxy, faults injected for
 * real (blocks removed through the block manager, a task that throws, an S3 server killed and restarted).
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TiersAndFaultsTest {

    SparkFixture fx;

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
    }


    @Test
    void sparkStateTrainingHasOneFingerprintInEveryTierAndEqualsLocalState() {
        String local = fx.runner.run(SparkFixture.cell("train-mlp", "memory", "local", 2, 1)).fingerprint();
        for (String tier : List.of("memory", "local-disk", "hdfs", "s3")) {
            CellResult r = fx.runner.run(SparkFixture.cell("train-mlp", tier, "spark", 2, 1));
            assertTrue(r.ok(), tier + ": " + r.error());
            assertEquals(local, r.fingerprint(), tier);
            if (tier.equals("hdfs") || tier.equals("s3")) {
                assertTrue(r.io().get(1).bytesRead() > 0, tier + ": spark state re-reads the cold store every epoch");
            }
        }
        CellResult cached = fx.runner.run(SparkFixture.cell("train-mlp", "s3", "local", 2, 1));
        assertEquals(local, cached.fingerprint());
        assertEquals(0, cached.io().get(1).bytesRead(), "local state serves epoch 1 from worker memory");
        assertTrue(cached.notes().stream().anyMatch(n -> n.startsWith("served by a cache")), cached.notes().toString());
    }

    Map<String, FaultOutcome> faults(String tier, String state) {
        CellRunner runner = fx.runner.withFaults(FaultKind.all(), Optional.empty());
        CellResult r = runner.run(SparkFixture.cell("train-mlp", tier, state, 2, 1));
        assertTrue(r.ok(), r.error());
        return r.reproducibility().faults().stream().collect(Collectors.toMap(FaultOutcome::fault, Function.identity()));
    }

    @Test
    void sparkStateRecomputesLostBlocksAndFailedTasksIdentically() {
        Map<String, FaultOutcome> f = faults("memory", "spark");
        assertEquals(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, f.get("lost-cached-blocks").outcome(), f.get("lost-cached-blocks").explanation());
        assertTrue(f.get("lost-cached-blocks").extraBytesRead() > 0, "lost blocks are re-read from the source: " + f.get("lost-cached-blocks"));
        assertEquals(2, f.get("lost-cached-blocks").evidence().get(FaultRecord.BLOCKS_REMOVED), f.get("lost-cached-blocks").evidence().toString());
        assertTrue(f.get("task-failure").evidence().get(FaultRecord.FAILED_TASK_ATTEMPTS) >= 1, f.get("task-failure").evidence().toString());
        assertEquals(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, f.get("task-failure").outcome(), f.get("task-failure").explanation());
        assertEquals(FaultOutcome.Outcome.NOT_APPLICABLE, f.get("executor-kill").outcome());
        assertEquals(FaultOutcome.Outcome.NOT_APPLICABLE, f.get("local-state-loss").outcome());
        assertEquals(FaultOutcome.Outcome.NOT_APPLICABLE, f.get("cold-store-outage").outcome());
    }

    @Test
    void localStateLossIsRefilledFromTheStoreByTheTasks() {
        Map<String, FaultOutcome> f = faults("memory", "local");
        FaultOutcome loss = f.get("local-state-loss");
        assertEquals(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, loss.outcome(), loss.explanation());
        assertTrue(loss.extraBytesRead() > 0, "the wiped cache is refilled: " + loss);
        assertEquals(6, loss.evidence().get(FaultRecord.ENTRIES_DROPPED),
                "two partitions' data, models and replica stamps dropped: " + loss.evidence());
        assertEquals(6, loss.evidence().get(FaultRecord.ENTRIES_DROPPED + ".executor.driver"), "in local[N] the executor is the driver's JVM");
        assertEquals(FaultOutcome.Outcome.NOT_APPLICABLE, f.get("lost-cached-blocks").outcome());
    }

    @Test
    void aColdStoreOutageIsSurvivedOrRestartedAndReported() {
        Map<String, FaultOutcome> f = faults("s3", "spark");
        FaultOutcome outage = f.get("cold-store-outage");
        assertTrue(List.of(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, FaultOutcome.Outcome.RESTARTED).contains(outage.outcome()), outage.explanation());
        assertTrue(outage.explanation().contains("s3 down for"), outage.explanation());
        assertTrue(outage.evidence().get(FaultRecord.FAILED_TASK_ATTEMPTS) > 0,
                "spark state reads the store every epoch, so the outage refused its reads: " + outage.evidence());
        assertTrue(outage.evidence().get(FaultRecord.STORE_DOWN_MILLIS) >= ColdStoreOutage.OUTAGE_MILLIS, "measured: " + outage.evidence());
        assertEquals(4, outage.evidence().get(FaultRecord.TASK_ATTEMPTS_ALLOWED), "local[2,4]: " + outage.evidence());
        assertNotNull(outage.recovery(), "the recovery has its interval: " + outage);
    }
}
