package dev.factortwo.harness.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.strategy.RoundHook;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import dev.factortwo.harness.tier.Tiers;
import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.FaultOutcome;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Restore as the recovery path, on real Spark ({@code local[2,4]}), TensorFlow and every tier's real client: a
 * {@code local-sgd --checkpoint-every 2} run of 6 rounds whose worker state is wiped before round 3 restores the
 * checkpoint of round 1, runs round 2 again, then round 3, and ends at the fault-free fingerprint; without checkpoints
 * the same loss gives another result.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckpointRecoveryTest {

    SparkFixture fx;

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
    }


    static Stream<String> tiers() {
        return Tiers.names().stream();
    }

    static CellSpec cell(String tier, int checkpointEvery) {
        return new CellSpec(new CellKey("train-mlp", "synthetic", tier, "local", "local-sgd", "tensorflow", "cpu", 0, checkpointEvery),
                5, 6, 32, 0.05, 2, 1200, 400, 1, 0, 0);
    }

    @ParameterizedTest
    @MethodSource("tiers")
    void lostStateIsRestoredFromTheCheckpointAndEndsAtTheFaultFreeFingerprint(String tier) {
        CellResult r = fx.runner.withFaults(List.of(new LocalStateLoss()), Optional.empty()).run(cell(tier, 2));
        assertTrue(r.ok(), r.error());
        assertTrue(r.id().contains("/local-sgd+checkpoint-every-2/"), r.id());
        FaultOutcome loss = r.reproducibility().faults().get(0);
        String why = loss.explanation() + " " + loss.evidence();
        assertEquals(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, loss.outcome(), why);
        assertEquals(r.fingerprint(), loss.fingerprint(), why);
        assertEquals(1, loss.evidence().get(RoundHook.CHECKPOINT_RESTORES), why);
        assertEquals(2, loss.evidence().get(RoundHook.ROUNDS_RESTORED_FROM_CHECKPOINT), why + ": the checkpoint of round 1");
        assertTrue(loss.evidence().get(RoundHook.CHECKPOINT_BYTES_READ) > 0, why);
        // round 3's discarded attempt and round 2 run again, both replicas: 4 replica-rounds of equal steps
        long recomputed = loss.evidence().get(RoundHook.STEPS_RECOMPUTED);
        assertTrue(recomputed > 0 && recomputed % 4 == 0, why);
        assertEquals(2, loss.evidence().get(RoundHook.REPLICAS_RESTORED), why);
        assertTrue(loss.explanation().contains("restored the checkpoint of round 1"), why);
        // the figures: checkpoints after rounds 1 and 3 (round 5 is the last), read back once after the run
        assertEquals("2", r.attributes().get("checkpointsWritten"), r.attributes().toString());
        assertTrue(CellAttribute.CHECKPOINT_BYTES_WRITTEN.numbers(r).orElseThrow()[0] > 0, r.attributes().toString());
        double[] share = CellAttribute.CHECKPOINT_SHARE.numbers(r).orElseThrow();
        assertTrue(share[0] > 0 && share[0] < 1, r.attributes().toString());
        assertTrue(CellAttribute.CHECKPOINT_BYTES_READ.numbers(r).orElseThrow()[0] > 0, r.attributes().toString());
        assertTrue(r.attributes().get("checkpoints").contains(tier + " tier"), r.attributes().get("checkpoints"));
    }

    @Test
    void aRetriedTaskThatAdvancedItsReplicaTwiceIsRestoredToo() {
        CellResult r = fx.runner.withFaults(List.of(new TaskFailure()), Optional.empty()).run(cell("memory", 2));
        assertTrue(r.ok(), r.error());
        FaultOutcome failure = r.reproducibility().faults().get(0);
        String why = failure.explanation() + " " + failure.evidence();
        assertTrue(failure.evidence().get(RoundHook.STEPS_RERUN) > 0, why);
        assertEquals(1, failure.evidence().get(RoundHook.CHECKPOINT_RESTORES), why);
        assertEquals(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, failure.outcome(), why);
    }

    @Test
    void withoutCheckpointsTheSameLossGivesAnotherResult() {
        CellResult r = fx.runner.withFaults(List.of(new LocalStateLoss()), Optional.empty()).run(cell("memory", 0));
        assertTrue(r.ok(), r.error());
        FaultOutcome loss = r.reproducibility().faults().get(0);
        assertEquals(FaultOutcome.Outcome.RECOMPUTED_DIFFERENT, loss.outcome(), loss.explanation());
        assertEquals(0, loss.evidence().getOrDefault(RoundHook.CHECKPOINT_RESTORES, 0L), loss.evidence().toString());
    }

    @Test
    void aStrategyWithNothingToCheckpointSaysSo() {
        CellSpec averaging = new CellSpec(new CellKey("train-mlp", "synthetic", "memory", "local", "model-averaging", "tensorflow", "cpu", 0, 2),
                5, 2, 32, 0.05, 2, 1200, 400, 1, 0, 0);
        CellResult r = fx.runner.run(averaging);
        assertTrue(r.ok(), r.error());
        assertTrue(r.attributes().get("checkpoints").startsWith("--checkpoint-every 2: not applicable: model-averaging"), r.attributes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("not applicable")), r.notes().toString());
    }
}
