package dev.factortwo.harness.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.task.StepOverlap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Whether TensorFlow executes two threads' training steps on one model at once, seen from TensorFlow's own
 * trace of when each op ran: with an inter-op pool of its own of 2 threads (Hogwild!'s settings) ops of both steps
 * run at the same moments; with a pool of 1 thread they never do, although both Java calls are in flight
 * together (which is all the cell's Java-side measure can see).
 */
class TfConcurrentRunsTest {

    /** TensorFlow's op times of {@code steps} traced steps on each of 2 threads sharing one model. */
    static StepOverlap opOverlap(TfSettings settings, int steps) throws Exception {
        Architecture arch = Architecture.Mlp.standard();
        int n = 64;
        int[] y = new int[n];
        float[] x = TfModelTest.images(n, y);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TfModel m = new TfModel(arch, TfModelTest.SHAPE, 10, 0.01f, WeightInit.glorotUniform(arch.parameterShapes(TfModelTest.SHAPE, 10), 3), settings)) {
            m.trainStep(x, y, n);
            List<Future<List<long[]>>> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                threads.add(pool.submit(() -> {
                    List<long[]> ops = new ArrayList<>();
                    for (int s = 0; s < steps; s++) ops.addAll(m.trainStepOpTimes(x, y, n));
                    return ops;
                }));
            }
            List<List<long[]>> all = new ArrayList<>();
            for (Future<List<long[]>> f : threads) all.add(f.get());
            assertTrue(all.get(0).size() >= steps * 10, "the trace names the step's ops: " + all.get(0).size());
            return StepOverlap.of(all);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withAPoolOfItsOwnOfTwoThreadsTensorFlowRunsBothStepsOpsAtOnce() throws Exception {
        StepOverlap own = opOverlap(TfSettings.defaults().forConcurrentRuns(2), 20);
        System.out.printf("ops of 2 threads' steps, own pool of 2: %.1f ms at once of %.1f ms (%.3f)%n",
                own.overlapNanos() / 1e3, own.busyNanos() / 1e3, own.share());
        // 0.40 to 0.42 seen on 2 loaded cores
        assertTrue(own.share() > 0.05, "ops of both steps ran at the same moments: " + own);
    }

    @Test
    void withOneInterOpThreadTheirOpsNeverRunAtOnce() throws Exception {
        StepOverlap one = opOverlap(new TfSettings(TfSettings.defaults().intraOpThreads(), 1, true), 20);
        assertEquals(0, one.overlapNanos(), "one inter-op thread runs one op at a time, whichever step it belongs to: " + one);
        assertTrue(one.busyNanos() > 0, one.toString());
    }
}
