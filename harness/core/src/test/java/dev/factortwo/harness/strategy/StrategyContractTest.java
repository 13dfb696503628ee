package dev.factortwo.harness.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.datasets.DatasetSpec;
import dev.factortwo.harness.engine.Engines;
import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.harness.testing.InjectedFailures;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import dev.factortwo.harness.workload.Workload;
import dev.factortwo.harness.workload.Workloads;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellSpec;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every strategy keeps: one engine owns it, it runs under some state, and every round strategy,
 * under every state it claims, runs the cell's rounds on real Spark and TensorFlow (200 synthetic samples,
 * 2 partitions, 2 rounds) and, where it says it is deterministic, gives the same bits twice.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrategyContractTest {

    SparkFixture fx;
    JavaSparkContext sc;
    StagedData staged;

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
        sc = SparkSessions.context(fx.session);
        staged = fx.tiers.stage("memory", fx.catalog.trainShards("synthetic", 200, 2));
    }


    static Stream<Strategy> strategies() {
        return Strategies.all().stream();
    }

    static Stream<RoundStrategy> roundStrategies() {
        return Strategies.rounds().stream();
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void oneEngineOwnsItAndItRunsUnderSomeState(Strategy s) {
        assertEquals(s, Strategies.byName(s.name()));
        assertEquals(1, Engines.all().stream().filter(e -> e.strategies().contains(s)).count(), s.name() + " has one engine");
        assertFalse(StateMode.all().stream().noneMatch(s::runsUnder), s.name() + " runs under no state");
    }

    @ParameterizedTest
    @MethodSource("roundStrategies")
    void runsItsRoundsUnderEveryStateItClaimsAndRepeatsWhereDeterministic(RoundStrategy s) {
        Workload w = s.training() ? Workloads.TRAIN_MLP : Workloads.INFER;
        DatasetSpec ds = fx.catalog.spec("synthetic");
        ModelJob job = new ModelJob(w.architecture(), new Architecture.InputShape(ds.height(), ds.width(), ds.channels()),
                ds.classes(), 0.05f, 50, 5, 0, 0, 0, 0, TfSettings.defaults(), java.util.List.of());
        for (StateMode state : StateMode.all()) {
            if (!s.runsUnder(state)) continue;
            String where = s.name() + " under " + state.name();
            CellSpec spec = new CellSpec(new CellKey(w.name(), "synthetic", "memory", state.name(), s.name(), "tensorflow", "cpu"),
                    5, 2, 50, 0.05, 2, 200, 0, 1, 0, 0);
            Trained a = once(s, state, job, spec), b = once(s, state, job, spec);
            assertEquals(2, a.rounds().size(), where + ": one round per epoch");
            assertTrue(a.rounds().stream().allMatch(r -> r.outcomes().stream().mapToLong(o -> o.samples()).sum() > 0), where + ": every round trains or infers");
            if (s.deterministic()) {
                assertEquals(result(s, a), result(s, b), where + ": deterministic by design, so the same bits twice");
            }
        }
    }

    /**
     * What TensorFlowCell does in one repetition, counted through {@link TfModel#stepsRun}: the warm-up stage before the
     * timed region runs {@code warmupSteps} steps per task the strategy runs at once, whatever the strategy, and the timed
     * region ({@link RoundStrategy#run}) runs exactly the steps its outcomes count, no warm-up among them.
     */
    @ParameterizedTest
    @MethodSource("roundStrategies")
    void warmsUpBeforeTheTimedRegionAlikeAndTimesOnlyTheStepsItCounts(RoundStrategy s) {
        Workload w = s.training() ? Workloads.TRAIN_MLP : Workloads.INFER;
        DatasetSpec ds = fx.catalog.spec("synthetic");
        int warmupSteps = 3;
        ModelJob job = new ModelJob(w.architecture(), new Architecture.InputShape(ds.height(), ds.width(), ds.channels()),
                ds.classes(), 0.05f, 50, 5, 0, warmupSteps, 0, 0, TfSettings.defaults(), java.util.List.of());
        for (StateMode state : StateMode.all()) {
            if (!s.runsUnder(state)) continue;
            String where = s.name() + " under " + state.name();
            CellSpec spec = new CellSpec(new CellKey(w.name(), "synthetic", "memory", state.name(), s.name(), "tensorflow", "cpu"),
                    5, 1, 50, 0.05, 2, 200, 0, 1, warmupSteps, 0);
            int tasks = s.tasksAtOnce(2, sc.defaultParallelism());
            assertEquals(s.name().equals("single") ? 1 : 2, tasks, where);
            try (Execution ex = state.open(sc, staged, 2, fx.tiers.tier("memory"))) {
                Weights initial = PartitionWork.initialWeights(job);
                long before = TfModel.stepsRun();
                long warm = s.training() ? ex.warmUp(job, initial, tasks) : 0;
                long timedFrom = TfModel.stepsRun();
                Trained t = s.run(new StrategyContext(sc, ex, job, spec, RoundHook.NONE), initial);
                long timed = TfModel.stepsRun() - timedFrom;
                long counted = t.rounds().stream().flatMap(r -> r.outcomes().stream()).mapToLong(o -> o.steps()).sum();
                if (s.training()) {
                    assertEquals((long) warmupSteps * tasks, warm, where + ": warm-up steps per worker");
                    assertEquals(warm, timedFrom - before, where + ": the warm-up stage runs what it says");
                    assertEquals(counted, timed, where + ": the timed region runs exactly the steps it counts");
                    assertTrue(counted > 0, where);
                } else {
                    assertEquals(0, timed, where + ": inference runs no training steps");
                }
            }
        }
    }

    /** 8 partitions on local[2,4]'s 2 task slots: per-worker figures divide by the tasks that ran at once, not by 8. */
    @Test
    void workersAreTheTasksThatRanAtOnceNotThePartitions() {
        StagedData eight = fx.tiers.stage("memory", fx.catalog.trainShards("synthetic", 400, 8));
        DatasetSpec ds = fx.catalog.spec("synthetic");
        ModelJob job = new ModelJob(Workloads.TRAIN_MLP.architecture(), new Architecture.InputShape(ds.height(), ds.width(), ds.channels()),
                ds.classes(), 0.05f, 25, 5, 0, 0, 0, 0, TfSettings.defaults(), java.util.List.of());
        int slots = sc.defaultParallelism();
        assertTrue(slots < 8, "this test needs fewer task slots than partitions: " + slots);
        for (String name : new String[] {"model-averaging", "local-sgd-end"}) {
            RoundStrategy s = (RoundStrategy) Strategies.byName(name);
            for (StateMode state : StateMode.all()) {
                if (!s.runsUnder(state)) continue;
                CellSpec spec = new CellSpec(new CellKey("train-mlp", "synthetic", "memory", state.name(), name, "tensorflow", "cpu"),
                        5, 2, 25, 0.05, 8, 400, 0, 1, 0, 0);
                try (Execution ex = state.open(sc, eight, 8, fx.tiers.tier("memory"))) {
                    Trained t = s.run(new StrategyContext(sc, ex, job, spec, RoundHook.NONE), PartitionWork.initialWeights(job));
                    assertEquals(8, t.rounds().get(0).outcomes().size());
                    assertTrue(t.rounds().get(0).outcomes().stream().allMatch(o -> o.timed()), "every task's interval is known");
                    assertTrue(t.workers() >= 1 && t.workers() <= slots, name + " under " + state.name() + ": " + t.workers()
                            + " workers, with " + slots + " task slots");
                }
            }
        }
    }

    /**
     * The task-side fault hook (TaskFaultPoint) needs nothing from a strategy: a failure planted in the job strikes
     * partition 0's first attempt in round 1 under every strategy and state, and Spark's retry lets the run finish. A
     * strategy that ran its tasks around its state mode's Execution would fail here. The barrier strategies are left to
     * the slow group (TrainingStrategiesTest, FaultClaimsTest): a resubmitted barrier stage once hung a CI run.
     */
    @ParameterizedTest
    @MethodSource("roundStrategies")
    void aFailurePlantedInTheJobStrikesEveryStrategyUnderEveryStateAndIsRetried(RoundStrategy s) {
        org.junit.jupiter.api.Assumptions.assumeFalse(s.name().equals("spark-allreduce") || s.name().equals("direct-allreduce")
                || s.name().equals("local-sgd") || s.name().startsWith("local-sgd-every"), s.name() + " runs barrier stages: tested in the slow group");
        Workload w = s.training() ? Workloads.TRAIN_MLP : Workloads.INFER;
        DatasetSpec ds = fx.catalog.spec("synthetic");
        ModelJob planted = new ModelJob(w.architecture(), new Architecture.InputShape(ds.height(), ds.width(), ds.channels()),
                ds.classes(), 0.05f, 50, 5, 0, 0, 0, 0, TfSettings.defaults(), java.util.List.of()).withTaskFault(new dev.factortwo.harness.fault.TaskFailure.Strike(1));
        try (InjectedFailures failed = new InjectedFailures(sc)) {
            for (StateMode state : StateMode.all()) {
                if (!s.runsUnder(state)) continue;
                String where = s.name() + " under " + state.name();
                CellSpec spec = new CellSpec(new CellKey(w.name(), "synthetic", "memory", state.name(), s.name(), "tensorflow", "cpu"),
                        5, 2, 50, 0.05, 2, 200, 0, 1, 0, 0);
                int before = failed.seen();
                Trained t = once(s, state, planted, spec);
                assertEquals(2, t.rounds().size(), where + ": retried, the run goes on");
                assertEquals(before + 1, failed.seen(), where + ": one planted failure, in round 1");
            }
        }
    }

    private Trained once(RoundStrategy s, StateMode state, ModelJob job, CellSpec spec) {
        try (Execution ex = state.open(sc, staged, 2, fx.tiers.tier("memory"))) {
            return s.run(new StrategyContext(sc, ex, job, spec, RoundHook.NONE), PartitionWork.initialWeights(job));
        }
    }

    private static String result(Strategy s, Trained t) {
        return s.training() ? t.weights().fingerprint() : t.outputDigest();
    }

    @Test
    void namesAreUniqueAcrossEngines() {
        assertTrue(Strategies.names().stream().allMatch(new HashSet<>()::add));
        assertEquals("mllib", Engines.ofStrategy("mllib-gd").name(), "MLlib's strategies are Strategy values like the others");
    }
}
