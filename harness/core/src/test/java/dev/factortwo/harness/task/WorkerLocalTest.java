package dev.factortwo.harness.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.TfModelTest;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.nn.Weights;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Amortised fixed costs of worker-resident state must not change a bit of what is computed. */
class WorkerLocalTest {

    private static final ModelJob JOB = new ModelJob(Architecture.Mlp.standard(), TfModelTest.SHAPE, 10, 0.0517f, 16, 7, 0, 0, 0, 0,
            TfSettings.defaults(), java.util.List.of());

    private static PartitionData data(int n) {
        byte[] labels = new byte[n];
        byte[] images = new byte[n * TfModelTest.SHAPE.pixels()];
        for (int i = 0; i < images.length; i++) images[i] = (byte) (i * 31 + i / 7);
        for (int i = 0; i < n; i++) labels[i] = (byte) (i % 10);
        return new PartitionData(0, n, TfModelTest.SHAPE.pixels(), labels, images);
    }

    @Test
    void decodedOnceGivesTheFloatsDecodedPerBatch() {
        PartitionData bytes = data(40), floats = bytes.decoded();
        BatchDecoder a = new BatchDecoder(bytes, 16), b = new BatchDecoder(floats, 16);
        int[] order = DataOrder.permutation(40, 7, 1, 0);
        for (int from = 0; from + 16 <= 40; from += 16) {
            a.decode(order, from, 16);
            b.decode(order, from, 16);
            assertArrayEquals(a.images, b.images, "floats compared bit for bit");
            assertArrayEquals(a.labels, b.labels);
        }
        a.decodeInOrder(3, 16);
        b.decodeInOrder(3, 16);
        assertArrayEquals(a.images, b.images);
        assertSame(floats, floats.decoded(), "decoded once");
    }

    @Test
    void aReleasedModelIsReusedAndTrainsToTheBitsOfANewOne() {
        String run = "test:" + UUID.randomUUID() + ":";
        PartitionData d = data(64).decoded();
        Weights start = PartitionWork.initialWeights(JOB);
        TfModel first = WorkerLocal.model(run + "a", JOB, start);
        Weights once = PartitionWork.train(JOB, d, start, first, IoCount.NONE, 0).weights();
        int idle = WorkerLocal.idleModels();
        assertEquals(1, WorkerLocal.release(run));
        assertEquals(idle + 1, WorkerLocal.idleModels());

        TfModel again = WorkerLocal.model(run + "b", JOB, start);
        assertSame(first, again, "the graph and session are reused");
        assertEquals(start.fingerprint(), again.weights().fingerprint(), "its weights are the start weights");
        Weights reused = PartitionWork.train(JOB, d, start, again, IoCount.NONE, 0).weights();
        Weights fresh;
        try (TfModel m = PartitionWork.newModel(JOB, start)) {
            fresh = PartitionWork.train(JOB, data(64), start, m, IoCount.NONE, 0).weights();
        }
        assertEquals(fresh.fingerprint(), once.fingerprint());
        assertEquals(fresh.fingerprint(), reused.fingerprint(), "optimizer state reset: a reused model gives a new model's bits");

        assertEquals(1, WorkerLocal.clear(run), "a loss closes the model instead of keeping it");
        assertEquals(idle, WorkerLocal.idleModels());
        TfModel afterLoss = WorkerLocal.model(run + "c", JOB, start);
        assertNotSame(first, afterLoss);
        WorkerLocal.clear(run);
    }

    /**
     * Spark state keeps no model between tasks, but a task borrows a built one of its shape and hands it back: the next
     * task takes that graph, set to its own start weights, and computes the bits a new model would; a task that threw
     * closes the model it borrowed instead of handing it back.
     */
    @Test
    void aBorrowedModelIsHandedBackAndTheNextTaskGetsANewModelsBits() {
        PartitionData d = data(64).decoded();
        Weights start = PartitionWork.initialWeights(JOB);
        Weights fresh;
        try (TfModel m = PartitionWork.newModel(JOB, start)) {
            fresh = PartitionWork.train(JOB, d, start, m, IoCount.NONE, 0).weights();
        }
        TfModel lent = WorkerLocal.borrow(JOB, start);
        int idle = WorkerLocal.idleModels();
        WorkerLocal.giveBack(JOB, lent);
        assertEquals(idle + 1, WorkerLocal.idleModels(), "handed back, kept idle");
        Weights first = PartitionWork.train(JOB, d, start, null, IoCount.NONE, 0).weights();
        Weights second = PartitionWork.train(JOB, d, start, null, IoCount.NONE, 0).weights();
        assertEquals(idle + 1, WorkerLocal.idleModels(), "each task took the idle model and handed it back");
        TfModel again = WorkerLocal.borrow(JOB, start);
        assertSame(lent, again, "the same graph and session, task after task");
        assertEquals(start.fingerprint(), again.weights().fingerprint(), "set to the borrower's start weights");
        assertEquals(fresh.fingerprint(), first.fingerprint(), "a borrowed model gives a new model's bits");
        assertEquals(fresh.fingerprint(), second.fingerprint(), "and again after a task trained it");
        WorkerLocal.giveBack(JOB, again);

        int before = WorkerLocal.idleModels();
        StepRule planted = (model, images, labels, n) -> {
            throw new IllegalStateException("planted in a step");
        };
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> PartitionWork.train(JOB, d, start, null, IoCount.NONE, 0, planted, 1));
        assertEquals(before - 1, WorkerLocal.idleModels(), "the task that threw took an idle model and closed it");
    }
}
