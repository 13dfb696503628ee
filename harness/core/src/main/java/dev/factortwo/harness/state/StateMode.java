package dev.factortwo.harness.state;

import dev.factortwo.harness.task.StagedData;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.model.UserError;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;


/**
 * Who owns a cell's data and model state: Spark ({@code spark}: lineage can rebuild lost partitions) or
 * the workers' own memory ({@code local}: fast, but invisible to Spark). One implementation per mode.
 */
public sealed interface StateMode permits SparkState, LocalState {

    /** The name in cells, flags and results: {@code spark} or {@code local}. */
    String name();

    /**
     * True when data and model state live in the workers' own memory, outside Spark: Spark schedules the
     * tasks but can neither see nor rebuild that state. False when Spark owns it (lineage recomputes it).
     */
    boolean workerLocal();

    /** How this mode's lost state comes back, in the words results use, e.g. {@code recomputed by Spark}. */
    String recovery();

    /** What this mode keeps outside Spark, in plain words (for results and the docs). */
    String keptOutsideSpark();

    /** Prepares one repetition over {@code staged} split into {@code partitions}, as {@code tier} asks. */
    Execution open(JavaSparkContext sc, StagedData staged, int partitions, StorageTier tier);

    static List<StateMode> all() {
        return List.of(new SparkState(), new LocalState());
    }

    static List<String> names() {
        return all().stream().map(StateMode::name).toList();
    }

    /** @throws UserError naming the known state modes */
    static StateMode byName(String name) {
        return all().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new UserError("unknown state '" + name + "'; expected one of " + names()));
    }
}
