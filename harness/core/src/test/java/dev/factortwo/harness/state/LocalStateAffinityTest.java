package dev.factortwo.harness.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.datasets.SyntheticOptions;
import dev.factortwo.harness.cell.CellRunner;
import dev.factortwo.harness.cell.Progress;
import dev.factortwo.harness.data.DatasetCatalog;
import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.device.Accelerator;
import dev.factortwo.harness.fault.ExecutorKill;
import dev.factortwo.harness.fault.FaultRecord;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.spark.ClusterSession;
import dev.factortwo.harness.spark.Quiet;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.task.PartitionInput;
import dev.factortwo.harness.task.PartitionTask;
import dev.factortwo.harness.task.Placement;
import dev.factortwo.harness.task.WorkerLocal;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.EpochIo;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.Repetition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Local state on a real standalone cluster (two executor JVMs of one core, started by the harness): each partition's
 * task goes back to the executor holding its state every round, and a task Spark could not place there is recorded,
 * never silent, and finds no stale replica to train on; an executor killed mid-run shows up as lost replicas and moves.
 * One cluster for the class, in the default test run; Spark's locality wait is 1 s instead of 3 s, so that the planted
 * move costs seconds, not tens of them. The kill runs last: the cluster has a new executor after it.
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.factortwo.harness.testing.OwnSpark.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStateAffinityTest {

    /** Spark's locality wait on this cluster; a task kept from its home executor longer than this moves. */
    static final String LOCALITY_WAIT = "1s";

    private static Path scratch;
    private static ClusterSession cs;
    private static TierRegistry tiers;
    private static CellRunner runner;

    @BeforeAll
    static void cluster() throws Exception {
        Quiet.apply(false);
        scratch = Files.createTempDirectory("factortwo-affinity");
        long t0 = System.nanoTime();
        cs = ClusterSession.start("standalone", Map.of("spark.executor.instances", "2", "spark.locality.wait", LOCALITY_WAIT), scratch);
        System.out.printf("standalone cluster and session up in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        tiers = new TierRegistry(TierSettings.embedded(scratch));
        DatasetCatalog catalog = new DatasetCatalog(scratch, Optional.empty(), new SyntheticOptions(1200, 400, 28, 28, 1, 10, 11));
        runner = new CellRunner(SparkSessions.context(cs.session()), catalog, tiers, TfSettings.defaults(),
                new Accelerator.Real("cpu"), Progress.plain(System.out));
    }

    @AfterAll
    static void stop() throws Exception {
        if (tiers != null) tiers.close();
        if (cs != null) cs.close();
    }

    private static CellResult run(String strategy, int epochs, int repetitions) {
        return run("memory", strategy, epochs, repetitions);
    }

    private static CellResult run(String tier, String strategy, int epochs, int repetitions) {
        CellResult r = runner.run(new CellSpec(new CellKey("train-mlp", "synthetic", tier, "local", strategy, "tensorflow", "cpu"),
                5, epochs, 32, 0.05, 2, 1200, 400, repetitions, 0, 0));
        assertTrue(r.ok(), r.error());
        System.out.println(strategy + ": " + r.attributes() + " io " + r.io());
        return r;
    }

    /**
     * The memory tier's data stays in the executor that read it in round 0; the local-disk tier's stays on disk by
     * design (local state re-reads it there every epoch, decoding it once), so there every round reads exactly its
     * own shards again, never a moved partition's too.
     */
    @Test
    void memoryTierReadsTheStoreOnlyInRoundZeroAndLocalDiskOnlyItsOwnShards() {
        for (String tier : List.of("memory", "local-disk")) {
            CellResult r = run(tier, "model-averaging", 3, 1);
            List<EpochIo> io = r.io();
            assertTrue(io.get(0).bytesRead() > 0, tier + ": round 0 fills the workers' caches: " + io);
            long later = tier.equals("memory") ? 0 : io.get(0).bytesRead();
            for (EpochIo e : io.subList(1, io.size())) assertEquals(later, e.bytesRead(), tier + ": what later rounds read: " + io);
            assertEquals("0", r.attributes().get("replicaMoved"), r.attributes().toString());
            assertEquals("0", r.attributes().get("staleReplicasDiscarded"), r.attributes().toString());
            assertTrue(Long.parseLong(r.attributes().get("taskLaunchWaitMillis")) < 1000 * 3,
                    "no round waited out the locality wait: " + r.attributes().get("taskLaunchWaitMillis"));
            assertTrue(r.attributes().get("taskLocality").contains("PROCESS_LOCAL"), r.attributes().toString());
            assertTrue(!r.attributes().get("tasksByExecutorByRound").contains("driver"), "tasks ran in executors: " + r.attributes());
        }
    }

    @Test
    void localSgdsBarrierStagesStayHomeToo() {
        CellResult r = run("local-sgd-every-4", 3, 2);
        assertEquals(1, r.repetitions().stream().map(Repetition::fingerprint).distinct().count(), r.repetitions().toString());
        assertEquals("0,0", r.attributes().get("replicaMoved"), r.attributes().toString());
        for (EpochIo e : r.io().subList(1, r.io().size())) assertEquals(0, e.bytesRead(), "later rounds read nothing: " + r.io());
    }

    @Test
    @Tag("slow")
    void theSingleWorkersTaskStaysOnItsExecutorToo() {
        CellResult r = run("single", 3, 1);
        for (EpochIo e : r.io().subList(1, r.io().size())) assertEquals(0, e.bytesRead(), "later rounds read nothing: " + r.io());
        assertEquals("0", r.attributes().get("replicaMoved"), r.attributes().toString());
    }

    @Test
    void localSgdEndRepeatsBitwiseWithNoMoves() {
        CellResult r = run("local-sgd-end", 3, 2);
        List<String> prints = r.repetitions().stream().map(Repetition::fingerprint).distinct().toList();
        assertEquals(1, prints.size(), "repetitions gave the same bits: " + r.repetitions());
        assertEquals("0,0", r.attributes().get("replicaMoved"), r.attributes().toString());
        assertEquals("0,0", r.attributes().get("staleReplicasDiscarded"), r.attributes().toString());
    }

    /**
     * Partition 0's home executor is kept busy past Spark's locality wait ({@value #LOCALITY_WAIT} per level): its task runs on the other
     * executor, and the execution records the move. Then the other executor is kept busy, partition 0 goes back to its
     * first executor, finds the replica it left there two synchronisations ago, and discards it rather than train on it.
     */
    @Test
    void aTaskSparkCouldNotPlaceHomeIsRecordedAndFindsNoStaleReplica() throws Exception {
        JavaSparkContext sc = SparkSessions.context(cs.session());
        DatasetCatalog catalog = new DatasetCatalog(scratch, Optional.empty(), new SyntheticOptions(1200, 400, 28, 28, 1, 10, 11));
        var staged = tiers.stage("memory", catalog.trainShards("synthetic", 1200, 2));
        try (Execution ex = new LocalState().open(sc, staged, 2, tiers.tier("memory"))) {
            List<String> first = ex.eachPartition(null, new Visit());
            Placement p0 = ex.drainPlacement();
            System.out.println("round 0: " + first + " " + p0);
            assertEquals(0, p0.moved());
            String home0 = first.get(0).split("=")[0];
            String home1 = first.get(1).split("=")[0];
            assertNotEquals(home0, home1, "one task per executor: " + first);

            List<String> second = whileBusy(sc, home0, () -> ex.eachPartition(null, new Visit()));
            Placement p1 = ex.drainPlacement();
            System.out.println("round 1, " + home0 + " busy: " + second + " " + p1);
            assertTrue(second.get(0).startsWith(home1 + "="), "partition 0 ran away from its busy home: " + second);
            assertEquals(List.of("0:" + home0 + "->" + home1), p1.moves());
            assertTrue(p1.tasksByLocality().keySet().stream().anyMatch(l -> !l.equals("PROCESS_LOCAL")), p1.toString());
            assertTrue(p1.launchWaitMillis() >= 900, "Spark held partition 0 back for the 1 s locality wait, and says so: " + p1);

            List<String> third = whileBusy(sc, home1, () -> ex.eachPartition(null, new Visit()));
            Placement p2 = ex.drainPlacement();
            System.out.println("round 2, " + home1 + " busy: " + third + " " + p2);
            assertTrue(p2.moved() >= 1, p2.toString());
            assertTrue(third.get(0).startsWith(home0 + "="), "partition 0 back on its first executor: " + third);
            assertEquals(home0 + "=null", third.get(0), "the replica it left there was discarded, not used: " + third);
            assertTrue(p2.staleDiscarded() >= 1, p2.toString());
        }
    }

    /**
     * local-sgd-end under executor-kill in round 1: the replicas on the killed executor are gone, their tasks restart
     * them elsewhere from the start weights, and the evidence counts the steps they had run in round 0 (18 each: 600
     * samples a partition in batches of 32). Each partition's task prefers the executor holding its replica, so only
     * the tasks the kill took away move, and the evidence records each move. The kill waits for a running task of the
     * round, so it cannot miss a short round.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void anExecutorKilledMidRunShowsUpAsLostReplicasAndMoves() {
        CellRunner killing = new CellRunner(SparkSessions.context(cs.session()),
                new DatasetCatalog(scratch, Optional.empty(), new SyntheticOptions(1200, 400, 28, 28, 1, 10, 11)), tiers,
                TfSettings.defaults(), new Accelerator.Real("cpu"), Progress.plain(System.out))
                .withFaults(List.of(new ExecutorKill()), cs.cluster());
        CellResult r = killing.run(new CellSpec(new CellKey("train-mlp", "synthetic", "memory", "local", "local-sgd-end", "tensorflow", "cpu"),
                5, 2, 32, 0.05, 2, 1200, 400, 1, 0, 0));
        assertTrue(r.ok(), r.error());
        FaultOutcome kill = r.reproducibility().faults().get(0);
        System.out.println("local-sgd-end, executor-kill: " + kill.evidence() + " " + kill.explanation());
        assertEquals("executor-kill", kill.fault());
        assertTrue(kill.explanation().contains("killed executor"), kill.explanation());
        assertTrue(kill.evidence().get(FaultRecord.EXECUTORS_LOST) > 0, "Spark saw the executor go: " + kill.evidence());
        assertTrue(kill.evidence().get(FaultRecord.TASKS_LOST) > 0, "a task of the round ran on it and was lost: " + kill.evidence());
        long restored = kill.evidence().get(FaultRecord.REPLICAS_RESTORED);
        assertTrue(restored >= 1, "a replica lived on the killed executor: " + kill.evidence() + " " + kill.explanation());
        assertEquals(18 * restored, kill.evidence().get(FaultRecord.STEPS_LOST), kill.evidence() + " " + kill.explanation());
        assertTrue(kill.evidence().get(FaultRecord.REPLICA_MOVED) >= restored, "every restored replica's task moved, and was"
                + " recorded: " + kill.evidence());
    }

    /** Runs {@code body} while one long task occupies {@code executor}'s only core. */
    private static <T> T whileBusy(JavaSparkContext sc, String executor, java.util.concurrent.Callable<T> body) throws Exception {
        String host = hostOf(sc, executor);
        var rdd = LocalState.preferring(sc, List.of(LocalState.location(host, executor)));
        Thread blocker = new Thread(() -> rdd.map(new Sleep()).collect());
        blocker.start();
        // the body starts once the blocking task runs (not after a guessed delay, which a loaded machine outlasts)
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (java.util.Arrays.stream(sc.statusTracker().getActiveStageIds()).mapToObj(id -> sc.statusTracker().getStageInfo(id))
                .noneMatch(info -> info != null && info.numActiveTasks() > 0)) {
            if (System.nanoTime() > deadline) throw new AssertionError("the blocking task never started on " + executor);
            Thread.sleep(50);
        }
        Thread.sleep(200);
        try {
            return body.call();
        } finally {
            blocker.join();
        }
    }

    private static String hostOf(JavaSparkContext sc, String executor) {
        List<String> at = sc.parallelize(List.of(0, 1, 2, 3, 4, 5, 6, 7), 8).map(new Where()).collect();
        return at.stream().filter(s -> s.startsWith(executor + "@")).findFirst()
                .orElseThrow(() -> new AssertionError("no task reached executor " + executor + ": " + at)).split("@")[1];
    }

    /** A replica stand-in: the visits it has seen, kept beside the partition's state; returns {@code executor=count}. */
    static final class Visit implements PartitionTask<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String run(PartitionInput in) {
            String key = in.localModelKey() + ":visits";
            Integer seen = WorkerLocal.value(key, Integer.class);
            WorkerLocal.putValue(key, seen == null ? 1 : seen + 1);
            return SparkEnv.get().executorId() + "=" + seen;
        }
    }

    static final class Sleep implements Function<Integer, Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer call(Integer x) throws InterruptedException {
            Thread.sleep(3500); // past the 1 s wait at PROCESS_LOCAL and the next level, so the scheduler falls back
            return x;
        }
    }

    static final class Where implements Function<Integer, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String call(Integer x) throws InterruptedException {
            Thread.sleep(200);
            return SparkEnv.get().executorId() + "@" + SparkEnv.get().blockManager().blockManagerId().host();
        }
    }
}
