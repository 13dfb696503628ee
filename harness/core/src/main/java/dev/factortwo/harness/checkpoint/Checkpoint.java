package dev.factortwo.harness.checkpoint;

import dev.factortwo.harness.nn.Weights;
import java.util.List;
import java.util.Objects;

/**
 * Everything a local-SGD run needs to go on, bit for bit, from the end of round {@link #round}: every replica's
 * weights, the driver's last synchronised weights, the data position and the seed. The optimizer's state needs no part:
 * checkpoints are taken between rounds, and every round starts its replicas' momentum accumulators at zero
 * ({@code TfModel.setWeights}), so at a round boundary that state is zero by construction (the manifest says so).
 *
 * @param round        the last round this checkpoint includes (0-based); the run goes on with round {@code round + 1}
 * @param seed         the cell's seed (weights, data order); a restore into a run of another seed is refused
 * @param syncEvery    steps between the replicas' synchronisations (0: once, at the end)
 * @param stepsDone    per replica, the training steps it has run up to here (its position in the data: whole epochs,
 *                     {@code round + 1} of them)
 * @param replicas     per replica (partition order), its weights
 * @param synced       the last synchronised weights the driver keeps to restore a missing replica from
 */
public record Checkpoint(int round, long seed, int syncEvery, List<Long> stepsDone, List<Weights> replicas, Weights synced) {

    public Checkpoint {
        if (round < 0) throw new IllegalArgumentException("round must be >= 0, was " + round);
        stepsDone = List.copyOf(stepsDone);
        replicas = List.copyOf(replicas);
        Objects.requireNonNull(synced, "synced");
        if (stepsDone.size() != replicas.size()) {
            throw new IllegalArgumentException(replicas.size() + " replicas but " + stepsDone.size() + " step counts");
        }
    }

    /** Replicas, one per partition. */
    public int partitions() {
        return replicas.size();
    }

    /** The epoch the run goes on with after a restore. */
    public int nextEpoch() {
        return round + 1;
    }
}
