package dev.factortwo.harness.fault;

import dev.factortwo.model.CellAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.cell.CellRunner;
import dev.factortwo.harness.device.Accelerator;
import dev.factortwo.harness.device.AcceleratorProfile;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.Reproducibility;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * No verdict by construction: a fault that hit nothing is {@code missed}, a fault on a cell whose repeats
 * already differ is {@code not-attributable}, an emulated cell is never judged, and an outage that no read
 * met costs nothing beyond noise. Real Spark ({@code local[2,4]}), TensorFlow and embedded S3.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultEvidenceTest {

    SparkFixture fx;

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
    }


    static CellSpec cell(String tier, String state, String strategy, int epochs, int repetitions) {
        return new CellSpec(new CellKey("train-mlp", "synthetic", tier, state, strategy, "tensorflow", "cpu"),
                5, epochs, 32, 0.05, 2, 1200, 400, repetitions, 0, 0);
    }

    FaultOutcome only(CellResult r) {
        assertTrue(r.ok(), r.error());
        assertEquals(1, r.reproducibility().faults().size());
        return r.reproducibility().faults().get(0);
    }

    @Test
    void lostBlocksThatNothingReadsAgainAreMissedAndTheCellIsNotGreen() {
        // one epoch: the blocks go after the first task cached its own, but no later round reads any of them
        CellResult r = fx.runner.withFaults(List.of(new LostCachedBlocks()), Optional.empty())
                .run(cell("memory", "spark", "model-averaging", 1, 2));
        FaultOutcome lost = only(r);
        assertEquals(FaultOutcome.Outcome.MISSED, lost.outcome(), lost.explanation());
        assertTrue(lost.evidence().get(FaultRecord.BLOCKS_REMOVED) >= 1, "the fault acted: " + lost.evidence());
        assertEquals(0, lost.evidence().get(FaultRecord.BYTES_REREAD), "and nothing read the blocks again: " + lost.evidence());
        assertEquals(Reproducibility.Verdict.BITWISE, r.reproducibility().verdict());
        assertFalse(r.reproducibility().reproducible(), "a missed fault never makes a cell green");
    }

    @Test
    void anOutageOnLocalStateStrikesWhileItLoadsTheStore() {
        // local state reads the store only in round 0: an outage half-way would meet no read and test nothing, so it
        // is aimed at round 0, where the tasks load their shards
        CellResult r = fx.runner.withFaults(List.of(new ColdStoreOutage()), Optional.empty())
                .run(cell("s3", "local", "model-averaging", 2, 3));
        FaultOutcome outage = only(r);
        assertNotEquals(FaultOutcome.Outcome.MISSED, outage.outcome(), outage.explanation());
        assertTrue(outage.evidence().get(FaultRecord.FAILED_TASK_ATTEMPTS) > 0, "the loading tasks met the outage: " + outage.evidence());
        assertTrue(outage.explanation().contains("from the start of round 0"), outage.explanation());
        assertNotNull(outage.recovery());
        assertTrue(outage.recovery().bounded(), "three fault-free runs bound the interval: " + outage.recovery());
    }

    @Test
    void aFaultOnACellWhoseRepeatsDifferIsNotAttributable() {
        CellRunner runner = fx.runner.withFaults(List.of(new LostCachedBlocks()), Optional.empty());
        CellResult r = runner.run(cell("memory", "spark", "async-ps", 2, 2));
        for (int more = 0; r.reproducibility().verdict() == Reproducibility.Verdict.BITWISE && more < 2; more++) {
            r = runner.run(cell("memory", "spark", "async-ps", 2, 4));
        }
        assertEquals(Reproducibility.Verdict.DIVERGENT, r.reproducibility().verdict(), r.reproducibility().explanation());
        FaultOutcome lost = only(r);
        assertEquals(FaultOutcome.Outcome.NOT_ATTRIBUTABLE, lost.outcome(), lost.explanation());
        assertTrue(lost.evidence().get(FaultRecord.BLOCKS_REMOVED) > 0, "the fault did hit: " + lost.evidence());
        assertFalse(r.reproducibility().reproducible());
    }

    @Test
    void anEmulatedCellIsNeverJudgedNorGreen() {
        AcceleratorProfile h100 = AcceleratorProfile.load(Optional.empty()).get("h100");
        CellResult r = fx.runnerWith(new Accelerator.Emulated(h100)).withFaults(FaultKind.all(), Optional.empty())
                .run(cell("memory", "spark", "model-averaging", 2, 2));
        assertTrue(r.ok(), r.error());
        assertEquals(Reproducibility.Verdict.NOT_CHECKED, r.reproducibility().verdict(), r.reproducibility().explanation());
        assertTrue(r.reproducibility().explanation().contains(CellAttribute.EMULATED.key()), r.reproducibility().explanation());
        assertFalse(r.reproducibility().reproducible());
        assertTrue(r.reproducibility().faults().stream().allMatch(FaultOutcome::notApplicable), r.reproducibility().faults().toString());
    }

    /**
     * Local SGD's losses reach the faults' evidence as numbers through the fault hooks. Two epochs, the faults strike
     * at round 1: 600 samples a partition in batches of 32 make 18 steps a round per replica; the wipe takes both
     * replicas' first epoch (nothing synchronised before the end), the failed attempt of partition 0 had run its
     * whole round 1 before it threw.
     */
    @Test
    void localSgdsLossesReachTheFaultsEvidenceAsNumbers() {
        CellResult r = fx.runner.withFaults(List.of(new LocalStateLoss(), new TaskFailure()), Optional.empty())
                .run(cell("memory", "local", "local-sgd-end", 2, 1));
        assertTrue(r.ok(), r.error());
        FaultOutcome loss = r.reproducibility().faults().get(0), failure = r.reproducibility().faults().get(1);
        assertEquals(2 * 18, loss.evidence().get(FaultRecord.STEPS_LOST), loss.evidence() + " " + loss.explanation());
        assertEquals(18, loss.evidence().get(FaultRecord.STEPS_LOST + ".partition.1"), loss.evidence().toString());
        assertEquals(2, loss.evidence().get(FaultRecord.REPLICAS_RESTORED), loss.evidence().toString());
        assertTrue(loss.evidence().get(FaultRecord.RESTORE_BYTES) > 0, loss.evidence().toString());
        assertEquals(FaultOutcome.Outcome.RECOMPUTED_DIFFERENT, loss.outcome(), loss.explanation());
        assertEquals(18, failure.evidence().get(FaultRecord.STEPS_RERUN), failure.evidence() + " " + failure.explanation());
        assertTrue(failure.explanation().contains("18 steps of round 1"), failure.explanation());
        assertEquals(FaultOutcome.Outcome.RECOMPUTED_DIFFERENT, failure.outcome(), failure.explanation());
    }

    @Test
    void inferenceFingerprintsCoverEveryPass() {
        CellSpec one = new CellSpec(new CellKey("infer", "synthetic", "memory", "spark", "embedded", "tensorflow", "cpu"),
                5, 1, 32, 0.05, 2, 1200, 400, 1, 0, 0);
        CellSpec two = new CellSpec(one.key(), 5, 2, 32, 0.05, 2, 1200, 400, 1, 0, 0);
        assertNotEquals(fx.runner.run(one).fingerprint(), fx.runner.run(two).fingerprint(),
                "the second pass is part of the fingerprint, so a fault in it would show");
    }
}
