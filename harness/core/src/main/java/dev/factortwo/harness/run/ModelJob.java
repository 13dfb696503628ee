package dev.factortwo.harness.run;

import dev.factortwo.harness.engine.Architecture;
import dev.factortwo.harness.engine.TfSettings;
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
 * @param warmupSteps             steps run and undone before the measured steps
 * @param throttlePercent         planted slowdown: extra wait per step, as a percentage of its compute time
 * @param emulatedNanosPerSample  &gt; 0 replaces the model's compute by this wait per sample (emulated accelerator)
 * @param tf                      TensorFlow session settings
 */
public record ModelJob(Architecture architecture, Architecture.InputShape shape, int classes, float learningRate,
                       int batchSize, long seed, int epoch, int warmupSteps, double throttlePercent,
                       long emulatedNanosPerSample, TfSettings tf) implements Serializable {

    private static final long serialVersionUID = 1L;

    public boolean emulated() {
        return emulatedNanosPerSample > 0;
    }

    public ModelJob forEpoch(int e) {
        return new ModelJob(architecture, shape, classes, learningRate, batchSize, seed, e, warmupSteps,
                throttlePercent, emulatedNanosPerSample, tf);
    }
}
