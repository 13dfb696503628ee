package dev.factortwo.harness.cell;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.harness.device.Accelerator;
import dev.factortwo.harness.device.AcceleratorProfile;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.Reproducibility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real Spark (local[2,4]), real TensorFlow, the memory and local-disk tiers. */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CellRunnerTest {

    SparkFixture fx;

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
    }


    @Test
    void sparkAndLocalStateTrainToTheSameBitsAndRepeatBitwise() {
        CellResult spark = fx.runner.run(SparkFixture.cell("train-mlp", "memory", "spark", 2, 2));
        CellResult local = fx.runner.run(SparkFixture.cell("train-mlp", "memory", "local", 2, 2));
        CellResult disk = fx.runner.run(SparkFixture.cell("train-mlp", "local-disk", "spark", 2, 1));
        assertTrue(spark.ok() && local.ok() && disk.ok());
        assertEquals(spark.fingerprint(), local.fingerprint());
        assertEquals(spark.fingerprint(), disk.fingerprint());
        assertEquals(Reproducibility.Verdict.BITWISE, spark.reproducibility().verdict());
        assertEquals(Reproducibility.Verdict.BITWISE, local.reproducibility().verdict());
        assertTrue(spark.testAccuracy() > 0.15, "36 steps already learn above chance (0.1): " + spark.testAccuracy());
        assertEquals(2 * 2 * (600 / 32) * 32, spark.repetitions().get(0).samples(), "2 epochs x 2 partitions x full batches");
    }

    @Test
    void theBareReferenceTrainsTheSingleStrategysBitsWithoutSpark() {
        assertBareEqualsSingle(fx.runner);
    }

    @Test
    void theBareReferenceSeesTheSamplesInTheSingleStrategysOrderWhenPartitionsHoldManyShards() {
        // shards of 100 samples over 2 partitions: partition 0 holds shards 0, 2, 4, ... and partition 1 shards 1, 3,
        // 5, ..., so one worker over the whole set sees 0, 2, 4, ..., 1, 3, 5, ...: not the split's own order
        assertBareEqualsSingle(fx.runner.withSamplesPerShard(100));
    }

    private static void assertBareEqualsSingle(CellRunner runner) {
        var s = SparkFixture.cell("train-mlp", "memory", "local", 2, 2);
        var single = new dev.factortwo.model.CellSpec(new dev.factortwo.model.CellKey("train-mlp", "synthetic", "memory", "local",
                "single", "tensorflow", "cpu"), s.seed(), s.epochs(), s.batchSize(), s.learningRate(), s.partitions(),
                s.trainSamples(), s.testSamples(), 2, s.warmupSteps(), 0);
        var bareSpec = dev.factortwo.harness.plan.SuitePlan.withBareReferences(java.util.List.of(single)).get(0);
        assertTrue(bareSpec.key().bare(), bareSpec.id());
        CellResult bare = runner.withFaults(java.util.List.of(dev.factortwo.harness.fault.FaultKind.byName("task-failure")),
                java.util.Optional.empty()).run(bareSpec);
        CellResult one = runner.run(single);
        assertTrue(bare.ok() && one.ok(), bare.error() + " / " + one.error());
        assertEquals(one.fingerprint(), bare.fingerprint(), "same model, batch, optimizer, data and data order");
        assertEquals(Reproducibility.Verdict.BITWISE, bare.reproducibility().verdict());
        assertEquals(one.repetitions().get(0).samples(), bare.repetitions().get(0).samples());
        assertEquals(FaultOutcome.Outcome.NOT_APPLICABLE, bare.reproducibility().faults().get(0).outcome(), "no Spark to fail a task in");
        assertEquals(0, bare.bytesRead());
    }

    /** One measured repetition, counted through {@link dev.factortwo.harness.nn.TfModel#stepsRun}: warm-up and timed steps. */
    @Test
    void everyWorkerWarmsUpOncePerRepetitionOutsideTheCountedSteps() {
        var s = SparkFixture.cell("train-mlp", "memory", "local", 1, 1);
        for (String strategy : java.util.List.of("model-averaging", "single", "bare")) {
            var spec = strategy.equals("bare")
                    ? dev.factortwo.harness.plan.SuitePlan.withBareReferences(java.util.List.of(spec(s, "single", "local"))).get(0)
                    : spec(s, strategy, "spark");
            try (CellMeasurement m = fx.runner.open(spec)) {
                long before = dev.factortwo.harness.nn.TfModel.stepsRun();
                m.measureOne(-1);
                long ran = dev.factortwo.harness.nn.TfModel.stepsRun() - before;
                CellResult r = m.finish();
                long timed = r.repetitions().get(0).samples() / spec.batchSize();
                int workers = strategy.equals("model-averaging") ? 2 : 1;
                assertEquals(timed + (long) spec.warmupSteps() * workers, ran, strategy + ": " + spec.warmupSteps()
                        + " warm-up steps per worker, then the " + timed + " steps the repetition counts");
                assertTrue(r.attributes().get("warmUp").contains("before the timed region"), r.attributes().get("warmUp"));
                assertEquals("2", r.attributes().get(CellAttribute.TF_INTRA_OP_THREADS.key()), "the pinned default");
                var rep = r.repetitions().get(0);
                int cores = Runtime.getRuntime().availableProcessors();
                assertTrue(rep.cpuSeconds() > 0 && rep.cpuSeconds() <= cores * rep.wallSeconds() * 1.1 + 0.05,
                        strategy + ": CPU time over the timed region, at most every core's: " + rep);
                assertTrue(rep.medianStepMicros() > 0, strategy + ": the median step is kept per repetition: " + rep);
            }
        }
    }

    @Test
    void autoThreadsGiveEachTaskTheCoresOverTheTasksAtOnceAndTheBareReferenceAsManyAsSingle() {
        CellRunner auto = new CellRunner(dev.factortwo.harness.spark.SparkSessions.context(fx.session), fx.catalog, fx.tiers,
                new dev.factortwo.harness.nn.TfSettings(dev.factortwo.harness.nn.TfSettings.AUTO, 1),
                new dev.factortwo.harness.device.Accelerator.Real("cpu"), Progress.silent());
        int cores = Runtime.getRuntime().availableProcessors();
        var s = SparkFixture.cell("train-mlp", "memory", "local", 1, 1);
        CellResult averaging = auto.run(s);
        assertEquals(String.valueOf(Math.max(1, cores / 2)), averaging.attributes().get(CellAttribute.TF_INTRA_OP_THREADS.key()));
        assertTrue(averaging.attributes().get("tfIntraOpThreadsChosen").startsWith("auto: " + cores + " cores / 2 task(s) at once; "),
                averaging.attributes().get("tfIntraOpThreadsChosen"));
        var single = spec(s, "single", "local");
        CellResult one = auto.run(single);
        CellResult bare = auto.run(dev.factortwo.harness.plan.SuitePlan.withBareReferences(java.util.List.of(single)).get(0));
        assertEquals(String.valueOf(cores), one.attributes().get(CellAttribute.TF_INTRA_OP_THREADS.key()));
        assertEquals(String.valueOf(cores), bare.attributes().get(CellAttribute.TF_INTRA_OP_THREADS.key()));
        assertEquals(one.fingerprint(), bare.fingerprint(), "the same threads, so still the same bits");
    }

    @Test
    void workloadThreadsGiveTheMlpOneThreadEverywhereAndSayWhy() {
        CellRunner byModel = new CellRunner(dev.factortwo.harness.spark.SparkSessions.context(fx.session), fx.catalog, fx.tiers,
                new dev.factortwo.harness.nn.TfSettings(dev.factortwo.harness.nn.TfSettings.BY_WORKLOAD, 2),
                new dev.factortwo.harness.device.Accelerator.Real("cpu"), Progress.silent());
        var single = spec(SparkFixture.cell("train-mlp", "memory", "local", 1, 1), "single", "local");
        CellResult one = byModel.run(single);
        CellResult bare = byModel.run(dev.factortwo.harness.plan.SuitePlan.withBareReferences(java.util.List.of(single)).get(0));
        for (CellResult r : java.util.List.of(one, bare)) {
            assertEquals("1", r.attributes().get(CellAttribute.TF_INTRA_OP_THREADS.key()), r.id());
            assertTrue(r.attributes().get("tfIntraOpThreadsChosen").startsWith("chosen by the workload's model (--tf-intra-op-threads workload), 1 task(s) at once"),
                    r.attributes().get("tfIntraOpThreadsChosen"));
        }
        assertEquals(one.fingerprint(), bare.fingerprint(), "the same threads, so still the same bits");
    }

    private static dev.factortwo.model.CellSpec spec(dev.factortwo.model.CellSpec s, String strategy, String state) {
        return new dev.factortwo.model.CellSpec(new dev.factortwo.model.CellKey("train-mlp", "synthetic", "memory", state, strategy,
                "tensorflow", "cpu"), s.seed(), s.epochs(), s.batchSize(), s.learningRate(), s.partitions(), s.trainSamples(),
                s.testSamples(), s.repetitions(), s.warmupSteps(), 0);
    }

    @Test
    void shortPassesAreRepeatedUntilARepetitionLastsTheMinimumAndTheCountIsRecorded() {
        CellRunner r = fx.runner.withPolicy(new MeasurementPolicy(0.3, 0, 0, 1));
        CellResult c = r.run(SparkFixture.cell("train-mlp", "memory", "local", 1, 2));
        int passes = Integer.parseInt(c.attributes().get("passesPerRepetition"));
        assertTrue(c.repetitions().get(0).wallSeconds() >= 0.3, "the first repetition runs passes until it lasts 0.3 s");
        for (var rep : c.repetitions()) assertEquals(passes * 2L * (600 / 32) * 32, rep.samples(), "every repetition runs the same passes");
        assertEquals(Reproducibility.Verdict.BITWISE, c.reproducibility().verdict());
        assertEquals("0.3", c.attributes().get("minRepetitionSeconds"));
    }

    @Test
    void theSeedChangesTheFingerprint() {
        CellResult a = fx.runner.run(SparkFixture.cell("train-mlp", "memory", "local", 1, 1));
        var s = SparkFixture.cell("train-mlp", "memory", "local", 1, 1);
        var other = new dev.factortwo.model.CellSpec(s.key(), 6, s.epochs(), s.batchSize(), s.learningRate(), s.partitions(),
                s.trainSamples(), s.testSamples(), 1, s.warmupSteps(), 0);
        assertNotEquals(a.fingerprint(), fx.runner.run(other).fingerprint());
    }

    @Test
    void inferenceEmbeddedAndSchedulerGiveTheSameOutputs() {
        CellResult embedded = fx.runner.run(SparkFixture.cell("infer", "memory", "spark", 1, 2));
        CellResult scheduler = fx.runner.run(SparkFixture.cell("infer", "local-disk", "local", 1, 2));
        assertEquals(embedded.fingerprint(), scheduler.fingerprint());
        assertEquals(Reproducibility.Verdict.BITWISE, embedded.reproducibility().verdict());
        assertEquals(1200, embedded.repetitions().get(0).samples());
        assertTrue(Double.isNaN(embedded.testAccuracy()));
    }

    @Test
    void measuresInputComputeAndStorage() {
        CellResult r = fx.runner.run(SparkFixture.cell("train-mlp", "local-disk", "local", 2, 1));
        assertEquals(2, r.io().size());
        long shardBytes = 1200L * (28 * 28 + 1);
        // local-disk with local state re-reads its files every epoch: at least the shard bytes each time
        assertTrue(r.io().get(0).bytesRead() >= shardBytes, "epoch 0 read " + r.io().get(0).bytesRead());
        assertTrue(r.io().get(1).bytesRead() >= shardBytes, "epoch 1 read " + r.io().get(1).bytesRead());
        assertTrue(r.computeSeconds() > 0 && r.inputSeconds() > 0);
        assertTrue(r.acceleratorUtilization() > 0 && r.acceleratorUtilization() <= 1.0, "AU " + r.acceleratorUtilization());
        assertTrue(r.latency().count() > 0 && r.latency().p99Ms() >= r.latency().p50Ms());
        CellResult cached = fx.runner.run(SparkFixture.cell("train-mlp", "memory", "spark", 2, 1));
        assertTrue(cached.io().get(0).bytesRead() >= shardBytes);
        assertEquals(0, cached.io().get(1).bytesRead(), "MEMORY_ONLY serves epoch 1 from Spark's cache");
    }

    @Test
    void emulatedAcceleratorWaitsItsProfileAndThrottleAddsItsShare() {
        var profile = new AcceleratorProfile("test-gpu", java.util.Map.of("train-mlp", 100_000L), "test: 100 us per sample");
        CellRunner emulated = fx.runnerWith(new Accelerator.Emulated(profile));
        var s = SparkFixture.cell("train-mlp", "memory", "local", 1, 1);
        CellResult plain = emulated.run(s);
        CellResult slow = emulated.run(new dev.factortwo.model.CellSpec(s.key(), s.seed(), 1, s.batchSize(), s.learningRate(),
                s.partitions(), s.trainSamples(), s.testSamples(), 1, s.warmupSteps(), 100));
        assertEquals("emulate:test-gpu", plain.key().device());
        assertEquals("test-gpu", plain.attributes().get(CellAttribute.EMULATED.key()));
        // 600 samples per partition, 18 full batches of 32: 576 samples x 100 us of emulated compute per worker
        double expected = 576 * 100e-6;
        // the emulated device is a timeline (EmulatedDevice): its compute is the profile's time exactly, however late
        // the task's thread wakes
        assertEquals(expected, plain.computeSeconds(), 1e-6, "emulated compute");
        assertEquals(2 * expected, slow.computeSeconds(), 1e-6, "a 100% throttle doubles it");
        assertTrue(plain.notes().stream().anyMatch(n -> n.contains("emulated test-gpu")), plain.notes().toString());
    }

    /**
     * An emulated cell's partitions stream in (a reader thread per task, {@code inputPipeline} says so), and what they
     * read is counted exactly as a whole read counts it, epoch by epoch: through Spark's accumulators in Spark state
     * (once the task's reader is done), through the task's count in local state; the caches serve later epochs alike.
     */
    @Test
    void anEmulatedCellStreamsItsPartitionsAndCountsWhatAWholeReadCounts() {
        var profile = new AcceleratorProfile("test-gpu", java.util.Map.of("train-mlp", 10_000L), "test: 10 us per sample");
        CellRunner emulated = fx.runnerWith(new Accelerator.Emulated(profile));
        for (String[] c : new String[][] {{"memory", "spark"}, {"memory", "local"}, {"s3", "spark"}}) {
            var s = SparkFixture.cell("train-mlp", c[0], c[1], 2, 1);
            CellResult whole = fx.runner.run(s);
            CellResult streamed = emulated.run(s);
            String where = c[0] + "/" + c[1] + ": ";
            assertTrue(streamed.ok(), where + streamed.error());
            assertTrue(streamed.attributes().get("inputPipeline").startsWith("streamed"), where + streamed.attributes().get("inputPipeline"));
            assertEquals(null, whole.attributes().get("inputPipeline"), where + "a model's cell reads its partitions whole");
            assertEquals(whole.io().size(), streamed.io().size(), where + streamed.io());
            for (int e = 0; e < whole.io().size(); e++) {
                assertEquals(whole.io().get(e).bytesRead(), streamed.io().get(e).bytesRead(), where + "epoch " + e + ": " + streamed.io());
                assertEquals(whole.io().get(e).filesOpened(), streamed.io().get(e).filesOpened(), where + "epoch " + e + ": " + streamed.io());
            }
            assertTrue(streamed.io().get(0).bytesRead() > 0, where + streamed.io());
        }
    }
}
