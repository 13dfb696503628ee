package dev.factortwo.model;

import java.util.Objects;

/**
 * The identity of a cell: what the gate and the report match cells on across results files.
 * Two cells with equal keys measured the same configuration (possibly on different builds).
 *
 * <p>Example: {@code train-cnn/fashion-mnist/memory/local/single/tensorflow/cpu}.
 *
 * @param workload  workload name, e.g. {@code train-mlp}, {@code train-cnn}, {@code infer}
 * @param dataset   dataset name, e.g. {@code fashion-mnist}, {@code synthetic}
 * @param tier      storage tier, e.g. {@code memory}, {@code local-disk}, {@code hdfs}, {@code s3}
 * @param state     state mode, {@code spark} or {@code local}
 * @param strategy  training or inference strategy, e.g. {@code single}, {@code spark-allreduce}
 * @param engine    engine, e.g. {@code tensorflow}
 * @param device    device the compute ran on: {@code cpu}, {@code gpu:NAME} or {@code emulate:NAME}
 */
public record CellKey(String workload, String dataset, String tier, String state,
                      String strategy, String engine, String device) {

    public CellKey {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(device, "device");
    }

    /** A stable, human-readable id: the fields joined by {@code /}, used for file names and tables. */
    public String id() {
        return String.join("/", workload, dataset, tier, state, strategy, engine, device);
    }

    /**
     * The strategy of a bare reference cell: the engine's limit for a workload, measured in the same run as
     * the cells (no Spark, no storage). Reports rank and price configurations without it and show every
     * cell's throughput as a share of it.
     */
    public static final String BARE_STRATEGY = "bare";

    /** True for a bare reference cell ({@link #BARE_STRATEGY}). */
    public boolean bare() {
        return BARE_STRATEGY.equals(strategy);
    }

    /**
     * The axes that vary within a workload, for where the workload is known from context:
     * {@code memory · spark · single · cpu}.
     */
    public String withinWorkload() {
        return String.join(" · ", tier, state, strategy, device);
    }

    /** The prefix of an emulated device's name in {@link #device()}: {@code emulate:NAME}. */
    public static final String EMULATED_DEVICE_PREFIX = "emulate:";

    /** True when {@link #device()} names an emulated accelerator, whose compute was replaced by a wait. */
    public boolean deviceEmulated() {
        return device.startsWith(EMULATED_DEVICE_PREFIX);
    }

    /** This key with the device named in the last segment of {@code id} (an id from {@link #id()}). */
    public CellKey withDevice(String id) {
        return new CellKey(workload, dataset, tier, state, strategy, engine, id.substring(id.lastIndexOf('/') + 1));
    }

    @Override
    public String toString() {
        return id();
    }
}
