package dev.factortwo.harness.engine;

import dev.factortwo.harness.strategy.RoundStrategy;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.workload.Workload;
import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.nn.WeightInit;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.strategy.Strategies;
import java.util.List;
import java.util.Optional;

/**
 * TensorFlow Java: one {@link TfModel} per partition inside Spark tasks, under either state mode; a
 * {@link RoundStrategy} combines the partitions. A cell's work is {@link TensorFlowCell}; this class also
 * offers the same model for driver-side use and the engine contract.
 *
 * @param settings        session threads (they change the bits of a CNN)
 * @param accuracyTarget  held-out accuracy whose first crossing is reported as {@code timeToAccuracySeconds}
 */
public record TensorFlowEngine(TfSettings settings, double accuracyTarget) implements Engine {

    public static final String NAME = "tensorflow";

    public TensorFlowEngine {
        if (!(accuracyTarget > 0 && accuracyTarget <= 1)) throw new IllegalArgumentException("accuracy target must be in (0, 1], was " + accuracyTarget);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<RoundStrategy> strategies() {
        return Strategies.rounds();
    }

    @Override
    public Optional<String> unsupported(Workload workload, StateMode state) {
        return Optional.empty();
    }

    @Override
    public CellWork open(CellSetup setup) {
        return new TensorFlowCell(setup, settings, accuracyTarget);
    }

    @Override
    public String describe(Architecture a, Architecture.InputShape in, int classes) {
        String body = a instanceof Architecture.Mlp m
                ? in.pixels() + "-" + String.join("-", m.hidden().stream().map(String::valueOf).toList()) + "-" + classes
                + ", ReLU hidden layers"
                : a.name() + " (5x5 same convolutions, ReLU, 2x2 max-pool; dense ReLU)";
        return body + ", softmax cross-entropy; mini-batch " + TfModel.OPTIMIZER + ", Glorot-uniform initial weights (float32)";
    }

    @Override
    public EngineModel build(ModelSpec spec) {
        Weights initial = WeightInit.glorotUniform(spec.architecture().parameterShapes(spec.shape(), spec.classes()), spec.seed());
        return new Model(new TfModel(spec.architecture(), spec.shape(), spec.classes(), spec.learningRate(), initial, settings),
                spec.batchSize(), spec.shape().pixels());
    }

    /** Mini-batch SGD over the samples in the given order: full batches only, or one short batch for tiny inputs. */
    private static final class Model implements EngineModel {
        private final TfModel tf;
        private final int batchSize, pixels;

        Model(TfModel tf, int batchSize, int pixels) {
            this.tf = tf;
            this.batchSize = batchSize;
            this.pixels = pixels;
        }

        @Override
        public void trainEpoch(float[] images, int[] labels, int n) {
            int batch = Math.min(batchSize, Math.max(1, n));
            int steps = n >= batchSize ? n / batchSize : (n > 0 ? 1 : 0);
            for (int s = 0; s < steps; s++) {
                int from = s * batch;
                tf.trainStep(java.util.Arrays.copyOfRange(images, from * pixels, (from + batch) * pixels),
                        java.util.Arrays.copyOfRange(labels, from, from + batch), batch);
            }
        }

        @Override
        public int[] predict(float[] images, int n) {
            int[] out = new int[n];
            int batch = 1000;
            for (int from = 0; from < n; from += batch) {
                int k = Math.min(batch, n - from);
                int[] p = tf.predict(java.util.Arrays.copyOfRange(images, from * pixels, (from + k) * pixels), k).labels();
                System.arraycopy(p, 0, out, from, k);
            }
            return out;
        }

        @Override
        public Weights weights() {
            return tf.weights();
        }

        @Override
        public String fingerprint() {
            return tf.weights().fingerprint();
        }

        @Override
        public void close() {
            tf.close();
        }
    }
}
