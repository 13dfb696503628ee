package dev.factortwo.harness.strategy;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.harness.strategy.RoundStrategy;
import dev.factortwo.harness.cell.CellRunner;
import dev.factortwo.harness.task.DataOrder;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionData;
import dev.factortwo.harness.task.PartitionReader;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.datasets.DatasetSpec;
import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.workload.Workloads;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Reproducibility;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The training strategies on real Spark (local[2,4]) and TensorFlow, 1,200 synthetic samples in 2 partitions:
 * which are bitwise, under a planted task failure and lost cached blocks too, and which are not.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainingStrategiesTest {

    SparkFixture fx;
    JavaSparkContext sc;
    final AtomicInteger failedTasks = new AtomicInteger();

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
        sc = dev.factortwo.harness.spark.SparkSessions.context(fx.session);
        sc.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskInfo().failed()) failedTasks.incrementAndGet();
            }
        });
    }


    static CellSpec cell(String strategy, String state, int epochs, int repetitions) {
        return cell(strategy, state, epochs, repetitions, 0.05);
    }

    static CellSpec cell(String strategy, String state, int epochs, int repetitions, double learningRate) {
        return cell(strategy, state, epochs, repetitions, learningRate, 32);
    }

    static CellSpec cell(String strategy, String state, int epochs, int repetitions, double learningRate, int batchSize) {
        return new CellSpec(new CellKey("train-mlp", "synthetic", "memory", state, strategy, "tensorflow", "cpu"),
                5, epochs, batchSize, learningRate, 2, 1200, 400, repetitions, 0, 0);
    }

    /** All-gathering 1.25 MB messages costs most of a step here: batches of 200 keep the steps few (3 an epoch). */
    static final int ALLREDUCE_BATCH = 200;

    @Test
    void syncAllReduceIsBitwiseAcrossRepeatsAndStates() {
        CellResult spark = shown(fx.runner.run(cell("spark-allreduce", "spark", 2, 2, 0.05, ALLREDUCE_BATCH)));
        assertEquals(Reproducibility.Verdict.BITWISE, spark.reproducibility().verdict());
        assertTrue(spark.testAccuracy() > 0.12, "6 steps of 400 samples learn a little: " + spark.testAccuracy());
        // 2 epochs x 3 steps; per step each of 2 tasks sends one message and receives 2: 3 x 2 x 4/3 x 4 bytes per parameter
        long params = 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10;
        long perStep = 2 * 3 * ((params * 4 + 2) / 3 * 4);
        long expected = 2 * (3 * perStep + params * 4 * 3);
        assertEquals(expected, Long.parseLong(spark.attributes().get(CellAttribute.COMMUNICATION_BYTES.key())), spark.attributes().toString());
        assertTrue(Double.parseDouble(spark.attributes().get(CellAttribute.COMMUNICATION_SECONDS.key())) > 0);
        assertEquals(2, spark.attributes().get("accuracyByRound").split(",").length);
        assertEquals(spark.fingerprint(), shown(fx.runner.run(cell("spark-allreduce", "local", 2, 1, 0.05, ALLREDUCE_BATCH))).fingerprint(),
                "barrier tasks over worker-local data give the same bits");
    }

    /**
     * Slow: in one clean-clone CI run the resubmitted barrier stage launched only one of its two tasks, which then
     * waited in allGather until the run was killed (not reproduced since); kept out of the default run until that is
     * understood. With spark.barrier.sync.timeout set, such a hang now fails instead of waiting forever.
     */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void syncAllReduceIsBitwiseUnderTaskFailureAndLostBlocks() throws InterruptedException {
        CellResult spark = fx.runner.run(cell("spark-allreduce", "spark", 2, 1, 0.05, ALLREDUCE_BATCH));
        int before = failedTasks.get();
        assertEquals(spark.fingerprint(), direct("spark-allreduce", "spark", ALLREDUCE_BATCH, true).weights().fingerprint(),
                "the barrier stage is rerun from the round's start weights; lost blocks are recomputed");
        awaitFailures(before);
    }

    @Test
    void modelAveragingIsBitwiseUnderTaskFailureAndLostBlocks() throws InterruptedException {
        CellResult clean = shown(fx.runner.run(cell("model-averaging", "spark", 2, 1)));
        int before = failedTasks.get();
        assertEquals(clean.fingerprint(), direct("model-averaging", "spark", 32, true).weights().fingerprint());
        awaitFailures(before);
        assertEquals(String.valueOf(235146L * 4 * 3 * 2), clean.attributes().get(CellAttribute.COMMUNICATION_BYTES.key()), "broadcast + 2 collects, 2 rounds");
    }

    @Test
    void singleIsPlainSequentialSgdOverTheWholeSetInBothStates() {
        CellResult spark = shown(fx.runner.run(cell("single", "spark", 2, 2)));
        assertEquals(Reproducibility.Verdict.BITWISE, spark.reproducibility().verdict());
        assertEquals(2 * (1200 / 32) * 32, spark.repetitions().get(0).samples(), "one worker, 37 full batches an epoch");
        assertEquals(spark.fingerprint(), shown(fx.runner.run(cell("single", "local", 2, 1))).fingerprint());
        assertEquals(spark.fingerprint(), handWrittenLoop(2).fingerprint());
        assertTrue(spark.testAccuracy() > 0.15, "accuracy " + spark.testAccuracy());
    }

    @Test
    void asyncParameterServerLearnsAndIsDivergent() {
        CellResult async = shown(fx.runner.run(cell("async-ps", "spark", 2, 2)));
        for (int more = 0; async.reproducibility().verdict() == Reproducibility.Verdict.BITWISE && more < 2; more++) {
            async = shown(fx.runner.run(cell("async-ps", "spark", 2, 4)));
        }
        assertEquals(Reproducibility.Verdict.DIVERGENT, async.reproducibility().verdict(), async.reproducibility().explanation());
        // chance is 0.1 with a standard error of 0.015 on 400 test samples; async accuracy varies (0.19 to 0.36 seen)
        assertTrue(async.testAccuracy() > 0.15, "72 stale-gradient steps learn above chance (0.1): " + async.testAccuracy());
        long params = 235146L;
        // every step pulls and pushes the model (plus 5-byte requests, 4-byte answers), plus one pull and a done per task
        long steps = 2 * 2 * 18;
        long perRequestPair = 2 * (params * 4) + 5 + 4 + 5;
        long expected = steps * perRequestPair + 2 * 2 * (params * 4 + 9 + 6);
        assertEquals(expected, Long.parseLong(async.attributes().get(CellAttribute.COMMUNICATION_BYTES.key())));
        // one local run is noisier than the best of several: give it 4 epochs (0.1425 seen at 2; at rate 0.1 it diverged)
        CellResult local = shown(fx.runner.run(cell("async-ps", "local", 4, 1, 0.05)));
        assertTrue(local.ok() && local.testAccuracy() > 0.15, "local state: " + local.testAccuracy());
    }

    @Test
    void directAllReduceIsBitwiseAndGivesSparkAllReducesBits() {
        CellResult direct = shown(fx.runner.run(cell("direct-allreduce", "spark", 2, 2, 0.05, ALLREDUCE_BATCH)));
        assertEquals(Reproducibility.Verdict.BITWISE, direct.reproducibility().verdict());
        CellResult viaSpark = shown(fx.runner.run(cell("spark-allreduce", "spark", 2, 1, 0.05, ALLREDUCE_BATCH)));
        assertEquals(viaSpark.fingerprint(), direct.fingerprint(), "the same gradients averaged in the same order, only carried differently");
        assertEquals(direct.fingerprint(), shown(fx.runner.run(cell("direct-allreduce", "local", 2, 1, 0.05, ALLREDUCE_BATCH))).fingerprint());
        // 2 epochs x 3 steps; per step partition 1 sends its gradients and partition 0 the mean: 2 x (4 + 4 bytes per parameter)
        long params = 235146L;
        long expected = 2 * (3 * 2 * (params * 4 + 4) + params * 4 * 3);
        assertEquals(expected, Long.parseLong(direct.attributes().get(CellAttribute.COMMUNICATION_BYTES.key())), direct.attributes().toString());
        assertTrue(Double.parseDouble(direct.attributes().get(CellAttribute.COMMUNICATION_SECONDS.key())) > 0);
    }

    @Test
    void directAllReduceIsBitwiseUnderTaskFailureAndLostBlocks() throws InterruptedException {
        CellResult clean = fx.runner.run(cell("direct-allreduce", "spark", 2, 1, 0.05, ALLREDUCE_BATCH));
        int before = failedTasks.get();
        assertEquals(clean.fingerprint(), direct("direct-allreduce", "spark", ALLREDUCE_BATCH, true).weights().fingerprint(),
                "the barrier stage is rerun from the round's start weights and reconnects");
        awaitFailures(before);
    }

    @Test
    void hogwildIsDivergent() {
        CellResult hog = shown(fx.runner.run(cell("hogwild", "spark", 2, 2)));
        for (int more = 0; hog.reproducibility().verdict() == Reproducibility.Verdict.BITWISE && more < 2; more++) {
            hog = shown(fx.runner.run(cell("hogwild", "spark", 2, 4)));
        }
        assertEquals(Reproducibility.Verdict.DIVERGENT, hog.reproducibility().verdict(), hog.reproducibility().explanation());
        // chance is 0.10; 0.13 is two standard errors above it on 400 held-out samples. With one set of momentum
        // accumulators for both threads a repetition measured 0.12 to 0.46 (30 of them, mean 0.28), and a CI run's mean
        // of two was 0.1225; with a set per thread 0.195 to 0.64 (mean 0.43). Its own test: TfModelTest
        assertTrue(hog.testAccuracy() > 0.13, "unordered updates still learn: " + hog.testAccuracy());
        // the evidence that the threads' steps were in flight together, per repetition
        System.out.println("hogwild overlap per repetition: " + hog.attributes().get("hogwildOverlapSeconds") + " s of "
                + hog.attributes().get("hogwildTrainingCallSeconds") + " s, share " + hog.attributes().get("hogwildOverlapShare"));
        double[] share = hog.numbers("hogwildOverlapShare").orElseThrow();
        assertEquals(hog.repetitions().size(), share.length, hog.attributes().toString());
        for (double x : share) assertTrue(x > 0.3, "both threads inside a step most of the time: " + hog.attributes());
        assertTrue(hog.numbers("hogwildOverlapSeconds").orElseThrow()[0] > 0, hog.attributes().toString());
        assertTrue(hog.attributes().get("hogwildSession").contains("inter-op pool of its own of 2 threads"), hog.attributes().get("hogwildSession"));
    }

    /** Parameters of the MLP (784-256-128-10), and the bytes of one copy of its weights. */
    static final long PARAMS = 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10;
    static final long MODEL_BYTES = PARAMS * 4;
    /** 600 samples a partition, batches of 32: 18 steps an epoch per replica. */
    static final int STEPS_PER_EPOCH = 600 / 32;

    @ParameterizedTest
    @ValueSource(strings = {"local-sgd-end", "local-sgd-every-4"})
    void localSgdCountsTheStepsAReplicaLostWithItsState(String strategy) {
        LocalSgdRun clean = localSgd(strategy, LocalSgdFault.NONE);
        assertEquals(clean.trained().weights().fingerprint(), localSgd(strategy, LocalSgdFault.NONE).trained().weights().fingerprint(),
                "without faults the replicas train the same bits");
        assertTrue(clean.counts().isEmpty(), "nothing lost without a fault: " + clean.counts());
        LocalSgdRun lossy = localSgd(strategy, LocalSgdFault.WIPE_BEFORE_ROUND_1);
        assertTrue(!clean.trained().weights().fingerprint().equals(lossy.trained().weights().fingerprint()),
                "the steps a replica took since its last synchronisation are gone: another result");
        // independently of the replicas' counters: the steps each task ran in round 0 (its outcome), less the steps its
        // synchronisations covered, 4 each, whose number is what round 0's exchanges moved over the wire
        Round first = lossy.trained().rounds().get(0);
        long syncs = 0;
        if (strategy.endsWith("-4")) {
            // round 0 moved the start weights (one broadcast), partition 0's copy of the synchronised weights, and per
            // synchronisation every task's weights to partition 0 and the mean back: 2 x (4 + 4 bytes per parameter)
            long exchanged = first.commBytes() - 2 * MODEL_BYTES;
            assertEquals(0, exchanged % (2 * (MODEL_BYTES + 4)), "whole synchronisations: " + first.commBytes());
            syncs = exchanged / (2 * (MODEL_BYTES + 4));
            assertEquals(STEPS_PER_EPOCH / 4, syncs, "one synchronisation every 4 of 18 steps");
        }
        long expected = 0;
        for (var o : first.outcomes()) {
            long lost = o.steps() - 4 * syncs;
            assertEquals(lost, lossy.counts().get(RoundHook.STEPS_LOST + ".partition." + o.partition()), lossy.counts().toString());
            expected += lost;
        }
        assertEquals(strategy.endsWith("end") ? 2 * 18 : 2 * 2, expected, "the whole first epoch of both replicas with 'end'; 2 steps each after step 16 with every-4");
        assertEquals(expected, lossy.counts().get(RoundHook.STEPS_LOST), lossy.counts() + " " + lossy.words());
        assertEquals(2, lossy.counts().get(RoundHook.REPLICAS_RESTORED), lossy.counts().toString());
        assertTrue(lossy.counts().get(RoundHook.STEPS_LOST_COMPUTE_MICROS) > 0, lossy.counts().toString());
        assertEquals(null, lossy.counts().get(RoundHook.STEPS_RERUN), "nothing is run again after a loss: " + lossy.counts());
        assertEquals(clean.stepsRun(), lossy.stepsRun(), "a loss runs no step again: the lost steps are simply gone");
        // the restore is the one transfer the loss adds: one broadcast of the last synchronised weights, read in round 1
        assertEquals(MODEL_BYTES, lossy.counts().get(RoundHook.RESTORE_BYTES), lossy.counts().toString());
        assertEquals(communicationBytes(clean.trained()) + MODEL_BYTES, communicationBytes(lossy.trained()));
        String words = String.join("; ", lossy.words());
        assertTrue(words.contains(expected + " steps lost in all"), words);
    }

    @Test
    void localSgdEndCountsTheStepsARetriedTaskRunsAgain() throws InterruptedException {
        LocalSgdRun clean = localSgd("local-sgd-end", LocalSgdFault.NONE);
        int before = failedTasks.get();
        LocalSgdRun failed = localSgd("local-sgd-end", LocalSgdFault.FAIL_IN_ROUND_0);
        awaitFailures(before);
        // independently of the replicas' counters: every training step the JVM ran, less a fault-free run's
        long again = failed.stepsRun() - clean.stepsRun();
        assertEquals(STEPS_PER_EPOCH, again, "partition 0's first attempt ran its epoch before it threw");
        assertEquals(again, failed.counts().get(RoundHook.STEPS_RERUN), failed.counts() + " " + failed.words());
        assertEquals(again, failed.counts().get(RoundHook.STEPS_RERUN + ".partition.0"), failed.counts().toString());
        assertTrue(failed.counts().get(RoundHook.STEPS_RERUN_COMPUTE_MICROS) > 0, failed.counts().toString());
        assertEquals(null, failed.counts().get(RoundHook.STEPS_LOST), "the replica was advanced, not lost: " + failed.counts());
        assertTrue(!clean.trained().weights().fingerprint().equals(failed.trained().weights().fingerprint()),
                "the replica trained its first epoch twice: another result");
        assertEquals(communicationBytes(clean.trained()), communicationBytes(failed.trained()), "the retry found its replica: no restore");
    }

    /**
     * With synchronisations, the planted failure strikes partition 0 once connected, before it trains; its partner
     * may have run up to 4 steps (to the first synchronisation, which never comes) when the stage fails and is rerun.
     */
    @Test
    void localSgdEvery4CountsThePartnersStepsRunAgainWhenTheBarrierStageIsRerun() throws InterruptedException {
        LocalSgdRun clean = localSgd("local-sgd-every-4", LocalSgdFault.NONE);
        int before = failedTasks.get();
        LocalSgdRun failed = localSgd("local-sgd-every-4", LocalSgdFault.FAIL_IN_ROUND_0);
        awaitFailures(before);
        long again = failed.stepsRun() - clean.stepsRun();
        System.out.println("local-sgd-every-4, task failure in round 0: " + again + " steps run again; " + failed.counts());
        assertTrue(again >= 0 && again <= 4, "at most the partner's steps before its first synchronisation: " + again);
        assertEquals(again, failed.counts().getOrDefault(RoundHook.STEPS_RERUN, 0L), failed.counts() + " " + failed.words());
        assertEquals(null, failed.counts().get(RoundHook.STEPS_RERUN + ".partition.0"), "partition 0 failed before it trained");
    }

    @Test
    void localSgdEndCommunicatesTheStartWeightsAndTheOneShotAverageOnly() {
        LocalSgdRun direct = localSgd("local-sgd-end", LocalSgdFault.NONE);
        // round 0: the start weights, broadcast and read by the replicas' first tasks; round 1 reads nothing from the
        // driver (both replicas are in place) and ends with the one-shot averaging of both replicas on the driver
        assertEquals(java.util.List.of(MODEL_BYTES, 2 * MODEL_BYTES), direct.trained().rounds().stream().map(Round::commBytes).toList());
        // an emulated accelerator has no model, but its replicas are kept all the same: the same transfers
        LocalSgdRun emulated = localSgd("local-sgd-end", LocalSgdFault.EMULATED);
        assertEquals(java.util.List.of(MODEL_BYTES, 2 * MODEL_BYTES), emulated.trained().rounds().stream().map(Round::commBytes).toList());
        assertEquals(0, emulated.stepsRun(), "emulated: no TensorFlow step");
        // through the runner, which evaluates accuracy after every round: those collects are evaluation, not communication
        CellResult cell = shown(fx.runner.run(cell("local-sgd-end", "local", 2, 1)));
        assertEquals(2, cell.attributes().get("accuracyByRound").split(",").length, "accuracy was evaluated every round");
        assertEquals(String.valueOf(3 * MODEL_BYTES), cell.attributes().get(CellAttribute.COMMUNICATION_BYTES.key()), cell.attributes().toString());
    }

    /** What a local SGD run gets: a fault, or none; {@code EMULATED}, no fault and no model (an emulated accelerator). */
    enum LocalSgdFault { NONE, WIPE_BEFORE_ROUND_1, FAIL_IN_ROUND_0, EMULATED }

    /** One repetition of local SGD, what its hook was told (words and counts), and the training steps the JVM ran meanwhile. */
    record LocalSgdRun(Trained trained, java.util.Map<String, Long> counts, java.util.List<String> words, long stepsRun) {
    }

    static long communicationBytes(Trained t) {
        return t.rounds().stream().mapToLong(Round::commBytes).sum();
    }

    /** Two epochs of local SGD on local state, with {@code fault}. */
    LocalSgdRun localSgd(String strategy, LocalSgdFault fault) {
        java.util.Map<String, Long> counts = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.List<String> words = new java.util.concurrent.CopyOnWriteArrayList<>();
        RoundHook hook = new RoundHook() {
            @Override
            public void beforeRound(int round, int rounds, Execution execution) {
                if (fault == LocalSgdFault.WIPE_BEFORE_ROUND_1 && round == 1) {
                    assertTrue(execution.wipeLocalState().entriesByExecutor().values().stream().mapToInt(Integer::intValue).sum() > 0);
                }
            }

            @Override
            public void record(String what) {
                words.add(what);
            }

            @Override
            public void count(String key, long n) {
                counts.merge(key, n, Long::sum);
            }
        };
        CellSpec spec = cell(strategy, "local", 2, 1, 0.05, 32);
        DatasetSpec ds = fx.catalog.spec("synthetic");
        StagedData staged = fx.tiers.stage("memory", fx.catalog.trainShards("synthetic", 1200, 2));
        ModelJob job = fault == LocalSgdFault.FAIL_IN_ROUND_0 ? job(ds, 32).withTaskFault(new dev.factortwo.harness.fault.TaskFailure.Strike(0)) : job(ds, 32);
        if (fault == LocalSgdFault.EMULATED) {
            job = new ModelJob(job.architecture(), job.shape(), job.classes(), job.learningRate(), job.batchSize(), job.seed(), 0,
                    0, 0, 1000, job.tf(), java.util.List.of());
        }
        long steps0 = TfModel.stepsRun();
        try (Execution ex = StateMode.byName("local").open(sc, staged, 2, fx.tiers.tier("memory"))) {
            Trained t = ((RoundStrategy) Strategies.byName(strategy)).run(new StrategyContext(sc, ex, job, spec, hook), PartitionWork.initialWeights(job));
            return new LocalSgdRun(t, counts, words, TfModel.stepsRun() - steps0);
        }
    }

    static CellResult shown(CellResult r) {
        var a = r.attributes();
        System.out.printf("%s/%s: %.0f samples/s, wall %s s, accuracy %.4f (by round %s), %s, communication %s bytes %s s%n",
                r.key().strategy(), r.key().state(), r.samplesPerSecond().mean(), a.get("meanWallSeconds"), r.testAccuracy(),
                a.get("accuracyByRound"), r.reproducibility().verdict(), a.get(CellAttribute.COMMUNICATION_BYTES.key()), a.get(CellAttribute.COMMUNICATION_SECONDS.key()));
        return r;
    }

    /**
     * One repetition of a strategy outside CellRunner; with {@code faults}, partition 0's task fails on its first
     * attempt in round 0 and the cached input blocks are dropped before round 1 (of 2).
     */
    Trained direct(String strategy, String state, int batchSize, boolean faults) {
        RoundHook hook = faults ? dropBlocksHalfway() : RoundHook.NONE;
        CellSpec spec = cell(strategy, state, 2, 1, 0.05, batchSize);
        DatasetSpec ds = fx.catalog.spec("synthetic");
        StagedData staged = fx.tiers.stage("memory", fx.catalog.trainShards("synthetic", 1200, 2));
        ModelJob job = faults ? job(ds, batchSize).withTaskFault(new dev.factortwo.harness.fault.TaskFailure.Strike(0)) : job(ds, batchSize);
        try (Execution ex = StateMode.byName(state).open(sc, staged, 2, fx.tiers.tier("memory"))) {
            return ((RoundStrategy) Strategies.byName(strategy)).run(new StrategyContext(sc, ex, job, spec, hook), PartitionWork.initialWeights(job));
        }
    }

    static ModelJob job(DatasetSpec ds, int batchSize) {
        return new ModelJob(Workloads.TRAIN_MLP.architecture(), new Architecture.InputShape(ds.height(), ds.width(), ds.channels()),
                ds.classes(), 0.05f, batchSize, 5, 0, 0, 0, 0, TfSettings.defaults(), java.util.List.of());
    }

    static RoundHook dropBlocksHalfway() {
        return new RoundHook() {
            @Override
            public void beforeRound(int round, int rounds, Execution execution) {
                if (round == rounds / 2) assertEquals(2, execution.dropCachedBlocks().size(), "spark state on memory caches both partitions' input");
            }
        };
    }

    void awaitFailures(int before) throws InterruptedException {
        for (int i = 0; i < 100 && failedTasks.get() == before; i++) Thread.sleep(50);
        assertTrue(failedTasks.get() > before, "the planted failure happened");
    }

    /** Sequential SGD over both partitions concatenated, written out by hand. */
    Weights handWrittenLoop(int epochs) {
        DatasetSpec ds = fx.catalog.spec("synthetic");
        StagedData staged = fx.tiers.stage("memory", fx.catalog.trainShards("synthetic", 1200, 2));
        PartitionData a = PartitionReader.read(staged, 0, 2).data(), b = PartitionReader.read(staged, 1, 2).data();
        int n = a.count() + b.count(), w = a.imageBytes(), batch = 32;
        byte[] labels = new byte[n], images = new byte[n * w];
        System.arraycopy(a.labels(), 0, labels, 0, a.count());
        System.arraycopy(b.labels(), 0, labels, a.count(), b.count());
        System.arraycopy(a.images(), 0, images, 0, a.images().length);
        System.arraycopy(b.images(), 0, images, a.images().length, b.images().length);
        ModelJob job = job(ds, 32);
        float[] x = new float[batch * w];
        int[] y = new int[batch];
        try (TfModel model = PartitionWork.newModel(job, PartitionWork.initialWeights(job))) {
            for (int e = 0; e < epochs; e++) {
                // each round starts from given weights, which resets the momentum accumulators (TfModel)
                model.setWeights(model.weights());
                int[] order = DataOrder.permutation(n, 5, e, 0);
                for (int s = 0; s < n / batch; s++) {
                    for (int i = 0; i < batch; i++) {
                        int k = order[s * batch + i];
                        y[i] = labels[k] & 0xFF;
                        for (int j = 0; j < w; j++) x[i * w + j] = (images[k * w + j] & 0xFF) * (1f / 255f);
                    }
                    model.trainStep(x, y, batch);
                }
            }
            return model.weights();
        }
    }

}
