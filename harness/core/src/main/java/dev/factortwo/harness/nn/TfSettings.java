package dev.factortwo.harness.nn;

import java.io.Serializable;

/**
 * TensorFlow session settings that change speed and, for some models, the bits of the result
 * (../shared/STACK.md: a CNN's weights differ between 1 and 2 intra-op threads). Recorded with every result.
 *
 * <p>TensorFlow builds its inter-op pool once per process, from the first session's settings, and every later
 * session shares it whatever it asks for; only a session with {@code ownInterOpPool} gets a pool of its own
 * ({@code use_per_session_threads}), of {@code interOpThreads} threads.
 *
 * @param intraOpThreads  threads inside one op; 0 lets TensorFlow choose
 * @param interOpThreads  ops run in parallel; 0 lets TensorFlow choose
 * @param ownInterOpPool  the session runs its ops on a pool of its own rather than the process-wide one
 */
public record TfSettings(int intraOpThreads, int interOpThreads, boolean ownInterOpPool) implements Serializable {

    /** Settings that share the process-wide inter-op pool. */
    public TfSettings(int intraOpThreads, int interOpThreads) {
        this(intraOpThreads, interOpThreads, false);
    }

    /** Pinned defaults so a result does not depend on how many cores the machine has: 2 and 1. */
    public static TfSettings defaults() {
        return new TfSettings(dev.factortwo.model.Defaults.TF_INTRA_OP_THREADS, dev.factortwo.model.Defaults.TF_INTER_OP_THREADS);
    }

    /**
     * These settings for a model that {@code runs} threads step at once (Hogwild!): a pool of its own with at least
     * {@code runs} inter-op threads, so that one run's ops need not wait for the other's. Intra-op threads unchanged.
     */
    public TfSettings forConcurrentRuns(int runs) {
        return new TfSettings(intraOpThreads, Math.max(interOpThreads, runs), true);
    }
}
