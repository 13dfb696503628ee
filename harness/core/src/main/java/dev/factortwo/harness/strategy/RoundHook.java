package dev.factortwo.harness.strategy;

import dev.factortwo.harness.state.Execution;

/**
 * Called by a strategy around each round (an epoch, or a step group): where faults are injected. The
 * default does nothing.
 */
public interface RoundHook {

    RoundHook NONE = new RoundHook() {
    };

    /** Before round {@code round} of {@code rounds} starts. */
    default void beforeRound(int round, int rounds, Execution execution) {
    }

    /**
     * Records what a strategy saw a fault do (steps lost, a replica restored), in words, as evidence for the
     * fault's outcome. The default drops it.
     */
    default void record(String what) {
    }

    /**
     * Adds {@code n} to the count {@code key} of what a strategy saw a fault do (the keys below), as numeric
     * evidence for the fault's outcome. The default drops it.
     */
    default void count(String key, long n) {
    }

    /**
     * Steps that replicas had taken since their last synchronisation and lost with their state (local SGD): each
     * replica counts its own steps; for a replica that is gone, the count it last reported. Per replica under
     * {@code stepsLost.partition.P}.
     */
    String STEPS_LOST = "stepsLost";
    /** Compute time of the lost steps, as the replicas measured it, microseconds. */
    String STEPS_LOST_COMPUTE_MICROS = "stepsLostComputeMicros";
    /** Replicas that were gone when their task ran and restarted from the last synchronised weights. */
    String REPLICAS_RESTORED = "replicasRestored";
    /**
     * Steps run again: a retried task found its replica already advanced by an earlier attempt of the same round
     * and trained it again. Per replica under {@code stepsRerun.partition.P}.
     */
    String STEPS_RERUN = "stepsRerun";
    /** Compute time of the steps the earlier attempts ran, microseconds. */
    String STEPS_RERUN_COMPUTE_MICROS = "stepsRerunComputeMicros";
    /** Bytes of the driver's weights that restarted replicas read (counted in communicationBytes too). */
    String RESTORE_BYTES = "restoreBytes";

    /** Restores from a checkpoint ({@code run --checkpoint-every}) after worker state was lost or advanced twice. */
    String CHECKPOINT_RESTORES = "checkpointRestores";
    /**
     * The rounds the restored checkpoint held (the checkpoint written after round {@code N - 1}); 0 when none had been
     * written yet and every replica restarted from the initial weights.
     */
    String ROUNDS_RESTORED_FROM_CHECKPOINT = "roundsRestoredFromCheckpoint";
    /**
     * Steps run again to get back to where the fault struck: the rounds after the restored checkpoint up to the faulted
     * one, and the faulted round's discarded attempt, over every replica.
     */
    String STEPS_RECOMPUTED = "stepsRecomputed";
    /** Bytes the restore read back from the tier, manifest included. */
    String CHECKPOINT_BYTES_READ = "checkpointBytesRead";
    /** The tier client's time reading them, microseconds. */
    String CHECKPOINT_READ_MICROS = "checkpointReadMicros";

    /**
     * Tasks that ran away from the executor holding their partition's worker-local state (its executor lost, or
     * Spark's locality wait ran out): the state was rebuilt where they ran.
     */
    String REPLICA_MOVED = "replicaMoved";
    /** Bytes the moved tasks re-read from the store. */
    String REPLICA_MOVED_BYTES = "replicaMovedBytes";
    /**
     * Replicas a task found in its executor from another synchronisation than the driver's (left there by an earlier
     * round) and discarded rather than trained on; the strategy restored them.
     */
    String STALE_REPLICAS_DISCARDED = "staleReplicasDiscarded";

    /** After round {@code round} finished (also after a failed one, before the failure propagates). */
    default void afterRound(int round, int rounds, Execution execution) {
    }
}
