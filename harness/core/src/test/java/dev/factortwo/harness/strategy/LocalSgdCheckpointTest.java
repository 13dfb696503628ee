package dev.factortwo.harness.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.datasets.DatasetSpec;
import dev.factortwo.harness.checkpoint.Checkpointing;
import dev.factortwo.harness.checkpoint.Checkpoints;
import dev.factortwo.harness.checkpoint.CorruptCheckpointException;
import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.StagedData;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import dev.factortwo.harness.tier.CheckpointStore;
import dev.factortwo.harness.workload.Workloads;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * That ending at the fault-free fingerprint after a restore means something: local SGD run directly (4 rounds,
 * checkpoints every round, worker state wiped before round 2) ends at the fault-free bits from a faithful checkpoint,
 * at other bits from a checkpoint that loses one replica's individuality behind a consistent manifest (replica 1
 * restored as replica 0), and refuses to go on from a part corrupted in the store.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalSgdCheckpointTest {

    SparkFixture fx;
    JavaSparkContext sc;
    StagedData staged;
    ModelJob job;
    CellSpec spec;

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
        sc = SparkSessions.context(fx.session);
        staged = fx.tiers.stage("memory", fx.catalog.trainShards("synthetic", 400, 2));
        DatasetSpec ds = fx.catalog.spec("synthetic");
        job = new ModelJob(Workloads.TRAIN_MLP.architecture(), new Architecture.InputShape(ds.height(), ds.width(), ds.channels()),
                ds.classes(), 0.05f, 32, 5, 0, 0, 0, 0, TfSettings.defaults(), List.of());
        spec = new CellSpec(new CellKey("train-mlp", "synthetic", "memory", "local", "local-sgd", "tensorflow", "cpu", 0, 1),
                5, 4, 32, 0.05, 2, 400, 0, 1, 0, 0);
    }


    /** One run of local-sgd; with {@code wipe}, the worker-local state goes before round 2. */
    private String run(Checkpointing cp, boolean wipe) {
        RoundHook hook = new RoundHook() {
            @Override
            public void beforeRound(int round, int rounds, Execution ex) {
                if (wipe && round == 2) ex.wipeLocalState();
            }
        };
        try (Execution ex = StateMode.byName("local").open(sc, staged, 2, fx.tiers.tier("memory"))) {
            Trained t = new LocalSgd(LocalSgd.DEFAULT_SYNC_EVERY).run(new StrategyContext(sc, ex, job, spec, hook, AccuracyProbe.NONE, cp),
                    PartitionWork.initialWeights(job));
            return t.weights().fingerprint();
        }
    }

    private CheckpointStore store(String run) {
        return fx.tiers.tier("memory").checkpoints(run);
    }

    @Test
    void aFaithfulRestoreEndsAtTheFaultFreeBitsAndALossyOneDoesNot() {
        String faultFree = run(Checkpointing.NONE, false);
        try (CheckpointStore quiet = store("quiet"); CheckpointStore faithful = store("faithful");
             CheckpointStore lossy = new Rewriting(store("lossy"), Rewriting::replicaOneAsZero)) {
            assertEquals(faultFree, run(new Checkpointing(1, new Checkpoints(quiet)), false), "checkpoints alone change nothing");
            assertEquals(faultFree, run(new Checkpointing(1, new Checkpoints(faithful)), true), "restored from round 1's checkpoint");
            assertNotEquals(faultFree, run(new Checkpointing(1, new Checkpoints(lossy)), true),
                    "a restore that loses replica 1 must not end at the fault-free bits");
        }
        assertNotEquals(faultFree, run(Checkpointing.NONE, true), "without checkpoints the loss changes the result");
    }

    @Test
    void aPartCorruptedInTheStoreStopsTheRunNamingIt() {
        try (CheckpointStore flipped = new Rewriting(store("flipped"), Rewriting::flipReplicaOne)) {
            CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
                    () -> run(new Checkpointing(1, new Checkpoints(flipped)), true));
            assertTrue(e.getMessage().contains("part replica-1: SHA-256"), e.getMessage());
        }
    }

    /** A store that hands a reader what {@code rewrite} makes of the whole checkpoint it asked into. */
    static final class Rewriting implements CheckpointStore {
        private final CheckpointStore inner;
        private final UnaryOperator<Map<String, byte[]>> rewrite;

        Rewriting(CheckpointStore inner, UnaryOperator<Map<String, byte[]>> rewrite) {
            this.inner = inner;
            this.rewrite = rewrite;
        }

        @Override
        public String client() {
            return "rewriting " + inner.client();
        }

        @Override
        public void write(String name, byte[] bytes) throws IOException {
            inner.write(name, bytes);
        }

        @Override
        public void publish(String name, byte[] bytes) throws IOException {
            inner.publish(name, bytes);
        }

        @Override
        public byte[] read(String name) throws IOException {
            String dir = name.substring(0, name.indexOf('/'));
            Map<String, byte[]> parts = new TreeMap<>();
            for (String n : inner.list()) if (n.startsWith(dir + "/")) parts.put(n.substring(dir.length() + 1), inner.read(n));
            byte[] b = rewrite.apply(parts).get(name.substring(dir.length() + 1));
            if (b == null) throw new java.io.FileNotFoundException(name);
            return b;
        }

        @Override
        public List<String> list() throws IOException {
            return inner.list();
        }

        @Override
        public void deleteAll() throws IOException {
            inner.deleteAll();
        }

        /** Replica 1 restored as replica 0, its manifest line made to match: nothing a digest could catch. */
        static Map<String, byte[]> replicaOneAsZero(Map<String, byte[]> parts) {
            Map<String, byte[]> out = new TreeMap<>(parts);
            out.put("replica-1", parts.get("replica-0"));
            String manifest = new String(parts.get("MANIFEST"), StandardCharsets.UTF_8);
            String zero = manifest.lines().filter(l -> l.startsWith("part replica-0 ")).findFirst().orElseThrow();
            String one = manifest.lines().filter(l -> l.startsWith("part replica-1 ")).findFirst().orElseThrow();
            out.put("MANIFEST", manifest.replace(one, zero.replace("replica-0", "replica-1")).getBytes(StandardCharsets.UTF_8));
            return out;
        }

        /** One bit of replica 1 flipped, the manifest left as written. */
        static Map<String, byte[]> flipReplicaOne(Map<String, byte[]> parts) {
            Map<String, byte[]> out = new TreeMap<>(parts);
            byte[] b = parts.get("replica-1").clone();
            b[b.length - 1] ^= 1;
            out.put("replica-1", b);
            return out;
        }
    }
}
