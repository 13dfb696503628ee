package dev.factortwo.harness.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import java.util.Optional;
import dev.factortwo.harness.strategy.Strategies;
import dev.factortwo.harness.strategy.Strategy;
import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfModelTest;
import dev.factortwo.harness.nn.WeightInit;
import dev.factortwo.harness.nn.Weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.spark.Quiet;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.workload.Workload;
import dev.factortwo.harness.workload.Workloads;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every engine promises, run over every engine in {@link Engines} on the same data (real Spark for MLlib). */
@org.junit.jupiter.api.extension.ExtendWith(dev.factortwo.harness.testing.OwnSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineContractTest {

    static final Architecture.InputShape SHAPE = TfModelTest.SHAPE;
    static final Architecture SMALL = new Architecture.Mlp(List.of(32));
    static final int N = 200;

    SparkSession spark;

    @BeforeAll
    void start() {
        Quiet.apply(false);
        spark = SparkSessions.start(SparkSessions.DEFAULT_MASTER, Map.of());
    }

    @AfterAll
    void stop() {
        spark.stop();
    }

    /** Every registered engine; MLlib with 15 iterations per fit, enough for this data and a third of the default's time. */
    static Stream<Engine> engines() {
        return Engines.all().stream().map(e -> e instanceof MllibEngine m ? new MllibEngine(m.settings().withMaxIter(15)) : e);
    }

    static ModelSpec spec(long seed) {
        return new ModelSpec(SMALL, SHAPE, 10, seed, 10, 0.1f);
    }

    record Trained(String fingerprint, Weights weights, int[] predicted) {
    }

    /** Trainings of this class, kept: each MLlib fit costs seconds of Spark jobs. */
    final Map<String, Trained> trained = new java.util.HashMap<>();

    Trained train(Engine engine, long seed, int epochs, float[] x, int[] y) {
        return trained.computeIfAbsent(engine.name() + "/" + seed + "/" + epochs, k -> fresh(engine, seed, epochs, x, y));
    }

    static Trained fresh(Engine engine, long seed, int epochs, float[] x, int[] y) {
        try (EngineModel m = engine.build(spec(seed))) {
            for (int e = 0; e < epochs; e++) m.trainEpoch(x, y, N);
            return new Trained(m.fingerprint(), m.weights(), m.predict(x, N));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void sameSeedTrainsToTheSameBitsAndAnotherSeedDoesNot(Engine engine) {
        int[] y = new int[N];
        float[] x = TfModelTest.images(N, y);
        Trained a = train(engine, 7, 1, x, y), b = fresh(engine, 7, 1, x, y);
        assertEquals(a.fingerprint(), b.fingerprint(), engine.name());
        assertEquals(0.0, a.weights().relativeL2(b.weights()));
        assertTrue(a.fingerprint().matches("sha256:[0-9a-f]{64}"), a.fingerprint());
        assertNotEquals(a.fingerprint(), train(engine, 8, 1, x, y).fingerprint(), engine.name() + ": another seed");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void learnsWellAboveChanceAndExportsEveryParameterInTheArchitecturesOrder(Engine engine) {
        int[] y = new int[N];
        float[] x = TfModelTest.images(N, y);
        Trained t = train(engine, 7, 1, x, y);
        int correct = 0;
        for (int i = 0; i < N; i++) {
            assertTrue(t.predicted()[i] >= 0 && t.predicted()[i] < 10, "a class: " + t.predicted()[i]);
            if (t.predicted()[i] == y[i]) correct++;
        }
        assertTrue(correct / (double) N > 0.5, engine.name() + " accuracy " + correct / (double) N + " (chance 0.1)");
        List<long[]> shapes = SMALL.parameterShapes(SHAPE, 10);
        assertEquals(shapes.size(), t.weights().size(), "one tensor per kernel and bias");
        for (int i = 0; i < shapes.size(); i++) {
            assertEquals(WeightInit.product(shapes.get(i)), t.weights().tensor(i).length, engine.name() + " tensor " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void namesItsStatesStrategiesAndWhatItCannotRun(Engine engine) {
        assertEquals(engine.name(), Engines.byName(engine.name()).name());
        assertFalse(engine.states().isEmpty(), engine.name() + " runs under no state");
        for (Workload w : Workloads.all()) {
            for (StateMode state : StateMode.all()) {
                var why = engine.unsupported(w, state);
                if (why.isPresent()) {
                    assertTrue(why.get().length() > 20, "a reason in words: " + why.get());
                    continue;
                }
                assertTrue(engine.states().contains(state), engine.name() + " claims " + state.name());
                Strategy d = engine.defaultStrategy(w, state);
                assertTrue(engine.strategies().contains(d), engine.name() + " " + w.name() + " " + state.name());
                assertEquals(Optional.empty(), engine.refuses(w, state, d), "the default strategy is accepted");
                assertTrue(engine.describe(w.architecture(), SHAPE, 10).length() > 20);
            }
        }
        for (StateMode state : StateMode.all()) {
            if (!engine.states().contains(state)) assertTrue(engine.unsupported(Workloads.TRAIN_MLP, state).isPresent(), engine.name() + " " + state.name());
        }
        for (Strategy s : Strategies.all()) {
            boolean mine = engine.strategies().contains(s);
            assertEquals(mine, Engines.ofStrategy(s.name()).name().equals(engine.name()), s.name());
            if (!mine) {
                assertTrue(engine.refuses(Workloads.TRAIN_MLP, StateMode.byName("spark"), s).orElseThrow().contains("belongs to another engine, not " + engine.name()));
            }
        }
    }

    @Test
    void strategyNamesAreUniqueAcrossEnginesAndUnknownNamesAreRefusedByName() {
        Set<String> seen = new HashSet<>();
        for (String s : Engines.strategies()) assertTrue(seen.add(s), "strategy " + s + " belongs to two engines");
        assertEquals("mllib", Engines.ofStrategy("mllib-lbfgs").name());
        assertEquals("tensorflow", Engines.ofStrategy("model-averaging").name());
        var e = assertThrows(IllegalArgumentException.class, () -> Engines.byName("torch"));
        assertTrue(e.getMessage().contains("unknown engine 'torch'") && e.getMessage().contains("mllib"), e.getMessage());
    }

    @Test
    void tensorflowKeepsEachWorkloadsDefaultStrategy() {
        Engine tf = Engines.byName("tensorflow");
        StateMode spark = StateMode.byName("spark"), local = StateMode.byName("local");
        for (Workload w : List.of(Workloads.TRAIN_MLP, Workloads.TRAIN_CNN)) {
            assertEquals("model-averaging", tf.defaultStrategy(w, spark).name());
            assertEquals("model-averaging", tf.defaultStrategy(w, local).name());
        }
        assertEquals("embedded", tf.defaultStrategy(Workloads.INFER, spark).name());
        assertEquals("scheduler", tf.defaultStrategy(Workloads.INFER, local).name());
    }

    @Test
    void mllibRefusesConvolutionsAndLocalStateInWords() {
        Engine mllib = Engines.byName("mllib");
        assertTrue(mllib.unsupported(Workloads.TRAIN_CNN, StateMode.byName("spark")).orElseThrow().contains("no convolutions"));
        assertTrue(mllib.unsupported(Workloads.TRAIN_MLP, StateMode.byName("local")).orElseThrow().contains("spark state only"));
        assertThrows(IllegalArgumentException.class, () -> mllib.build(new ModelSpec(Architecture.Cnn.standard(), SHAPE, 10, 1, 20, 0.1f)));
        assertEquals("784-256-128-10", String.join("-", java.util.Arrays.stream(MllibEngine.layers(Architecture.Mlp.standard(), SHAPE, 10))
                .mapToObj(String::valueOf).toList()));
    }
}
