package dev.factortwo.harness.task;

import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfSettings;
import java.io.Serializable;

/**
 * The per-task settings of one round of a cell: shipped to every task, so everything here is serializable.
 *
 * @param architecture            the model
 * @param shape                   input image shape
 * @param classes                 output classes
 * @param learningRate            SGD learning rate
 * @param batchSize               samples per step
 * @param seed                    the cell's seed (weights, data order)
 * @param epoch                   0-based epoch of this round (the data order depends on it)
 * @param warmupSteps             steps each worker runs and undoes before a repetition's timed region ({@link WarmUp})
 * @param throttlePercent         planted slowdown: extra wait per step, as a percentage of its compute time
 * @param emulatedNanosPerSample  &gt; 0 replaces the model's compute by this wait per sample (emulated accelerator)
 * @param tf                      TensorFlow session settings, resolved for the cell's tasks (never {@code auto})
 * @param failEpoch               an injected fault: partition 0's first attempt in this epoch throws after its
 *                                work (Spark retries it); -1 for none
 */
public record ModelJob(Architecture architecture, Architecture.InputShape shape, int classes, float learningRate,
                       int batchSize, long seed, int epoch, int warmupSteps, double throttlePercent,
                       long emulatedNanosPerSample, TfSettings tf, int failEpoch) implements Serializable {

    private static final long serialVersionUID = 1L;

    public boolean emulated() {
        return emulatedNanosPerSample > 0;
    }

    public ModelJob forEpoch(int e) {
        return new ModelJob(architecture, shape, classes, learningRate, batchSize, seed, e, warmupSteps,
                throttlePercent, emulatedNanosPerSample, tf, failEpoch);
    }

    /** This job with a task failure injected in epoch {@code epoch}. */
    public ModelJob withFailureIn(int epoch) {
        return new ModelJob(architecture, shape, classes, learningRate, batchSize, seed, this.epoch, warmupSteps,
                throttlePercent, emulatedNanosPerSample, tf, epoch);
    }

    /** This job with other TensorFlow session settings. */
    public ModelJob withTf(TfSettings settings) {
        return new ModelJob(architecture, shape, classes, learningRate, batchSize, seed, epoch, warmupSteps,
                throttlePercent, emulatedNanosPerSample, settings, failEpoch);
    }

    /** True when this task, partition {@code p} on attempt {@code attempt}, is the one to fail. */
    public boolean failsNow(int p, int attempt) {
        return failEpoch == epoch && p == 0 && attempt == 0;
    }
}
