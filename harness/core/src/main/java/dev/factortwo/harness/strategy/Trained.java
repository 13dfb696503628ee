package dev.factortwo.harness.strategy;

import dev.factortwo.harness.engine.Weights;
import java.util.List;

/**
 * The result of one repetition of training or inference under a strategy.
 *
 * @param weights       final weights (training), or the model used (inference)
 * @param outputDigest  SHA-256 hex over every partition's output digest in order (inference), or null
 * @param rounds        every round, in order
 */
public record Trained(Weights weights, String outputDigest, List<Round> rounds) {

    public Trained {
        rounds = List.copyOf(rounds);
    }
}
