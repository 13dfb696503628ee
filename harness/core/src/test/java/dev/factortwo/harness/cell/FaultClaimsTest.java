package dev.factortwo.harness.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.fault.ColdStoreOutage;
import dev.factortwo.harness.fault.ExecutorKill;
import dev.factortwo.harness.fault.FaultRecord;
import dev.factortwo.harness.fault.FaultTarget;
import dev.factortwo.harness.fault.LostCachedBlocks;
import dev.factortwo.harness.fault.TaskFailure;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.harness.tier.Tiers;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.Reproducibility;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The false hits that once passed for evidence, planted one by one: an injection that fails before touching the store
 * is {@code not-injected}; a restart, an executor removed after the round's tasks had ended, and blocks removed that
 * nothing read again are {@code missed}. None of them makes a cell recomputable. No Spark needed: each rule is the
 * fault's own, fed the counts the runner would collect.
 */
class FaultClaimsTest {

    private static final CellKey KEY = new CellKey("train-mlp", "synthetic", "s3", "spark", "single", "tensorflow", "cpu");

    @Test
    void anOutageThatCannotTakeTheStoreDownIsNotInjectedNeverRestartedNorGreen(@TempDir Path scratch) throws Exception {
        // an S3 tier that was never started: beginOutage throws before anything is taken down
        try (StorageTier s3 = Tiers.create("s3", TierSettings.embedded(scratch))) {
            FaultTarget target = new FaultTarget(KEY, s3, StateMode.byName("spark"), null, Optional.empty());
            FaultRecord record = new FaultRecord();
            new ColdStoreOutage().hook(target, 1, record).beforeRound(1, 2, null); // must not throw: the run goes on
            assertTrue(record.notInjectedReason().isPresent(), record.log().toString());
            assertTrue(record.notInjectedReason().get().startsWith("cannot take "), record.notInjectedReason().get());
            assertEquals(0, record.get(FaultRecord.STORE_DOWN_MILLIS), "nothing was down");

            FaultOutcome o = FaultInjection.notInjected(new ColdStoreOutage(), record, "the run went on fault-free");
            assertEquals(FaultOutcome.Outcome.NOT_INJECTED, o.outcome());
            assertTrue(o.explanation().startsWith("cold-store-outage: not injected: cannot take "), o.explanation());
            assertFalse(o.identical() || o.notApplicable() || o.evidenced(), o.toString());
            Reproducibility r = Reproducibility.of(Reproducibility.Verdict.BITWISE, 3, 0, 0, List.of(o), "3 runs bit-identical");
            assertFalse(r.reproducible(), "a fault that could not be injected is never green");
            assertFalse(r.recomputable());
            assertFalse(r.faultTested(), "it tested nothing");
        }
    }

    @Test
    void aRestartIsNotEvidenceThatAFaultHit() {
        FaultRecord restartedOnly = new FaultRecord();
        restartedOnly.count(FaultRecord.RESTARTS, 1);
        restartedOnly.count(FaultRecord.FAILED_TASK_ATTEMPTS, 0);
        assertTrue(new TaskFailure().missed(restartedOnly).isPresent(), "a run that failed for another reason is not the planted failure");
        assertTrue(new ColdStoreOutage().missed(restartedOnly).isPresent(), "no read met the outage");

        FaultRecord removedNotReread = new FaultRecord();
        removedNotReread.count(FaultRecord.BLOCKS_REMOVED, 2);
        removedNotReread.count(FaultRecord.RESTARTS, 1);
        removedNotReread.count(FaultRecord.BYTES_REREAD, 0);
        assertTrue(new LostCachedBlocks().missed(removedNotReread).isPresent());

        FaultRecord failedAttempt = new FaultRecord();
        failedAttempt.count(FaultRecord.FAILED_TASK_ATTEMPTS, 1);
        assertEquals(Optional.empty(), new TaskFailure().missed(failedAttempt));
        assertEquals(Optional.empty(), new ColdStoreOutage().missed(failedAttempt));
    }

    @Test
    void anExecutorKilledAfterTheRoundsTasksEndedIsMissed() {
        FaultRecord late = new FaultRecord();
        late.count(FaultRecord.EXECUTORS_LOST, 1); // Spark removed the executor ...
        late.count(FaultRecord.TASKS_LOST, 0);     // ... but no task of the round failed on it
        Optional<String> missed = new ExecutorKill().missed(late);
        assertTrue(missed.isPresent() && missed.get().contains("ran no task of the round"), missed.toString());

        FaultRecord hit = new FaultRecord();
        hit.count(FaultRecord.EXECUTORS_LOST, 1);
        hit.count(FaultRecord.TASKS_LOST, 1);
        assertEquals(Optional.empty(), new ExecutorKill().missed(hit));
    }

    @Test
    void theOutageIsAimedWhereTheCellReadsTheStore(@TempDir Path scratch) throws Exception {
        try (StorageTier s3 = Tiers.create("s3", TierSettings.embedded(scratch))) {
            ColdStoreOutage outage = new ColdStoreOutage();
            assertEquals(0, outage.atRound(new FaultTarget(KEY, s3, StateMode.byName("local"), null, Optional.empty()), 4),
                    "local state reads the store only while it loads, in round 0");
            assertEquals(2, outage.atRound(new FaultTarget(KEY, s3, StateMode.byName("spark"), null, Optional.empty()), 4),
                    "spark state re-reads an uncached store every round: half-way");
        }
    }
}
