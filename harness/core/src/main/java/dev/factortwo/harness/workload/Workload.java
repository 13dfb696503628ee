package dev.factortwo.harness.workload;

import dev.factortwo.harness.nn.Architecture;

/**
 * What a cell computes. One implementation per kind: training (weights are the result) and inference
 * (predicted labels and penultimate features are the result).
 */
public sealed interface Workload permits Workload.Train, Workload.Infer {

    /** The workload's name in cells, flags and results: {@code train-mlp}, {@code train-cnn}, {@code infer}. */
    String name();

    Architecture architecture();

    /** True when the result is trained weights; false when it is the outputs of a fixed model (inference). */
    boolean training();

    /** Mini-batch SGD from seeded weights; the fingerprint is over the final weights. */
    record Train(String name, Architecture architecture) implements Workload {
        @Override
        public boolean training() {
            return true;
        }
    }

    /**
     * Batch inference and feature extraction with a seeded model; the fingerprint is over every predicted
     * label and feature vector in input order. Strategy {@code embedded}: the data sits in an RDD and the
     * model runs in {@code mapPartitions}; {@code scheduler}: Spark only schedules and each task reads its
     * part from storage itself.
     */
    record Infer(String name, Architecture architecture) implements Workload {
        @Override
        public boolean training() {
            return false;
        }
    }
}
