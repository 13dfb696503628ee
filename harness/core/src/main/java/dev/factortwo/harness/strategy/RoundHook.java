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

    /** After round {@code round} finished (also after a failed one, before the failure propagates). */
    default void afterRound(int round, int rounds, Execution execution) {
    }
}
