package dev.factortwo.harness.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.tier.Tiers;
import dev.factortwo.model.CellKey;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every fault kind keeps, over every tier and state of the default setup (embedded services,
 * Spark {@code local[2,4]}, no standalone cluster): where it applies follows from the axes' own properties,
 * and where it does not it says why. Whether each fault hits is the business of the end-to-end tests.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultKindContractTest {

    SparkFixture fx;

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
    }


    Stream<FaultKind> faults() {
        return FaultKind.all().stream();
    }

    List<FaultTarget> targets() {
        List<FaultTarget> out = new ArrayList<>();
        for (String t : Tiers.names()) {
            StorageTier tier = fx.tiers.tier(t);
            for (StateMode s : StateMode.all()) {
                for (String workload : List.of("train-mlp", "infer")) {
                    CellKey key = new CellKey(workload, "synthetic", t, s.name(), workload.equals("infer") ? "scheduler" : "model-averaging",
                            "tensorflow", "cpu");
                    out.add(new FaultTarget(key, tier, s, SparkSessions.context(fx.session), Optional.empty()));
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("faults")
    void appliesWhereItsAxesSayAndSaysWhyWhereNot(FaultKind f) {
        assertEquals(f.getClass(), FaultKind.byName(f.name()).getClass());
        for (FaultTarget t : targets()) {
            Optional<String> na = f.notApplicable(t);
            na.ifPresent(why -> assertTrue(why.length() > 20, f.name() + ": a reason in words, not " + why));
            String where = f.name() + " on " + t.tier().name() + "/" + t.state().name();
            if (f instanceof LostCachedBlocks) {
                assertEquals(!t.state().workerLocal() && t.tier().sparkCaches(), na.isEmpty(), where);
            } else if (f instanceof LocalStateLoss) {
                // inference keeps no model state, and on local-disk local state keeps no data copy: nothing to lose
                assertEquals(t.state().workerLocal() && (t.tier().workerLocalCopy() || t.key().workload().startsWith("train-")),
                        na.isEmpty(), where + " for " + t.key().workload());
            } else if (f instanceof ColdStoreOutage) {
                assertEquals(t.tier().remoteStore() && t.tier().supportsOutage(), na.isEmpty(), where);
            } else if (f instanceof ExecutorKill) {
                assertTrue(na.isPresent(), where + ": no standalone cluster, no executor JVM to kill");
            } else if (f instanceof TaskFailure) {
                assertEquals(t.sc().master().contains(","), na.isEmpty(), where + " under " + t.sc().master());
            } else {
                throw new AssertionError("a new fault kind needs its rule here: " + f.name());
            }
            if (na.isEmpty()) assertNotNull(f.hook(t, 1, new FaultRecord()), where);
        }
    }

    @ParameterizedTest
    @MethodSource("faults")
    void evidenceOfNothingIsMissedWithItsReason(FaultKind f) {
        var missed = f.missed(new FaultRecord());
        assertTrue(missed.isPresent() && missed.get().length() > 20, f.name() + ": an empty record is no hit: " + missed);
    }

    @Test
    void everyFaultAppliesSomewhereOrNeedsACluster() {
        for (FaultKind f : FaultKind.all()) {
            boolean somewhere = targets().stream().anyMatch(t -> f.notApplicable(t).isEmpty());
            assertTrue(somewhere || f instanceof ExecutorKill, f.name() + " applies to no cell of the default setup");
        }
    }

    @Test
    void namesAreUniqueAndUnknownOnesAreRefusedByName() {
        assertTrue(FaultKind.names().stream().allMatch(new HashSet<>()::add));
        var e = assertThrows(IllegalArgumentException.class, () -> FaultKind.byName("meteor"));
        assertTrue(e.getMessage().contains("meteor") && e.getMessage().contains("task-failure"), e.getMessage());
    }
}
