package dev.factortwo.harness.state;

import dev.factortwo.harness.task.StagedData;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Who owns a cell's data and model state: Spark ({@code spark}: lineage can rebuild lost partitions) or
 * the workers' own memory ({@code local}: fast, but invisible to Spark). One implementation per mode.
 */
public sealed interface StateMode permits SparkState, LocalState {

    String name();

    /**
     * Prepares one repetition over {@code staged} split into {@code partitions}.
     *
     * @param tier      the tier's name: decides Spark's storage level or whether local state caches in memory
     * @param cold      true for hdfs and s3
     */
    Execution open(JavaSparkContext sc, StagedData staged, int partitions, String tier, boolean cold);

    static StateMode byName(String name) {
        return switch (name) {
            case "spark" -> new SparkState();
            case "local" -> new LocalState();
            default -> throw new IllegalArgumentException("unknown state '" + name + "'; expected one of [spark, local]");
        };
    }

    static java.util.List<String> names() {
        return java.util.List.of("spark", "local");
    }
}
