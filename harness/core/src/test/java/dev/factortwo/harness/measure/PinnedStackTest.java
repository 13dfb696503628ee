package dev.factortwo.harness.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.nn.WeightInit;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.spark.Quiet;
import dev.factortwo.harness.spark.SparkSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * TensorFlow and Spark on the protobuf-java version the parent pom pins (see the reason there): every graph and
 * session feature the harness uses ({@code engine/TfModel}, {@code measure/DeviceProbe}), the protobuf messages
 * TensorFlow Java exchanges with its native library, and Spark's SQL, file formats and MLlib.
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.factortwo.harness.testing.OwnSpark.class)
class PinnedStackTest {

    static final Architecture.InputShape SHAPE = new Architecture.InputShape(28, 28, 1);

    @Test
    void theProtobufRuntimeIsThePinnedOne() throws Exception {
        assertEquals(Versions.builtWith().getProperty("protobuf"), Versions.protobuf());
        String jar = com.google.protobuf.Message.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(jar.endsWith("protobuf-java-" + Versions.builtWith().getProperty("protobuf") + ".jar"), jar);
    }

    @Test
    void everyTfModelOperationRunsAndRepeatsBitForBit() {
        Architecture arch = Architecture.Mlp.standard();
        int n = 32;
        float[] x = new float[n * SHAPE.pixels()];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
            for (int p = 0; p < SHAPE.pixels(); p++) x[i * SHAPE.pixels() + p] = ((i * 31 + p * 7) % 17) / 17f;
        }
        List<String> fingerprints = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Weights init = WeightInit.glorotUniform(arch.parameterShapes(SHAPE, 10), 3);
            try (TfModel m = new TfModel(arch, SHAPE, 10, 0.05f, init, new TfSettings(2, 1))) {
                float loss = m.trainStep(x, y, n);
                assertTrue(Float.isFinite(loss) && loss > 0, "loss " + loss);
                Weights g = m.gradients(x, y, n);
                assertEquals(init.size(), g.size());
                m.applyGradients(g);
                Weights trained = m.weights();
                assertTrue(trained.relativeL2(init) > 0, "training moved the weights");
                m.setWeights(init);
                assertEquals(init.fingerprint(), m.weights().fingerprint(), "setWeights then weights");
                TfModel.Prediction p = m.predict(x, n);
                assertEquals(n, p.labels().length);
                assertEquals(n * arch.featureWidth(), p.features().length);
                fingerprints.add(trained.fingerprint());
            }
        }
        assertEquals(fingerprints.get(0), fingerprints.get(1));
    }

    @Test
    void configProtoSerialisesAndConfiguresASession() throws Exception {
        ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(2).setInterOpParallelismThreads(1)
                .setAllowSoftPlacement(false).build();
        assertEquals(config, ConfigProto.parseFrom(config.toByteArray()));
        assertTrue(config.toString().contains("intra_op_parallelism_threads: 2"), config.toString());
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> sum = tf.withName("sum").math.add(tf.constant(1.5f), tf.constant(2.25f));
            try (Session s = new Session(g, config); Result r = s.runner().fetch(sum).run()) {
                assertEquals(3.75f, ((TFloat32) r.get(0)).getFloat());
            }
        }
    }

    @Test
    void theOpRegistryParses() {
        List<String> ops = TensorFlow.registeredOpList().getOpList().stream().map(op -> op.getName()).toList();
        assertTrue(ops.size() > 500, ops.size() + " ops");
        for (String used : List.of("ApplyMomentum", "SoftmaxCrossEntropyWithLogits", "Conv2D", "MaxPool", "MatMul")) {
            assertTrue(ops.contains(used), used);
        }
    }

    /** A training graph like TfModel's: gradients, a control-dependency barrier and a momentum update. */
    static Graph trainingGraph() {
        Graph g = new Graph();
        Ops tf = Ops.create(g);
        Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class);
        Placeholder<TInt32> y = tf.withName("y").placeholder(TInt32.class);
        Variable<TFloat32> w = tf.withName("w").variable(Shape.of(4, 3), TFloat32.class);
        Variable<TFloat32> acc = tf.withName("acc").variable(Shape.of(4, 3), TFloat32.class);
        tf.withName("assign").assign(w, tf.withName("init").placeholder(TFloat32.class));
        tf.withName("reset").assign(acc, tf.zeros(tf.constant(new long[] {4, 3}), TFloat32.class));
        Operand<TFloat32> oneHot = tf.oneHot(y, tf.constant(3), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> loss = tf.withName("loss").math.mean(
                tf.nn.softmaxCrossEntropyWithLogits(tf.linalg.matMul(x, w), oneHot).loss(), tf.constant(0));
        @SuppressWarnings("unchecked")
        Operand<TFloat32> grad = (Operand<TFloat32>) tf.gradients(loss, List.of(w)).iterator().next();
        tf.withControlDependencies(List.of(tf.identity(grad))).withName("train").train
                .applyMomentum(w, acc, tf.constant(0.1f), grad, tf.constant(0.9f));
        return g;
    }

    static float[] train(Graph g) {
        float[] xs = {0.1f, 0.2f, 0.3f, 0.4f, 0.9f, 0.1f, 0.5f, 0.3f};
        float[] init = new float[12];
        for (int i = 0; i < init.length; i++) init[i] = (i - 6) / 10f;
        ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(2).setInterOpParallelismThreads(1).build();
        try (Session s = new Session(g, config);
             TFloat32 initT = TFloat32.tensorOf(Shape.of(4, 3), DataBuffers.of(init, true, false));
             TFloat32 xt = TFloat32.tensorOf(Shape.of(2, 4), DataBuffers.of(xs, true, false));
             TInt32 yt = TInt32.vectorOf(2, 0)) {
            s.runner().feed("init", initT).addTarget("assign").addTarget("reset").run().close();
            for (int step = 0; step < 3; step++) s.runner().feed("x", xt).feed("y", yt).addTarget("train").run().close();
            try (Result r = s.runner().fetch("w").run()) {
                float[] out = new float[12];
                ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
                assertFalse(java.util.Arrays.equals(init, out), "training changed w");
                return out;
            }
        }
    }

    @Test
    void aGraphDefRoundTripImportsAndTrainsToTheSameBits() throws Exception {
        try (Graph original = trainingGraph(); Graph imported = new Graph()) {
            GraphDef def = original.toGraphDef();
            GraphDef parsed = GraphDef.parseFrom(def.toByteArray());
            assertEquals(def, parsed);
            imported.importGraphDef(parsed);
            assertEquals(def.getNodeCount(), imported.toGraphDef().getNodeCount());
            assertArrayEquals(train(original), train(imported));
        }
    }

    @Test
    void tinksProtobufClassesNeedTheFourXRuntimeAndRunOnIt() throws Exception {
        // Tink (Spark's RPC encryption) is generated with protobuf 4.x: on a 3.x runtime this class fails to load
        var key = com.google.crypto.tink.proto.AesGcmKey.newBuilder().setVersion(0)
                .setKeyValue(com.google.protobuf.ByteString.copyFrom(new byte[16])).build();
        assertEquals(key, com.google.crypto.tink.proto.AesGcmKey.parseFrom(key.toByteArray()));
    }

    @Test
    void sparkSqlFileFormatsAndMllibRunOnIt(@TempDir Path dir) {
        Quiet.apply(false);
        SparkSession spark = SparkSessions.start("local[2]", Map.of());
        try {
            StructType schema = new StructType(new StructField[] {
                    new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
                    new StructField("features", new VectorUDT(), false, Metadata.empty())});
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                double label = i % 2;
                rows.add(RowFactory.create(label, Vectors.dense(label + (i % 5) * 0.01, 1 - label + (i % 3) * 0.01)));
            }
            Dataset<Row> data = spark.createDataFrame(rows, schema);
            for (String format : List.of("parquet", "orc")) {
                String path = dir.resolve(format).toString();
                data.write().format(format).save(path);
                Dataset<Row> back = spark.read().format(format).load(path);
                assertEquals(40, back.count(), format);
                assertEquals(20.0, back.agg(org.apache.spark.sql.functions.sum("label")).first().getDouble(0), format);
            }
            MultilayerPerceptronClassificationModel model = new MultilayerPerceptronClassifier()
                    .setLayers(new int[] {2, 4, 2}).setMaxIter(50).setSeed(7).fit(data);
            double accuracy = model.transform(data).filter("prediction = label").count() / 40.0;
            assertTrue(accuracy > 0.9, "MLlib MLP accuracy " + accuracy);
        } finally {
            spark.stop();
        }
    }
}
