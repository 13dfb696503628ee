package dev.factortwo.harness.checkpoint;

/**
 * Whether and how often a run checkpoints: after every {@code every}-th round ({@code run --checkpoint-every K}), to
 * {@code checkpoints}; {@link #NONE} for a run that does not. Rounds are 0-based: with {@code every} 2 the
 * checkpoints hold rounds 1, 3, 5, ... The last round is never checkpointed (the run ends there).
 *
 * @param every        rounds between checkpoints, 0 for none
 * @param checkpoints  where they go, null for none
 */
public record Checkpointing(int every, Checkpoints checkpoints) {

    public static final Checkpointing NONE = new Checkpointing(0, null);

    public Checkpointing {
        if (every < 0) throw new IllegalArgumentException("every must be >= 0, was " + every);
        if ((every > 0) != (checkpoints != null)) throw new IllegalArgumentException("checkpoints are needed exactly when every > 0");
    }

    /** True when the run checkpoints at all. */
    public boolean on() {
        return every > 0;
    }

    /** True when a checkpoint is written after round {@code round} of {@code rounds}. */
    public boolean dueAfter(int round, int rounds) {
        return on() && round < rounds - 1 && (round + 1) % every == 0;
    }
}
