package dev.factortwo.harness.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * One model in a TensorFlow graph and session: SGD training steps, gradients for external aggregation,
 * prediction with penultimate-layer features, and weight export/import in the fixed tensor order.
 *
 * <p>The optimizer is SGD with momentum {@link #MOMENTUM}; the momentum accumulators are reset to zero whenever
 * weights are set ({@link #setWeights}), so that a round that starts from given weights starts from the same
 * optimizer state in every state mode. A model that several runs step at once ({@link TfSettings#concurrentRuns},
 * Hogwild!) keeps one set of accumulators per run and shares only the weights, as PyTorch's Hogwild example keeps
 * an optimizer per process: with one shared set, a run that updates the accumulators between another run's two
 * statements ({@code accum = momentum * accum + grad; var -= lr * accum}) makes that run apply its partner's
 * accumulated velocity too, and the velocity goes in twice.
 *
 * <p>Every variable update depends on all gradients (control dependencies on their identities): without
 * this barrier the updates race with gradient ops still reading the variables and two runs with one seed
 * differ (../shared/STACK.md). Not thread-safe: one model per thread, except that different runs of a model built for
 * concurrent runs may call {@link #trainStep(float[], int[], int, int)} at once.
 */
public final class TfModel implements AutoCloseable {

    /** Momentum of the SGD optimizer. */
    public static final float MOMENTUM = 0.9f;

    /** The optimizer in words, for results. */
    public static final String OPTIMIZER = "SGD with momentum 0.9 (accumulators reset whenever weights are set)";

    /** Training steps run by every model of this JVM, for tests that count steps apart from what strategies report. */
    private static final java.util.concurrent.atomic.LongAdder STEPS = new java.util.concurrent.atomic.LongAdder();

    private final Architecture arch;
    private final Architecture.InputShape in;
    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> x;
    private final Placeholder<TInt32> y;
    private final List<Variable<TFloat32>> vars = new ArrayList<>();
    private final List<Placeholder<TFloat32>> assignInputs = new ArrayList<>();
    private final List<Op> assigns = new ArrayList<>();
    private final List<Op> resets = new ArrayList<>();
    /** Momentum accumulators per concurrent run, each in the variables' order. */
    private final List<List<Variable<TFloat32>>> accumulators = new ArrayList<>();
    private final List<Operand<TFloat32>> gradients = new ArrayList<>();
    private final List<Placeholder<TFloat32>> gradientInputs = new ArrayList<>();
    /** The updates of a training step, per concurrent run. */
    private final List<List<Op>> trainUpdates = new ArrayList<>();
    private final List<Op> externalUpdates = new ArrayList<>();
    private final Operand<TFloat32> loss;
    private final Operand<TInt64> predicted;
    private final Operand<TFloat32> features;

    public TfModel(Architecture arch, Architecture.InputShape in, int classes, float learningRate,
                   Weights initial, TfSettings settings) {
        if (settings.auto()) throw new IllegalArgumentException("TensorFlow settings " + settings + " must be resolved per cell (TfSettings.forTasks)");
        this.arch = arch;
        this.in = in;
        this.graph = new Graph();
        Ops tf = Ops.create(graph);
        x = tf.placeholder(TFloat32.class);
        y = tf.placeholder(TInt32.class);
        for (int run = 0; run < settings.concurrentRuns(); run++) accumulators.add(new ArrayList<>());
        for (long[] shape : arch.parameterShapes(in, classes)) {
            Variable<TFloat32> v = tf.variable(Shape.of(shape), TFloat32.class);
            Placeholder<TFloat32> p = tf.placeholder(TFloat32.class);
            vars.add(v);
            assignInputs.add(p);
            assigns.add(tf.assign(v, p));
            for (List<Variable<TFloat32>> run : accumulators) {
                Variable<TFloat32> acc = tf.variable(Shape.of(shape), TFloat32.class);
                run.add(acc);
                resets.add(tf.assign(acc, tf.zeros(tf.constant(shape), TFloat32.class)));
            }
        }
        Operand<TFloat32>[] outs = forward(tf);
        Operand<TFloat32> logits = outs[0];
        features = outs[1];
        // the dense op: TensorFlow's C API has no gradient for the sparse one
        Operand<TFloat32> oneHot = tf.oneHot(y, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), tf.constant(0));
        predicted = tf.math.argMax(logits, tf.constant(1));
        List<Op> barrier = new ArrayList<>();
        for (Operand<?> g : tf.gradients(loss, vars)) {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> gf = (Operand<TFloat32>) g;
            gradients.add(gf);
            barrier.add(tf.identity(gf));
        }
        Ops afterGradients = tf.withControlDependencies(barrier);
        Operand<TFloat32> lr = tf.constant(learningRate);
        Operand<TFloat32> momentum = tf.constant(MOMENTUM);
        for (List<Variable<TFloat32>> run : accumulators) {
            List<Op> updates = new ArrayList<>();
            for (int i = 0; i < vars.size(); i++) {
                updates.add(afterGradients.train.applyMomentum(vars.get(i), run.get(i), lr, gradients.get(i), momentum));
            }
            trainUpdates.add(updates);
        }
        for (int i = 0; i < vars.size(); i++) {
            Placeholder<TFloat32> gi = tf.placeholder(TFloat32.class);
            gradientInputs.add(gi);
            externalUpdates.add(tf.train.applyMomentum(vars.get(i), accumulators.get(0).get(i), lr, gi, momentum));
        }
        ConfigProto config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(settings.intraOpThreads())
                .setInterOpParallelismThreads(settings.interOpThreads())
                .setUsePerSessionThreads(settings.ownInterOpPool())
                .build();
        session = new Session(graph, config);
        setWeights(initial);
    }

    @SuppressWarnings("unchecked")
    private Operand<TFloat32>[] forward(Ops tf) {
        int p = 0;
        Operand<TFloat32> h;
        if (arch instanceof Architecture.Mlp mlp) {
            h = tf.reshape(x, tf.constant(new int[] {-1, in.pixels()}));
            for (int i = 0; i < mlp.hidden().size(); i++) {
                h = tf.nn.relu(tf.math.add(tf.linalg.matMul(h, vars.get(p++)), vars.get(p++)));
            }
        } else {
            Architecture.Cnn cnn = (Architecture.Cnn) arch;
            h = tf.reshape(x, tf.constant(new int[] {-1, in.height(), in.width(), in.channels()}));
            for (int i = 0; i < 2; i++) {
                h = tf.nn.conv2d(h, vars.get(p++), List.of(1L, 1L, 1L, 1L), "SAME");
                h = tf.nn.relu(tf.nn.biasAdd(h, vars.get(p++)));
                h = tf.nn.maxPool(h, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "SAME");
            }
            long pooled = arch.parameterShapes(in, 1).get(4)[0];
            h = tf.reshape(h, tf.constant(new int[] {-1, (int) pooled}));
            h = tf.nn.relu(tf.math.add(tf.linalg.matMul(h, vars.get(p++)), vars.get(p++)));
        }
        Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(h, vars.get(p++)), vars.get(p));
        return new Operand[] {logits, h};
    }

    public Architecture architecture() {
        return arch;
    }

    /**
     * Training steps every model in this JVM has run so far: calls of {@link #trainStep}, {@link #trainStepOpTimes} and
     * {@link #gradients} (every strategy's step computes gradients once, by one or the other), warm-up steps and failed
     * tasks' steps included. An independent count of the work done, for tests that check which steps run inside a timed
     * region and what a fault made run again; it sees the tasks of a {@code local[N]} master only. Thread-safe.
     */
    public static long stepsRun() {
        return STEPS.sum();
    }

    /** One SGD step on {@code n} samples ({@code images}: n x pixels floats in [0,1]); returns the loss. */
    public float trainStep(float[] images, int[] labels, int n) {
        return trainStep(images, labels, n, 0);
    }

    /**
     * One SGD step of concurrent run {@code run} (0 to {@link TfSettings#concurrentRuns} - 1), with that run's momentum
     * accumulators: runs that step at once share the weights and nothing else. Thread-safe across different runs.
     */
    public float trainStep(float[] images, int[] labels, int n, int run) {
        if (run < 0 || run >= trainUpdates.size()) {
            throw new IllegalArgumentException("run " + run + " of a model built for " + trainUpdates.size() + " concurrent runs");
        }
        STEPS.increment();
        try (TFloat32 xt = images(images, n); TInt32 yt = labels(labels, n)) {
            Session.Runner r = session.runner().feed(x, xt).feed(y, yt).fetch(loss);
            for (Op u : trainUpdates.get(run)) r.addTarget(u);
            try (Result res = r.run()) {
                return ((TFloat32) res.get(0)).getFloat();
            }
        }
    }

    /**
     * One SGD step, as {@link #trainStep}, traced by TensorFlow: when each op of the step ran, as {@code [start, end]}
     * microseconds of the wall clock (comparable across steps and threads). Tracing slows the step; for tests.
     */
    public List<long[]> trainStepOpTimes(float[] images, int[] labels, int n) {
        STEPS.increment();
        try (TFloat32 xt = images(images, n); TInt32 yt = labels(labels, n)) {
            Session.Runner r = session.runner().feed(x, xt).feed(y, yt).fetch(loss)
                    .setOptions(RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.SOFTWARE_TRACE).build());
            for (Op u : trainUpdates.get(0)) r.addTarget(u);
            try (Result res = r.runAndFetchMetadata()) {
                List<long[]> ops = new ArrayList<>();
                RunMetadata meta = res.getMetadata().orElseThrow(() -> new IllegalStateException("TensorFlow returned no run metadata"));
                for (DeviceStepStats d : meta.getStepStats().getDevStatsList()) {
                    for (NodeExecStats op : d.getNodeStatsList()) {
                        ops.add(new long[] {op.getAllStartMicros(), op.getAllStartMicros() + op.getAllEndRelMicros()});
                    }
                }
                return ops;
            }
        }
    }

    /** Gradients of the mean loss over {@code n} samples, without updating the weights. */
    public Weights gradients(float[] images, int[] labels, int n) {
        STEPS.increment();
        try (TFloat32 xt = images(images, n); TInt32 yt = labels(labels, n)) {
            Session.Runner r = session.runner().feed(x, xt).feed(y, yt);
            for (Operand<TFloat32> g : gradients) r.fetch(g);
            try (Result res = r.run()) {
                return toWeights(res);
            }
        }
    }

    /** Applies externally combined gradients with this model's learning rate. */
    public void applyGradients(Weights g) {
        List<TFloat32> feeds = tensors(g);
        try {
            Session.Runner r = session.runner();
            for (int i = 0; i < feeds.size(); i++) r.feed(gradientInputs.get(i), feeds.get(i));
            for (Op u : externalUpdates) r.addTarget(u);
            r.run().close();
        } finally {
            feeds.forEach(TType::close);
        }
    }

    public Weights weights() {
        Session.Runner r = session.runner();
        for (Variable<TFloat32> v : vars) r.fetch(v);
        try (Result res = r.run()) {
            return toWeights(res);
        }
    }

    public void setWeights(Weights w) {
        if (w.size() != vars.size()) throw new IllegalArgumentException("expected " + vars.size() + " tensors, got " + w.size());
        List<TFloat32> feeds = tensors(w);
        try {
            Session.Runner r = session.runner();
            for (int i = 0; i < feeds.size(); i++) r.feed(assignInputs.get(i), feeds.get(i));
            for (Op a : assigns) r.addTarget(a);
            for (Op z : resets) r.addTarget(z);
            r.run().close();
        } finally {
            feeds.forEach(TType::close);
        }
    }

    /** Predicted labels and penultimate-layer features ({@code n x featureWidth}) for {@code n} samples. */
    public Prediction predict(float[] images, int n) {
        try (TFloat32 xt = images(images, n);
             Result res = session.runner().feed(x, xt).fetch(predicted).fetch(features).run()) {
            TInt64 p = (TInt64) res.get(0);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) labels[i] = (int) p.getLong(i);
            float[] f = new float[n * arch.featureWidth()];
            ((TFloat32) res.get(1)).copyTo(DataBuffers.of(f, false, false));
            return new Prediction(labels, f);
        }
    }

    private TFloat32 images(float[] images, int n) {
        float[] data = images.length == n * in.pixels() ? images : java.util.Arrays.copyOf(images, n * in.pixels());
        return TFloat32.tensorOf(Shape.of(n, in.pixels()), DataBuffers.of(data, true, false));
    }

    private static TInt32 labels(int[] labels, int n) {
        int[] data = labels.length == n ? labels : java.util.Arrays.copyOf(labels, n);
        return TInt32.tensorOf(Shape.of(n), DataBuffers.of(data, true, false));
    }

    private List<TFloat32> tensors(Weights w) {
        List<long[]> shapes = new ArrayList<>();
        for (Variable<TFloat32> v : vars) shapes.add(v.shape().asArray());
        List<TFloat32> out = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
            out.add(TFloat32.tensorOf(Shape.of(shapes.get(i)), DataBuffers.of(w.tensor(i), true, false)));
        }
        return out;
    }

    private static Weights toWeights(Result res) {
        List<float[]> out = new ArrayList<>(res.size());
        for (int i = 0; i < res.size(); i++) {
            TFloat32 t = (TFloat32) res.get(i);
            float[] a = new float[(int) t.size()];
            t.copyTo(DataBuffers.of(a, false, false));
            out.add(a);
        }
        return new Weights(out);
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    /** Output of {@link #predict}. */
    public record Prediction(int[] labels, float[] features) {
    }
}
