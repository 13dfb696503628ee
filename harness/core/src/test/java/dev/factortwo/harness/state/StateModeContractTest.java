package dev.factortwo.harness.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.datasets.DatasetSpec;
import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.harness.task.TaskOutcome;
import dev.factortwo.harness.task.TaskSideFault;
import dev.factortwo.harness.testing.InjectedFailures;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.workload.Workloads;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every state mode keeps, on real Spark ({@code local[2,4]}) over the warm tiers: tasks see their
 * partitions in order, a round of training gives the same bits in every mode, the first round reads the
 * store, and what a mode can drop or wipe follows from its own properties and the tier's, and is then read
 * again.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateModeContractTest {

    SparkFixture fx;
    JavaSparkContext sc;
    ModelJob job;
    final Map<String, String> fingerprints = new TreeMap<>();

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
        sc = SparkSessions.context(fx.session);
        DatasetSpec ds = fx.catalog.spec("synthetic");
        job = new ModelJob(Workloads.TRAIN_MLP.architecture(), new Architecture.InputShape(ds.height(), ds.width(), ds.channels()),
                ds.classes(), 0.05f, 50, 5, 0, 0, 0, 0, TfSettings.defaults(), java.util.List.of());
    }


    static Stream<String> warmTiers() {
        return Stream.of("memory", "local-disk");
    }

    @ParameterizedTest
    @MethodSource("warmTiers")
    void everyModeTrainsTheSameBitsReadsTheStoreAndDropsWhatItSaysItKeeps(String tierName) {
        StorageTier tier = fx.tiers.tier(tierName);
        StagedData staged = fx.tiers.stage(tierName, fx.catalog.trainShards("synthetic", 200, 2));
        Weights start = PartitionWork.initialWeights(job);
        for (StateMode mode : StateMode.all()) {
            String where = mode.name() + " on " + tierName;
            try (Execution ex = mode.open(sc, staged, 2, tier)) {
                assertEquals(2, ex.partitions());
                assertEquals(List.of(0, 1), ex.eachPartition(job, in -> in.data().partition()), where + ": results in partition order");
                ex.drainIo();
                List<TaskOutcome> first = ex.trainRound(job, start);
                assertEquals(List.of(0, 1), first.stream().map(TaskOutcome::partition).toList(), where);
                fingerprints.put(where, Weights.average(first.stream().map(TaskOutcome::weights).toList()).fingerprint());

                boolean dropped = !ex.dropCachedBlocks().isEmpty();
                Execution.Wipe wipe = ex.wipeLocalState();
                int wiped = wipe.entriesByExecutor().values().stream().mapToInt(Integer::intValue).sum();
                assertEquals(!mode.workerLocal() && tier.sparkCaches(), dropped, where + ": Spark-cached blocks to drop");
                assertEquals(mode.workerLocal(), wiped > 0, where + ": worker-local state to wipe");
                if (mode.workerLocal()) {
                    assertEquals(wipe.executorsExpected(), wipe.entriesByExecutor().size(), where + ": the wipe reached every executor");
                    // two partitions' models and the synchronisation stamps beside them, and their data where the tier is
                    // copied to the workers
                    assertEquals(tier.workerLocalCopy() ? 6 : 4, wiped, where + ": entries dropped " + wipe.entriesByExecutor());
                }
                ex.drainIo();
                List<TaskOutcome> again = ex.trainRound(job, start);
                long reread = ex.drainIo().bytesRead();
                if (dropped || mode.workerLocal() && tier.workerLocalCopy()) {
                    assertTrue(reread > 0, where + ": what was dropped is read again from the store");
                }
                assertEquals(fingerprints.get(where), Weights.average(again.stream().map(TaskOutcome::weights).toList()).fingerprint(),
                        where + ": the same round again, after the loss, gives the same bits");
            }
        }
        assertEquals(1, fingerprints.entrySet().stream().filter(e -> e.getKey().endsWith(tierName)).map(Map.Entry::getValue)
                .distinct().count(), "every state mode gives the same bits: " + fingerprints);
    }

    /**
     * The one task-side hook: every way a mode runs a strategy's task passes the task's fault point, so a failure planted
     * in the job strikes partition 0's first attempt (Spark retries it) whatever the strategy; a task that reaches the
     * point itself strikes there, and only once. A mode that ran a task around the hook fails here.
     */
    @Test
    void everyWayOfRunningATaskPassesItsFaultPoint() {
        StagedData staged = fx.tiers.stage("memory", fx.catalog.trainShards("synthetic", 200, 2));
        ModelJob planted = job.withTaskFault(new dev.factortwo.harness.fault.TaskFailure.Strike(job.epoch()));
        try (InjectedFailures failed = new InjectedFailures(sc)) {
            for (StateMode mode : StateMode.all()) {
                try (Execution ex = mode.open(sc, staged, 2, fx.tiers.tier("memory"))) {
                    int before = failed.seen();
                    assertEquals(List.of(0, 1), ex.eachPartition(job, in -> in.data().partition()));
                    assertEquals(before, failed.seen(), mode.name() + ": nothing planted, nothing fails");
                    assertEquals(List.of(0, 1), ex.eachPartition(planted, in -> in.data().partition()));
                    assertEquals(before + 1, failed.seen(), mode.name() + ": eachPartition passes the fault point");
                    assertEquals(List.of(0, 1), ex.barrier(planted, in -> in.data().partition()));
                    assertEquals(before + 2, failed.seen(), mode.name() + ": barrier passes the fault point");
                    assertEquals(200L, (long) ex.whole(planted, in -> (long) in.data().count()));
                    assertEquals(before + 3, failed.seen(), mode.name() + ": whole passes the fault point");
                    // reached early on purpose, and not again when the task returns
                    assertEquals(List.of(0, 1), ex.eachPartition(planted, in -> {
                        in.reachFaultPoint();
                        in.reachFaultPoint();
                        return in.data().partition();
                    }));
                    assertEquals(before + 4, failed.seen(), mode.name() + ": one failure however often the point is reached");
                    // a new task-side fault, written for this test alone: no state mode or strategy was changed for it
                    org.apache.spark.util.LongAccumulator reached = sc.sc().longAccumulator();
                    ModelJob counted = job.withTaskFault(new CountingFault(reached));
                    ex.eachPartition(counted, in -> 0);
                    ex.barrier(counted, in -> 0);
                    ex.whole(counted, in -> 0);
                    ex.trainRound(counted, PartitionWork.initialWeights(job));
                    assertEquals(2 + 2 + 1 + 2, reached.value(), mode.name() + ": every task of every way reached it once");
                }
            }
        }
    }

    /** A task-side fault that only counts the fault points it reached. */
    record CountingFault(org.apache.spark.util.LongAccumulator reached) implements TaskSideFault {
        @Override
        public void strike(ModelJob job, int partition, int taskAttempt, int stageAttempt) {
            reached.add(1);
        }
    }

    @Test
    void namesDescriptionsAndLookups() {
        for (StateMode mode : StateMode.all()) {
            assertEquals(mode, StateMode.byName(mode.name()));
            assertFalse(mode.recovery().isBlank());
            assertTrue(mode.keptOutsideSpark().length() > 5);
        }
        assertEquals(1, StateMode.all().stream().filter(StateMode::workerLocal).count(), "one mode keeps state outside Spark");
    }
}
