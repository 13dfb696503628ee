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
import dev.factortwo.harness.testing.SparkFixture;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.workload.Workloads;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
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
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateModeContractTest {

    SparkFixture fx;
    JavaSparkContext sc;
    ModelJob job;
    final Map<String, String> fingerprints = new TreeMap<>();

    @BeforeAll
    void start() throws java.io.IOException {
        fx = new SparkFixture(Files.createTempDirectory("factortwo-states"));
        sc = SparkSessions.context(fx.session);
        DatasetSpec ds = fx.catalog.spec("synthetic");
        job = new ModelJob(Workloads.TRAIN_MLP.architecture(), new Architecture.InputShape(ds.height(), ds.width(), ds.channels()),
                ds.classes(), 0.05f, 50, 5, 0, 0, 0, 0, TfSettings.defaults(), -1);
    }

    @AfterAll
    void stop() {
        fx.close();
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
                assertEquals(List.of(0, 1), ex.eachPartition(in -> in.data().partition()), where + ": results in partition order");
                ex.drainIo();
                List<TaskOutcome> first = ex.trainRound(job, start);
                assertEquals(List.of(0, 1), first.stream().map(TaskOutcome::partition).toList(), where);
                fingerprints.put(where, Weights.average(first.stream().map(TaskOutcome::weights).toList()).fingerprint());

                boolean dropped = ex.dropCachedBlocks() > 0;
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
