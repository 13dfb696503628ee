package dev.factortwo.harness.nn;

import java.io.Serializable;

/**
 * TensorFlow session settings that change speed and, for some models, the bits of the result
 * (../shared/STACK.md: a CNN's weights differ between 1 and 2 intra-op threads). Recorded with every result.
 *
 * @param intraOpThreads threads inside one op; 0 lets TensorFlow choose
 * @param interOpThreads ops run in parallel; 0 lets TensorFlow choose
 */
public record TfSettings(int intraOpThreads, int interOpThreads) implements Serializable {

    /** Pinned defaults so a result does not depend on how many cores the machine has: 2 and 1. */
    public static TfSettings defaults() {
        return new TfSettings(dev.factortwo.model.Defaults.TF_INTRA_OP_THREADS, dev.factortwo.model.Defaults.TF_INTER_OP_THREADS);
    }
}
