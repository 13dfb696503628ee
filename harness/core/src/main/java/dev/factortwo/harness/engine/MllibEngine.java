package dev.factortwo.harness.engine;

import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.strategy.MllibFit;
import dev.factortwo.harness.strategy.Strategies;
import dev.factortwo.harness.workload.Workload;
import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.Weights;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark MLlib's {@code MultilayerPerceptronClassifier}: deep learning native to Spark. Spark owns the data
 * (a DataFrame of {@code (label, features)}), the model state and the communication (each optimizer iteration
 * is a Spark job whose gradients are tree-aggregated on the driver), so its cells run under {@code spark}
 * state only.
 *
 * <p>The closest model MLlib allows to an {@link Architecture.Mlp}: the same layer widths, but sigmoid hidden
 * layers (MLlib has no ReLU) and a softmax output with cross-entropy loss, double precision, MLlib's own
 * seeded initial weights, and MLlib's optimizers ({@link MllibSettings}). No convolutions.
 *
 * <p>Weights are MLlib's one vector: per layer the {@code out x in} matrix column-major (the same element
 * order as TensorFlow's row-major {@code [in, out]} kernel), then the bias. The fingerprint is
 * {@link Weights#fingerprint()}'s encoding (tensor index, length, values little-endian) with each value's
 * full 64-bit IEEE-754 pattern.
 *
 * @param settings  the optimizer settings of every fit
 */
public record MllibEngine(MllibSettings settings) implements Engine {

    public static final String NAME = "mllib";

    /** The DataFrame MLlib trains on: {@code label} (double) and {@code features} (a dense vector in [0, 1]). */
    public static final StructType SCHEMA = new StructType(new StructField[] {
            new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
            new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())});

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<MllibFit> strategies() {
        return Strategies.mllib();
    }

    @Override
    public Optional<String> unsupportedState(StateMode state) {
        return state.workerLocal()
                ? Optional.of("MLlib keeps no worker-local state (Spark owns its data, model and communication): it runs under spark state only, not " + state.name())
                : Optional.empty();
    }

    @Override
    public Optional<String> unsupported(Workload workload, StateMode state) {
        if (!(workload.architecture() instanceof Architecture.Mlp)) {
            return Optional.of("MLlib's MultilayerPerceptronClassifier has fully connected layers only: no convolutions for " + workload.architecture().name());
        }
        return unsupportedState(state);
    }

    /** This engine with the solver a training strategy names (inference keeps the configured one). */
    public MllibEngine forStrategy(MllibFit fit) {
        return fit.training() ? new MllibEngine(settings.withSolver(fit.solver())) : this;
    }

    @Override
    public CellWork open(CellSetup setup) {
        MllibFit fit = (MllibFit) setup.strategy();
        return new MllibCell(setup, forStrategy(fit));
    }

    @Override
    public String describe(Architecture a, Architecture.InputShape in, int classes) {
        return String.join("-", java.util.Arrays.stream(layers(a, in, classes)).mapToObj(String::valueOf).toList())
                + ", sigmoid hidden layers, softmax cross-entropy; MLlib " + settings.solver() + " (maxIter " + settings.maxIter()
                + ", blockSize " + settings.blockSize() + ", tol " + settings.tol() + "), MLlib's seeded initial weights (float64)";
    }

    /** MLlib's layer widths: input pixels, the hidden widths, classes. */
    public static int[] layers(Architecture a, Architecture.InputShape in, int classes) {
        if (!(a instanceof Architecture.Mlp mlp)) {
            throw new IllegalArgumentException("MLlib's MultilayerPerceptronClassifier cannot build " + a.name() + ": fully connected layers only");
        }
        int[] l = new int[mlp.hidden().size() + 2];
        l[0] = in.pixels();
        for (int i = 0; i < mlp.hidden().size(); i++) l[i + 1] = mlp.hidden().get(i);
        l[l.length - 1] = classes;
        return l;
    }

    /** The estimator for {@code spec} with these settings. */
    public MultilayerPerceptronClassifier classifier(ModelSpec spec) {
        return new MultilayerPerceptronClassifier()
                .setLayers(layers(spec.architecture(), spec.shape(), spec.classes()))
                .setSolver(settings.solver()).setMaxIter(settings.maxIter()).setBlockSize(settings.blockSize())
                .setTol(settings.tol()).setStepSize(settings.stepSize()).setSeed(spec.seed());
    }

    /** One training row: the label and the pixels scaled exactly as TensorFlow's batches are ({@code b / 255f}), widened. */
    public static Row row(int label, byte[] images, int offset, int pixels) {
        double[] f = new double[pixels];
        for (int k = 0; k < pixels; k++) f[k] = (images[offset + k] & 0xFF) * (1f / 255f);
        return RowFactory.create((double) label, Vectors.dense(f));
    }

    /** The tensors of MLlib's weight vector, per layer: kernel ({@code in x out} values), then bias. */
    public static List<double[]> tensors(Vector weights, int[] layers) {
        double[] w = weights.toArray();
        List<double[]> out = new ArrayList<>();
        int at = 0;
        for (int i = 0; i + 1 < layers.length; i++) {
            int kernel = layers[i] * layers[i + 1];
            out.add(java.util.Arrays.copyOfRange(w, at, at + kernel));
            at += kernel;
            out.add(java.util.Arrays.copyOfRange(w, at, at + layers[i + 1]));
            at += layers[i + 1];
        }
        if (at != w.length) throw new IllegalArgumentException("MLlib weights: " + w.length + " values, layers " + java.util.Arrays.toString(layers) + " need " + at);
        return out;
    }

    /** {@code sha256:HEX} over the exact double weights, per tensor: index, length, 64-bit values little-endian. */
    public static String fingerprint(Vector weights, int[] layers) {
        MessageDigest md = dev.factortwo.datasets.Sha256.newDigest();
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        List<double[]> tensors = tensors(weights, layers);
        for (int i = 0; i < tensors.size(); i++) {
            double[] t = tensors.get(i);
            header.clear();
            header.putInt(i).putInt(t.length);
            md.update(header.array());
            ByteBuffer buf = ByteBuffer.allocate(t.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            buf.asDoubleBuffer().put(t);
            md.update(buf.array());
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    /** The weights rounded to floats, per tensor (for relative L2 comparisons only). */
    public static Weights rounded(Vector weights, int[] layers) {
        List<float[]> out = new ArrayList<>();
        for (double[] t : tensors(weights, layers)) {
            float[] f = new float[t.length];
            for (int i = 0; i < t.length; i++) f[i] = (float) t[i];
            out.add(f);
        }
        return new Weights(out);
    }

    /**
     * A model trained on driver-held samples through a local DataFrame. Needs an active Spark session.
     *
     * @throws IllegalStateException when no Spark session is active
     */
    @Override
    public EngineModel build(ModelSpec spec) {
        layers(spec.architecture(), spec.shape(), spec.classes());
        SparkSession spark = SparkSession.getActiveSession().getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> {
            throw new IllegalStateException("the mllib engine needs an active Spark session: start one before building a model");
        }));
        return new Model(spark, this, spec);
    }

    /**
     * Each {@link #trainEpoch} is one fit of {@code maxIter} iterations, continuing from the previous fit's
     * weights. MLlib makes its seeded initial weights inside a fit: weights and predictions need one epoch first.
     */
    private static final class Model implements EngineModel {
        private final SparkSession spark;
        private final MllibEngine engine;
        private final ModelSpec spec;
        private final int[] layers;
        private MultilayerPerceptronClassificationModel model;

        Model(SparkSession spark, MllibEngine engine, ModelSpec spec) {
            this.spark = spark;
            this.engine = engine;
            this.spec = spec;
            this.layers = layers(spec.architecture(), spec.shape(), spec.classes());
        }

        private Dataset<Row> frame(float[] images, int[] labels, int n) {
            int pixels = spec.shape().pixels();
            List<Row> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                double[] f = new double[pixels];
                for (int k = 0; k < pixels; k++) f[k] = images[i * pixels + k];
                rows.add(RowFactory.create((double) labels[i], Vectors.dense(f)));
            }
            return spark.createDataFrame(rows, SCHEMA);
        }

        @Override
        public void trainEpoch(float[] images, int[] labels, int n) {
            MultilayerPerceptronClassifier c = engine.classifier(spec);
            if (model != null) c.setInitialWeights(model.weights());
            model = c.fit(frame(images, labels, n));
        }

        private MultilayerPerceptronClassificationModel model() {
            if (model == null) {
                throw new IllegalStateException("MLlib builds its initial weights inside a fit: train an epoch before asking for weights or predictions");
            }
            return model;
        }

        @Override
        public int[] predict(float[] images, int n) {
            MultilayerPerceptronClassificationModel m = model();
            int pixels = spec.shape().pixels();
            int[] out = new int[n];
            double[] f = new double[pixels];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < pixels; k++) f[k] = images[i * pixels + k];
                out[i] = (int) m.predict(Vectors.dense(f));
            }
            return out;
        }

        @Override
        public Weights weights() {
            return rounded(model().weights(), layers);
        }

        @Override
        public String fingerprint() {
            return MllibEngine.fingerprint(model().weights(), layers);
        }

        @Override
        public void close() {
            model = null;
        }
    }
}
