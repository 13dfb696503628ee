package dev.factortwo.harness.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.engine.Engines;
import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.state.StateMode;
import java.util.HashSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every registered workload keeps. */
class WorkloadContractTest {

    static Stream<Workload> workloads() {
        return Workloads.all().stream();
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void isFoundByItsNameAndBuildsOnTheStandardShape(Workload w) {
        assertEquals(w, Workloads.byName(w.name()));
        var shapes = w.architecture().parameterShapes(new Architecture.InputShape(28, 28, 1), 10);
        assertFalse(shapes.isEmpty(), w.name() + " has parameters");
        for (long[] s : shapes) for (long d : s) assertTrue(d > 0, w.name() + ": every dimension positive");
    }

    @ParameterizedTest
    @MethodSource("workloads")
    void someEngineRunsItUnderEveryStateWithAStrategyOfItsKind(Workload w) {
        for (StateMode state : StateMode.all()) {
            var runnable = Engines.all().stream().filter(e -> e.unsupported(w, state).isEmpty()).toList();
            assertFalse(runnable.isEmpty(), w.name() + " runs on no engine under " + state.name());
            runnable.forEach(e -> assertEquals(w.training(), e.defaultStrategy(w, state).training(), e.name() + " " + w.name()));
        }
    }

    @Test
    void namesAreUniqueAndUnknownOnesAreRefusedByName() {
        assertTrue(Workloads.names().stream().allMatch(new HashSet<>()::add));
        var e = assertThrows(IllegalArgumentException.class, () -> Workloads.byName("train-gpt"));
        assertTrue(e.getMessage().contains("train-gpt") && e.getMessage().contains("train-mlp"), e.getMessage());
    }
}
