package dev.factortwo.harness.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.cell.CellRunner;
import dev.factortwo.harness.engine.Engines;
import dev.factortwo.harness.fault.FaultKind;
import dev.factortwo.harness.fault.FaultRecord;
import dev.factortwo.harness.strategy.Strategies;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import dev.factortwo.harness.tier.Tiers;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.Reproducibility;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A tier and a strategy written for the tests alone ({@link SerializedMemoryTier}, {@link HalfwayAveraging}), each
 * registered by one line under {@code src/test/resources/META-INF/services} and named nowhere in the main code, run as
 * a user would run them: every contract test takes them from the registries ({@code StorageTierContractTest},
 * {@code FaultKindContractTest}, {@code StrategyContractTest}, {@code EngineContractTest}), and here whole cells run on
 * them with every fault, through the one {@code CellRunner}. So adding a tier or a strategy is its class and one
 * registry line. (A task-side fault is shown the same way in {@code StateModeContractTest}.)
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginAxisValuesTest {

    SparkFixture fx;
    CellRunner withEveryFault;

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
        withEveryFault = fx.runner.withFaults(FaultKind.all(), Optional.empty());
    }


    @Test
    void registeredBesideTheBuiltInOnesAndOwnedByTheEngineThatRunsRounds() {
        assertTrue(Tiers.names().contains(SerializedMemoryTier.NAME), Tiers.names().toString());
        assertFalse(Tiers.builtInNames().contains(SerializedMemoryTier.NAME), "the quick suite keeps to the built-in tiers");
        assertEquals(HalfwayAveraging.class, Strategies.byName(HalfwayAveraging.NAME).getClass());
        assertEquals("tensorflow", Engines.ofStrategy(HalfwayAveraging.NAME).name());
    }

    @Test
    void aTierOfOnesOwnGivesTheSameBitsAsMemoryAndItsFaultsHitWithEvidence() {
        for (String state : new String[] {"spark", "local"}) {
            CellResult memory = fx.runner.run(SparkFixture.cell("train-mlp", "memory", state, 2, 2));
            CellResult own = withEveryFault.run(SparkFixture.cell("train-mlp", SerializedMemoryTier.NAME, state, 2, 2));
            assertTrue(own.ok(), state + ": " + own.error());
            assertEquals(SerializedMemoryTier.NAME, own.key().tier());
            assertEquals(Reproducibility.Verdict.BITWISE, own.reproducibility().verdict(), state);
            assertEquals(memory.fingerprint(), own.fingerprint(), state + ": the bits are the data's, not the tier's");
            Map<String, FaultOutcome> f = outcomes(own);
            String lost = state.equals("spark") ? "lost-cached-blocks" : "local-state-loss";
            assertEquals(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, f.get(lost).outcome(), f.get(lost).explanation());
            assertTrue(f.get(lost).extraBytesRead() > 0, state + ": what was lost is read again from the tier: " + f.get(lost));
            if (state.equals("spark")) {
                assertEquals(2, f.get(lost).evidence().get(FaultRecord.BLOCKS_REMOVED), "its serialized blocks: " + f.get(lost).evidence());
            }
            assertEquals(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, f.get("task-failure").outcome(), f.get("task-failure").explanation());
            assertEquals(FaultOutcome.Outcome.NOT_APPLICABLE, f.get("cold-store-outage").outcome(), "no service behind it");
        }
    }

    @Test
    void aStrategyOfOnesOwnRepeatsBitwiseMeetsTheTaskSideFaultAndIsItsOwnAlgorithm() {
        for (String state : new String[] {"spark", "local"}) {
            CellSpec spec = SparkFixture.cell("train-mlp", "memory", state, 2, 2);
            CellSpec halfway = new CellSpec(new CellKey("train-mlp", "synthetic", "memory", state, HalfwayAveraging.NAME, "tensorflow", "cpu"),
                    spec.seed(), spec.epochs(), spec.batchSize(), spec.learningRate(), spec.partitions(), spec.trainSamples(),
                    spec.testSamples(), spec.repetitions(), spec.warmupSteps(), spec.throttlePercent());
            CellResult own = withEveryFault.run(halfway);
            assertTrue(own.ok(), state + ": " + own.error());
            assertEquals(Reproducibility.Verdict.BITWISE, own.reproducibility().verdict(), state);
            Map<String, FaultOutcome> f = outcomes(own);
            FaultOutcome task = f.get("task-failure");
            assertEquals(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, task.outcome(), task.explanation());
            assertTrue(task.evidence().get(FaultRecord.FAILED_TASK_ATTEMPTS) >= 1, "the planted failure struck its task: " + task.evidence());
            assertNotEquals(fx.runner.run(spec).fingerprint(), own.fingerprint(), state + ": not model averaging under another name");
        }
    }

    private static Map<String, FaultOutcome> outcomes(CellResult r) {
        return r.reproducibility().faults().stream().collect(Collectors.toMap(FaultOutcome::fault, Function.identity()));
    }
}
