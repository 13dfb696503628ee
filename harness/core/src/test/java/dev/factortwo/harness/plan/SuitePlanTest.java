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
        List<CellSpec> cells = SuitePlan.expand(suite(List.of("single", "sync-allreduce", "model-averaging", "async-ps")), "cpu");
        assertEquals(List.of(
                "train-mlp/spark/single", "train-mlp/spark/sync-allreduce", "train-mlp/spark/model-averaging", "train-mlp/spark/async-ps",
                "train-mlp/local/single", "train-mlp/local/sync-allreduce", "train-mlp/local/model-averaging", "train-mlp/local/async-ps",
                "infer/spark/embedded", "infer/local/scheduler"), ids(cells));
    }

    @Test
    void strategiesOfAKindRunOnlyUnderTheirStatesAndNoneMeansDefaults() {
        assertEquals(List.of("train-mlp/spark/model-averaging", "infer/spark/embedded"),
                ids(SuitePlan.expand(suite(List.of("model-averaging", "embedded")), "cpu")).stream()
                        .filter(s -> !s.startsWith("train-mlp/local")).toList());
        assertEquals(List.of("train-mlp/spark/model-averaging", "train-mlp/local/model-averaging", "infer/spark/embedded", "infer/local/scheduler"),
                ids(SuitePlan.expand(suite(List.of()), "cpu")));
        assertEquals(List.of("infer/spark/embedded"), ids(SuitePlan.expand(suite(List.of("embedded")), "cpu")).stream()
                .filter(s -> s.startsWith("infer")).toList(), "embedded is spark-only: no local inference cell");
        assertThrows(IllegalArgumentException.class, () -> SuitePlan.expand(suite(List.of("allreduce")), "cpu"));
    }
}
