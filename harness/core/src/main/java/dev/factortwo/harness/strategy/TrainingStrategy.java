package dev.factortwo.harness.strategy;

import dev.factortwo.harness.state.StateMode;

/**
 * The properties every training {@link RoundStrategy} class shares, held once: its name, whether it is deterministic
 * by design, and that it trains. It runs under every state mode unless it says otherwise. Immutable.
 */
abstract class TrainingStrategy implements RoundStrategy {

    private final String name;
    private final boolean deterministic;

    TrainingStrategy(String name, boolean deterministic) {
        this.name = name;
        this.deterministic = deterministic;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean training() {
        return true;
    }

    @Override
    public boolean runsUnder(StateMode state) {
        return true;
    }

    @Override
    public final boolean deterministic() {
        return deterministic;
    }
}
