package dev.factortwo.harness.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

public class TfModelTest {

    public static final Architecture.InputShape SHAPE = new Architecture.InputShape(28, 28, 1);

    /** Images whose class decides which horizontal band is bright: learnable, deterministic. */
    public static float[] images(int n, int[] labels) {
        float[] x = new float[n * SHAPE.pixels()];
        long s = 42;
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            for (int p = 0; p < SHAPE.pixels(); p++) {
                s = s * 6364136223846793005L + 1442695040888963407L;
                float noise = ((s >>> 40) * 0x1.0p-24f) * 0.3f;
                int row = p / 28;
                x[i * SHAPE.pixels() + p] = (row / 3 == labels[i] ? 0.7f : 0f) + noise;
            }
        }
        return x;
    }

    static Weights train(Architecture arch, int steps, long seed) {
        int n = 64;
        int[] y = new int[n];
        float[] x = images(n, y);
        Weights init = WeightInit.glorotUniform(arch.parameterShapes(SHAPE, 10), seed);
        try (TfModel m = new TfModel(arch, SHAPE, 10, 0.05f, init, TfSettings.defaults())) {
            for (int i = 0; i < steps; i++) m.trainStep(x, y, n);
            return m.weights();
        }
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        for (Architecture arch : List.of(Architecture.Mlp.standard(), Architecture.Cnn.standard())) {
            Weights a = train(arch, 20, 7), b = train(arch, 20, 7);
            assertEquals(a.fingerprint(), b.fingerprint(), arch.name());
            assertEquals(0.0, a.relativeL2(b));
            assertNotEquals(a.fingerprint(), train(arch, 20, 8).fingerprint(), arch.name() + " other seed");
        }
    }

    @Test
    void learnsAndPredictsWithFeatures() {
        int n = 64;
        int[] y = new int[n];
        float[] x = images(n, y);
        Architecture arch = Architecture.Mlp.standard();
        try (TfModel m = new TfModel(arch, SHAPE, 10, 0.02f, WeightInit.glorotUniform(arch.parameterShapes(SHAPE, 10), 1), TfSettings.defaults())) {
            float first = m.trainStep(x, y, n);
            float last = first;
            for (int i = 0; i < 100; i++) last = m.trainStep(x, y, n);
            assertTrue(last < first / 4, "loss fell from " + first + " to " + last);
            TfModel.Prediction p = m.predict(x, n);
            int correct = 0;
            for (int i = 0; i < n; i++) if (p.labels()[i] == y[i]) correct++;
            assertTrue(correct > 60, "correct " + correct);
            assertEquals(n * 128, p.features().length);
        }
    }

    @Test
    void externalGradientsEqualInternalStep() {
        int n = 32;
        int[] y = new int[n];
        float[] x = images(n, y);
        Architecture arch = Architecture.Mlp.standard();
        Weights init = WeightInit.glorotUniform(arch.parameterShapes(SHAPE, 10), 3);
        try (TfModel a = new TfModel(arch, SHAPE, 10, 0.05f, init, TfSettings.defaults());
             TfModel b = new TfModel(arch, SHAPE, 10, 0.05f, init, TfSettings.defaults())) {
            a.trainStep(x, y, n);
            b.applyGradients(b.gradients(x, y, n));
            assertEquals(a.weights().fingerprint(), b.weights().fingerprint());
        }
    }

    /**
     * Hogwild!'s threads share the weights and nothing else: run 1's first step after run 0's starts from zero velocity,
     * as a step right after setting the weights does; on one shared set of accumulators it would carry run 0's velocity.
     */
    @Test
    void concurrentRunsKeepMomentumOfTheirOwn() {
        int n = 32;
        int[] labels = new int[2 * n];
        float[] all = images(2 * n, labels);
        float[] x1 = java.util.Arrays.copyOfRange(all, 0, n * SHAPE.pixels()), x2 = java.util.Arrays.copyOfRange(all, n * SHAPE.pixels(), 2 * n * SHAPE.pixels());
        int[] y1 = java.util.Arrays.copyOfRange(labels, 0, n), y2 = java.util.Arrays.copyOfRange(labels, n, 2 * n);
        Architecture arch = Architecture.Mlp.standard();
        Weights init = WeightInit.glorotUniform(arch.parameterShapes(SHAPE, 10), 5);
        TfSettings two = TfSettings.defaults().forConcurrentRuns(2);
        TfSettings one = new TfSettings(two.intraOpThreads(), two.interOpThreads(), true);
        try (TfModel runs = new TfModel(arch, SHAPE, 10, 0.05f, init, two);
             TfModel reference = new TfModel(arch, SHAPE, 10, 0.05f, init, one)) {
            runs.trainStep(x1, y1, n, 0);
            runs.trainStep(x2, y2, n, 1);
            reference.trainStep(x1, y1, n);
            Weights afterFirst = reference.weights();
            reference.trainStep(x2, y2, n);
            Weights sharedVelocity = reference.weights();
            reference.setWeights(afterFirst); // zero velocity
            reference.trainStep(x2, y2, n);
            assertEquals(reference.weights().fingerprint(), runs.weights().fingerprint(), "run 1 stepped with a velocity of its own");
            assertNotEquals(sharedVelocity.fingerprint(), runs.weights().fingerprint(), "with run 0's velocity the step differs");
            assertThrows(IllegalArgumentException.class, () -> runs.trainStep(x1, y1, n, 2));
            assertThrows(IllegalArgumentException.class, () -> reference.trainStep(x1, y1, n, 1));
        }
    }

    @Test
    void averageIsElementwiseMeanInOrder() {
        Weights a = new Weights(List.of(new float[] {1, 2}, new float[] {3}));
        Weights b = new Weights(List.of(new float[] {3, 4}, new float[] {5}));
        Weights m = Weights.average(List.of(a, b));
        assertEquals(2f, m.tensor(0)[0]);
        assertEquals(3f, m.tensor(0)[1]);
        assertEquals(4f, m.tensor(1)[0]);
    }
}
