package dev.factortwo.harness.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.tier.CheckpointStore;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.harness.tier.Tiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checkpoints through every tier's real client (local files, MiniDFS, S3Proxy, the driver's heap): written parts first
 * and a manifest last, read back bit for bit; a part changed behind the manifest's back is refused in one line naming
 * it; a checkpoint whose manifest was never written (torn) is never read, and the newest complete one is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckpointsTest {

    Path scratch;
    TierRegistry tiers;

    @BeforeAll
    void start() throws java.io.IOException {
        scratch = Files.createTempDirectory("factortwo-checkpoints");
        tiers = new TierRegistry(TierSettings.embedded(scratch));
    }

    @AfterAll
    void stop() {
        tiers.close();
    }

    static Stream<String> tiers() {
        return Tiers.names().stream();
    }

    static Weights weights(float base) {
        return new Weights(List.of(new float[]{base, base + 1, Float.MIN_VALUE, -0f}, new float[]{base * 3, Float.NaN}));
    }

    static Checkpoint checkpoint(int round) {
        return new Checkpoint(round, 42, 8, List.of(18L * (round + 1), 18L * (round + 1)),
                List.of(weights(round), weights(round + 0.5f)), weights(-round));
    }

    @ParameterizedTest
    @MethodSource("tiers")
    void writesPartsAndAManifestAndReadsThemBackBitForBit(String tier) throws Exception {
        try (CheckpointStore store = tiers.tier(tier).checkpoints("roundtrip")) {
            Checkpoints cps = new Checkpoints(store);
            long bytes = cps.write(checkpoint(0));
            cps.write(checkpoint(1));
            assertEquals(List.of("round-000000/MANIFEST", "round-000000/replica-0", "round-000000/replica-1", "round-000000/synced"),
                    store.list().subList(0, 4), tier);
            Checkpoint back = cps.latest().orElseThrow();
            assertEquals(1, back.round(), tier);
            assertEquals(42, back.seed());
            assertEquals(List.of(36L, 36L), back.stepsDone());
            for (int p = 0; p < 2; p++) assertEquals(checkpoint(1).replicas().get(p).fingerprint(), back.replicas().get(p).fingerprint(), tier);
            assertEquals(checkpoint(1).synced().fingerprint(), back.synced().fingerprint());
            CheckpointFigures f = cps.figures();
            assertEquals(2, f.writes());
            assertEquals(1, f.reads());
            assertEquals(bytes, f.bytesRead(), tier + ": a checkpoint reads back what was written");
            assertTrue(f.writeNanos() > 0 && f.readNanos() > 0, tier);
        }
    }

    @ParameterizedTest
    @MethodSource("tiers")
    void refusesACorruptPartNamingIt(String tier) throws Exception {
        try (CheckpointStore store = tiers.tier(tier).checkpoints("corrupt")) {
            Checkpoints cps = new Checkpoints(store);
            cps.write(checkpoint(0));
            byte[] part = store.read("round-000000/replica-1");
            part[part.length - 1] ^= 1; // one bit of the last float
            store.write("round-000000/replica-1", part);
            CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, cps::latest, tier);
            assertTrue(e.getMessage().contains("part replica-1: SHA-256"), e.getMessage());
            assertTrue(e.getMessage().contains("round-000000"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("tiers")
    void aTornCheckpointIsNeverRestored(String tier) throws Exception {
        try (CheckpointStore store = tiers.tier(tier).checkpoints("torn")) {
            Checkpoints cps = new Checkpoints(store);
            assertTrue(cps.latest().isEmpty(), tier + ": no checkpoint yet");
            // round 0's writer died after its parts, before its manifest
            store.write("round-000000/replica-0", Checkpoints.encode(weights(9)));
            store.write("round-000000/replica-1", Checkpoints.encode(weights(9)));
            assertTrue(cps.latest().isEmpty(), tier + ": parts without a manifest are no checkpoint");
            cps.write(checkpoint(1));
            store.write("round-000002/replica-0", Checkpoints.encode(weights(9)));
            assertEquals(List.of(1), cps.complete(), tier);
            assertEquals(1, cps.latest().orElseThrow().round(), tier + ": the newest complete checkpoint, not the torn one after it");
        }
    }

    @ParameterizedTest
    @MethodSource("tiers")
    void refusesAMissingPartNamingIt(String tier) throws Exception {
        try (CheckpointStore store = tiers.tier(tier).checkpoints("missing")) {
            Checkpoints cps = new Checkpoints(store);
            cps.write(checkpoint(0));
            // a store keeps nothing else: rewrite the whole checkpoint without replica-0
            List<String> names = store.list();
            java.util.Map<String, byte[]> kept = new java.util.TreeMap<>();
            for (String n : names) if (!n.endsWith("replica-0")) kept.put(n, store.read(n));
            store.deleteAll();
            for (var e : kept.entrySet()) store.write(e.getKey(), e.getValue());
            CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, cps::latest, tier);
            assertTrue(e.getMessage().contains("part replica-0 is missing"), e.getMessage());
        }
    }
}
