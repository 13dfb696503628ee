package dev.factortwo.harness.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scale mode: one cell per number of accelerators, each with its own id and as many partitions as accelerators. */
class ScalePlanTest {

    static Suite suite(List<String> strategies, List<String> engines) {
        return new Suite("mine", List.of("train-mlp"), List.of("synthetic"), List.of("memory", "s3"), List.of("spark"),
                strategies, engines, new Suite.Settings(1, 32, 0.05, 1, 2, 4000, 0, 2, 0, 0));
    }

    @Test
    void everyNumberOfAcceleratorsIsACellOfItsOwnWithThatManyWorkers() {
        List<CellSpec> cells = SuitePlan.scaled(SuitePlan.expand(suite(List.of(), List.of("tensorflow")), "emulate:h100"), List.of(1, 2, 4));
        assertEquals(List.of(
                "train-mlp/synthetic/memory/spark/model-averaging/tensorflow/emulate:h100x1",
                "train-mlp/synthetic/memory/spark/model-averaging/tensorflow/emulate:h100x2",
                "train-mlp/synthetic/memory/spark/model-averaging/tensorflow/emulate:h100x4",
                "train-mlp/synthetic/s3/spark/model-averaging/tensorflow/emulate:h100x1",
                "train-mlp/synthetic/s3/spark/model-averaging/tensorflow/emulate:h100x2",
                "train-mlp/synthetic/s3/spark/model-averaging/tensorflow/emulate:h100x4"), cells.stream().map(CellSpec::id).toList());
        assertEquals(List.of(1, 2, 4, 1, 2, 4), cells.stream().map(CellSpec::partitions).toList(), "one partition per accelerator");
        assertEquals(List.of(1, 2, 4, 1, 2, 4), cells.stream().map(c -> c.key().accelerators()).toList());
        assertTrue(cells.stream().allMatch(c -> c.trainSamples() == 4000 && c.repetitions() == 2), "the suite's settings otherwise");
    }

    @Test
    void cellsThatCannotRunOneWorkerPerAcceleratorAreSkippedWithTheReason() {
        List<CellSpec> plain = SuitePlan.expand(suite(List.of("single", "model-averaging", "mllib-lbfgs"), List.of("tensorflow", "mllib")), "emulate:h100");
        List<CellSpec> cells = SuitePlan.scaled(plain, List.of(1, 2));
        assertEquals(List.of("single", "model-averaging", "model-averaging"),
                cells.stream().filter(c -> c.key().tier().equals("memory")).map(c -> c.key().strategy()).toList(),
                "single runs one worker, so only its cell of 1; MLlib's optimizer emulates nothing");
        List<String> skipped = SuitePlan.scaleSkipped(plain, List.of(1, 2));
        assertTrue(skipped.contains("skipped train-mlp/synthetic/memory/spark/single/tensorflow/emulate:h100 at 2 accelerators: "
                + "strategy 'single' runs 1 worker(s) at once, not one per accelerator"), skipped.toString());
        assertTrue(skipped.stream().anyMatch(s -> s.contains("mllib-lbfgs") && s.contains("does not emulate an accelerator")), skipped.toString());
        assertTrue(SuitePlan.scaled(SuitePlan.expand(suite(List.of(), List.of("tensorflow")), "cpu"), List.of(1, 2)).isEmpty(),
                "a real device is never swept");
    }
}
