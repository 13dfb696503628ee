package dev.factortwo.harness.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfModelTest;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.nn.WeightInit;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.strategy.Hogwild;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Hogwild!'s threads really have their training calls in flight together, by the measure the cell records, and
 * the same measure reads 0 when a planted lock makes them take turns. (That TensorFlow then runs both calls' ops at
 * once is TfConcurrentRunsTest's.)
 */
class HogwildWorkTest {

    static final ModelJob JOB = HogwildWork.forThreads(new ModelJob(Architecture.Mlp.standard(), TfModelTest.SHAPE, 10, 0.05f,
            32, 7, 0, 0, 0, 0, TfSettings.defaults(), java.util.List.of()), Hogwild.THREADS);

    static PartitionData data(int n) {
        byte[] labels = new byte[n];
        byte[] images = new byte[n * TfModelTest.SHAPE.pixels()];
        for (int i = 0; i < images.length; i++) images[i] = (byte) (i * 31 + i / 7);
        for (int i = 0; i < n; i++) labels[i] = (byte) (i % 10);
        return new PartitionData(0, n, TfModelTest.SHAPE.pixels(), labels, images);
    }

    static Weights start() {
        return WeightInit.glorotUniform(JOB.architecture().parameterShapes(JOB.shape(), JOB.classes()), 7);
    }

    @Test
    void hogwildsModelHasAnInterOpPoolOfItsOwnWideEnoughForItsThreads() {
        TfSettings tf = JOB.tf();
        assertTrue(tf.ownInterOpPool(), tf.toString());
        assertTrue(tf.interOpThreads() >= Hogwild.THREADS, tf.toString());
        assertEquals(TfSettings.defaults().intraOpThreads(), tf.intraOpThreads());
    }

    @Test
    void theThreadsTrainingCallsOverlap() {
        TaskOutcome o = HogwildWork.train(JOB, data(1280), start(), null, IoCount.NONE, 0, Hogwild.THREADS);
        StepOverlap overlap = o.overlap();
        System.out.printf("hogwild, 40 steps of 32 on 2 threads: overlap %.1f ms of %.1f ms busy (%.3f)%n",
                overlap.overlapNanos() / 1e6, overlap.busyNanos() / 1e6, overlap.share());
        assertEquals(40, o.steps());
        // 0.73 to 0.95 seen on 2 loaded cores; threads that ran one after the other give 0
        assertTrue(overlap.share() > 0.3, "both threads were inside trainStep at once most of the time: " + overlap);
        assertTrue(overlap.callNanos() > overlap.busyNanos(), "summed over threads, calls took longer than the wall time they covered: " + overlap);
    }

    @Test
    void aPlantedLockThatMakesTheThreadsTakeTurnsReadsAsNoOverlap() {
        TaskOutcome o = HogwildWork.train(JOB, data(1280), start(), null, IoCount.NONE, 0, Hogwild.THREADS, new ReentrantLock());
        assertEquals(40, o.steps());
        assertEquals(0, o.overlap().overlapNanos(), "the measure sees serialised calls: " + o.overlap());
        assertTrue(o.overlap().busyNanos() > 0, o.overlap().toString());
    }

    @Test
    void overlapIsTheTimeTwoThreadsWereInsideACallAtOnce() {
        // thread a: [0,10) [20,30); thread b: [5,25) -> at once in [5,10) and [20,25); busy [0,30)
        StepOverlap o = StepOverlap.of(List.of(List.of(new long[] {0, 10}, new long[] {20, 30}), List.<long[]>of(new long[] {5, 25})));
        assertEquals(new StepOverlap(10, 30, 40), o);
        assertEquals(1 / 3.0, o.share(), 1e-12);
        // intervals that only touch, and one thread's own overlapping intervals (ops of one run), are not overlap
        assertEquals(new StepOverlap(0, 20, 20), StepOverlap.of(List.of(List.<long[]>of(new long[] {0, 10}), List.<long[]>of(new long[] {10, 20}))));
        assertEquals(new StepOverlap(0, 10, 10), StepOverlap.of(List.of(List.of(new long[] {0, 8}, new long[] {2, 10}))));
        assertEquals(0, StepOverlap.of(List.of()).share());
    }
}
