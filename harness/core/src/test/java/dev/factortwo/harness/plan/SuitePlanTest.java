package dev.factortwo.harness.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.factortwo.model.CellSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuitePlanTest {

    static Suite suite(List<String> strategies) {
        return new Suite("quick", List.of("train-mlp", "infer"), List.of("synthetic"), List.of("memory"), List.of("spark", "local"),
                strategies, List.of("tensorflow"), new Suite.Settings(1, 32, 0.05, 1, 2, 0, 0, 1, 0, 0));
    }

    static List<String> ids(List<CellSpec> cells) {
        return cells.stream().map(c -> c.key().workload() + "/" + c.key().state() + "/" + c.key().strategy()).toList();
    }

    @Test
    void trainingStrategiesExpandForTrainingWorkloadsOnlyAndInferenceKeepsItsDefaults() {
        List<CellSpec> cells = SuitePlan.expand(suite(List.of("single", "spark-allreduce", "model-averaging", "async-ps")), "cpu");
        assertEquals(List.of(
                "train-mlp/spark/single", "train-mlp/spark/spark-allreduce", "train-mlp/spark/model-averaging", "train-mlp/spark/async-ps",
                "train-mlp/local/single", "train-mlp/local/spark-allreduce", "train-mlp/local/model-averaging", "train-mlp/local/async-ps",
                "infer/spark/embedded", "infer/local/scheduler"), ids(cells));
    }

    @Test
    void strategiesOfAKindRunOnlyUnderTheirStatesAndNoneMeansDefaults() {
        assertEquals(List.of("train-mlp/spark/model-averaging", "infer/spark/embedded"),
                ids(SuitePlan.expand(suite(List.of("model-averaging", "embedded")), "cpu")).stream()
                        .filter(s -> !s.startsWith("train-mlp/local")).toList());
        assertEquals(List.of("train-mlp/spark/model-averaging", "train-mlp/local/model-averaging", "infer/spark/embedded", "infer/local/scheduler",
                        "train-mlp/local/local-sgd-end", "train-mlp/spark/single"),
                ids(SuitePlan.expand(suite(List.of()), "cpu")),
                "the quick suite's defaults, a configuration that gives recomputability up, and the recomputable baseline");
        assertEquals(List.of("infer/spark/embedded"), ids(SuitePlan.expand(suite(List.of("embedded")), "cpu")).stream()
                .filter(s -> s.startsWith("infer")).toList(), "embedded is spark-only: no local inference cell");
        assertThrows(IllegalArgumentException.class, () -> SuitePlan.expand(suite(List.of("allreduce")), "cpu"));
    }
    @Test
    void localSgdRunsUnderLocalStateOnlyAndAnyPeriodHasItsOwnName() {
        assertEquals(List.of("train-mlp/local/local-sgd", "train-mlp/local/local-sgd-every-16", "train-mlp/local/local-sgd-end",
                        "infer/spark/embedded", "infer/local/scheduler"),
                ids(SuitePlan.expand(suite(List.of("local-sgd", "local-sgd-every-16", "local-sgd-end")), "cpu")));
        assertThrows(IllegalArgumentException.class, () -> SuitePlan.expand(suite(List.of("local-sgd-every-0")), "cpu"));
        assertThrows(IllegalArgumentException.class, () -> SuitePlan.expand(suite(List.of("local-sgd-every-x")), "cpu"));
    }

    @Test
    void otherSuitesGetNoTradeOffCells() {
        Suite named = new Suite("mine", List.of("train-mlp"), List.of("synthetic"), List.of("memory"), List.of("local"),
                List.of(), List.of("tensorflow"), new Suite.Settings(1, 32, 0.05, 1, 2, 0, 0, 1, 0, 0));
        assertEquals(List.of("train-mlp/local/model-averaging"), ids(SuitePlan.expand(named, "cpu")));
    }
}
