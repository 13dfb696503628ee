package dev.factortwo.harness.fault;

import dev.factortwo.harness.cell.CellRunner;
import dev.factortwo.harness.cell.Progress;
import dev.factortwo.harness.data.DatasetCatalog;
import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.device.Accelerator;
import dev.factortwo.harness.testing.SparkFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.datasets.SyntheticOptions;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.spark.ClusterSession;
import dev.factortwo.harness.spark.Quiet;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.FaultOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real standalone Spark cluster (master, worker, executor JVMs) started by the harness; an executor is
 * SIGKILLed while it runs a task of a round, and Spark recomputes its cached partition from the source. Slow group: each
 * test starts a cluster of its own. The default run's executor kill (local-sgd's lost replicas) is in
 * {@code LocalStateAffinityTest}, on that class's cluster.
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.factortwo.harness.testing.OwnSpark.class)
@Tag("slow")
class ExecutorKillTest {

    /** Runs {@code spec} on a fresh standalone cluster with {@code samples} synthetic samples, injecting {@code faults}. */
    static CellResult onCluster(String name, int samples, List<FaultKind> faults, CellSpec spec) throws Exception {
        Quiet.apply(false);
        Path scratch = Files.createTempDirectory(name);
        try (ClusterSession cs = ClusterSession.start("standalone", Map.of("spark.executor.instances", "2"), scratch);
             TierRegistry tiers = new TierRegistry(TierSettings.embedded(scratch))) {
            DatasetCatalog catalog = new DatasetCatalog(scratch, Optional.empty(), new SyntheticOptions(samples, 400, 28, 28, 1, 10, 11));
            CellRunner runner = new CellRunner(SparkSessions.context(cs.session()), catalog, tiers, TfSettings.defaults(),
                    new Accelerator.Real("cpu"), Progress.plain(System.out)).withFaults(faults, cs.cluster());
            CellResult r = runner.run(spec);
            assertTrue(r.ok(), r.error());
            return r;
        }
    }

    @Test
    void sparkStateSurvivesAnExecutorKillWithIdenticalWeights() throws Exception {
        var spec = SparkFixture.cell("train-mlp", "memory", "spark", 2, 1);
        spec = new CellSpec(spec.key(), spec.seed(), 2, 32, 0.05, 2, 4000, 400, 1, 2, 0);
        CellResult r = onCluster("factortwo-executor-kill", 4000, List.of(new ExecutorKill(), new TaskFailure()), spec);
        FaultOutcome kill = r.reproducibility().faults().get(0);
        assertEquals("executor-kill", kill.fault());
        assertEquals(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, kill.outcome(), kill.explanation());
        assertTrue(kill.explanation().contains("killed executor"), kill.explanation());
        assertTrue(kill.evidence().get(FaultRecord.EXECUTORS_LOST) > 0, "Spark saw the executor go: " + kill.evidence());
        assertTrue(kill.evidence().get(FaultRecord.TASKS_LOST) > 0, "a task of the round ran on it and was lost: " + kill.evidence());
        assertEquals(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, r.reproducibility().faults().get(1).outcome(),
                r.reproducibility().faults().get(1).explanation());
    }

    /**
     * local-state-loss on a real standalone cluster: the wipe runs in the executor JVMs, where the worker-local
     * entries live (the driver holds none), and the tasks refill them from the store.
     */
    @Test
    void localStateLossDropsEntriesInTheExecutorsAndTheyAreReadAgain() throws Exception {
        CellResult r = onCluster("factortwo-local-state-loss", 1200, List.of(new LocalStateLoss()),
                SparkFixture.cell("train-mlp", "memory", "local", 2, 1));
        FaultOutcome loss = r.reproducibility().faults().get(0);
        assertEquals(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, loss.outcome(), loss.explanation());
        assertTrue(loss.evidence().get(FaultRecord.ENTRIES_DROPPED) > 0, loss.evidence().toString());
        assertTrue(loss.evidence().keySet().stream().anyMatch(k -> k.startsWith(FaultRecord.ENTRIES_DROPPED + ".executor.")
                && !k.endsWith(".driver") && loss.evidence().get(k) > 0), "dropped in an executor JVM, not the driver: " + loss.evidence());
        assertEquals(loss.evidence().get(FaultRecord.EXECUTORS_EXPECTED), loss.evidence().get(FaultRecord.EXECUTORS_REACHED),
                "the wipe reached every executor: " + loss.evidence());
        // the wipe's tasks land anywhere, but the training tasks go back to their partitions' executors: only the wipe re-reads
        assertTrue(loss.evidence().get(FaultRecord.BYTES_READ_FROM_FAULT_ROUND) > 0, "the executors read the store again: " + loss.evidence());
    }
}
