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

    /** Strategy used when a cell does not name one, for a state mode. */
    String defaultStrategy(String state);

    /** Mini-batch SGD from seeded weights; the fingerprint is over the final weights. */
    record Train(String name, Architecture architecture) implements Workload {
        @Override
        public String defaultStrategy(String state) {
            return "model-averaging";
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
        public String defaultStrategy(String state) {
            return "spark".equals(state) ? "embedded" : "scheduler";
        }
    }
}
