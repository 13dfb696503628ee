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

    /** After round {@code round} finished (also after a failed one, before the failure propagates). */
    default void afterRound(int round, int rounds, Execution execution) {
    }
}
