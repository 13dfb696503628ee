package dev.factortwo.model;

import java.util.Objects;

/**
 * Everything needed to run one cell of the matrix. A plain value: running it yields a {@link CellResult}.
 *
 * @param key               the cell's identity (device here is the requested device: {@code auto}
 *                          is resolved to what actually ran in {@link CellResult#key()})
 * @param seed              seed for weights, data order and synthetic data
 * @param epochs            training epochs (inference: passes over the data)
 * @param batchSize         samples per step
 * @param learningRate      SGD learning rate (ignored by inference)
 * @param partitions        Spark partitions (data-parallel workers); 1 for single-worker runs
 * @param trainSamples      training samples used (0 = the whole split)
 * @param testSamples       held-out samples used for accuracy (0 = the whole split)
 * @param repetitions       measured repetitions
 * @param warmupSteps       training steps each worker runs and undoes before every repetition's timed region
 * @param throttlePercent   extra delay per batch, as a percentage of the batch's compute time (0 = none)
 */
public record CellSpec(CellKey key, long seed, int epochs, int batchSize, double learningRate,
                       int partitions, int trainSamples, int testSamples, int repetitions,
                       int warmupSteps, double throttlePercent) {

    public CellSpec {
        Objects.requireNonNull(key, "key");
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        if (repetitions < 1) throw new IllegalArgumentException("repetitions must be >= 1, was " + repetitions);
        if (trainSamples < 0 || testSamples < 0) throw new IllegalArgumentException("sample counts must be >= 0");
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, was " + warmupSteps);
        if (throttlePercent < 0) throw new IllegalArgumentException("throttlePercent must be >= 0, was " + throttlePercent);
    }

    public String id() {
        return key.id();
    }

    /** This cell's settings under another key (another format, device or number of accelerators). */
    public CellSpec withKey(CellKey other) {
        return new CellSpec(other, seed, epochs, batchSize, learningRate, partitions, trainSamples, testSamples, repetitions,
                warmupSteps, throttlePercent);
    }
}
