package dev.factortwo.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
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
 * @param accelerators  in a scale cell ({@code run --accelerators}), how many emulated accelerators ran at once, one per
 *                  worker; 0 for every other cell. Written to {@code results.json} only when set, and read as 0 from files
 *                  without it (added to v1 on 2026-12-07), so the ids and files of other cells are unchanged. A scale cell's
 *                  id names it after the device: {@code emulate:h100x4}
 * @param format    how the data set is stored on the tier: {@value #DEFAULT_FORMAT} (the toolkit's own checked shards,
 *                  the control) or {@code parquet}. Written to {@code results.json} only when it is not
 *                  {@value #DEFAULT_FORMAT}, and read as {@value #DEFAULT_FORMAT} from files without it (added to v1 on
 *                  2026-12-07), so the ids and files of shard cells are unchanged. Another format's id names it after the
 *                  tier: {@code s3+parquet}
 * @param checkpointEvery  rounds between the checkpoints of worker state ({@code run --checkpoint-every K}); 0 for a cell
 *                  run without. Written to {@code results.json} only when set, read as 0 from files without it (added to
 *                  v1 on 2026-12-07). A checkpointed cell's id names it after the strategy:
 *                  {@code local-sgd+checkpoint-every-2}
 * @param architecture  the model a cell built when it is not its workload's own ({@code run --mlp-hidden}), by its name:
 *                  {@code mlp-16384-1024}; empty for the workload's own model. Written to {@code results.json} only when
 *                  set, read as empty from files without it (added to v1 on 2026-12-07). Such a cell's id names it after
 *                  the workload: {@code train-mlp+mlp-16384-1024}
 */
public record CellKey(String workload, String dataset, String tier, String state,
                      String strategy, String engine, String device,
                      @JsonInclude(JsonInclude.Include.NON_DEFAULT) int accelerators,
                      @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = CellKey.DefaultFormat.class) String format,
                      @JsonInclude(JsonInclude.Include.NON_DEFAULT) int checkpointEvery,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) String architecture) {

    /** The storage format of every cell that names none: the toolkit's own shards, the control. */
    public static final String DEFAULT_FORMAT = "shards";

    /** What separates the tier from a format other than {@link #DEFAULT_FORMAT} in {@link #tierLabel()}. */
    public static final String FORMAT_SEPARATOR = "+";

    public CellKey {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(architecture, "architecture");
        if (!architecture.isEmpty() && !architecture.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("architecture must be empty or a lower-case name like mlp-1024-512, was '" + architecture + "'");
        }
        if (!format.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("format must be a lower-case name like parquet, was '" + format + "'");
        }
        if (checkpointEvery < 0) throw new IllegalArgumentException("checkpointEvery must be 0 (no checkpoints) or more, was " + checkpointEvery);
        if (accelerators < 0) throw new IllegalArgumentException("accelerators must be 0 (not a scale cell) or more, was " + accelerators);
        if (accelerators > 0 && !device.startsWith(EMULATED_DEVICE_PREFIX)) {
            throw new IllegalArgumentException("a scale cell of " + accelerators + " accelerators needs an emulated device (emulate:NAME), was " + device);
        }
    }

    /** A cell that is not a scale cell ({@link #accelerators} 0). */
    public CellKey(String workload, String dataset, String tier, String state, String strategy, String engine, String device) {
        this(workload, dataset, tier, state, strategy, engine, device, 0, DEFAULT_FORMAT, 0, "");
    }

    /** A cell of the {@link #DEFAULT_FORMAT} format, without checkpoints. */
    public CellKey(String workload, String dataset, String tier, String state, String strategy, String engine, String device,
                   int accelerators) {
        this(workload, dataset, tier, state, strategy, engine, device, accelerators, DEFAULT_FORMAT, 0, "");
    }

    /** A cell without checkpoints ({@link #checkpointEvery} 0). */
    public CellKey(String workload, String dataset, String tier, String state, String strategy, String engine, String device,
                   int accelerators, String format) {
        this(workload, dataset, tier, state, strategy, engine, device, accelerators, format, 0, "");
    }

    /** A cell of the {@link #DEFAULT_FORMAT} format. */
    public CellKey(String workload, String dataset, String tier, String state, String strategy, String engine, String device,
                   int accelerators, int checkpointEvery) {
        this(workload, dataset, tier, state, strategy, engine, device, accelerators, DEFAULT_FORMAT, checkpointEvery, "");
    }

    /** A cell of its workload's own model ({@link #architecture} empty). */
    public CellKey(String workload, String dataset, String tier, String state, String strategy, String engine, String device,
                   int accelerators, String format, int checkpointEvery) {
        this(workload, dataset, tier, state, strategy, engine, device, accelerators, format, checkpointEvery, "");
    }

    /**
     * How results.json is read: a file written before {@code accelerators} or {@code checkpointEvery} has none (0), one
     * written before {@code format} has none ({@link #DEFAULT_FORMAT}), one written before {@code architecture} has none
     * (the workload's own model).
     */
    @JsonCreator
    static CellKey read(@JsonProperty("workload") String workload, @JsonProperty("dataset") String dataset,
                        @JsonProperty("tier") String tier, @JsonProperty("state") String state,
                        @JsonProperty("strategy") String strategy, @JsonProperty("engine") String engine,
                        @JsonProperty("device") String device, @JsonProperty("accelerators") Integer accelerators,
                        @JsonProperty("format") String format, @JsonProperty("checkpointEvery") Integer checkpointEvery,
                        @JsonProperty("architecture") String architecture) {
        return new CellKey(workload, dataset, tier, state, strategy, engine, device, accelerators == null ? 0 : accelerators,
                format == null ? DEFAULT_FORMAT : format, checkpointEvery == null ? 0 : checkpointEvery,
                architecture == null ? "" : architecture);
    }

    /** Jackson's filter for {@link #format}: true (leave the field out) for {@link #DEFAULT_FORMAT}. */
    static final class DefaultFormat {
        @Override
        public boolean equals(Object value) {
            return value == null || DEFAULT_FORMAT.equals(value);
        }

        @Override
        public int hashCode() {
            return DEFAULT_FORMAT.hashCode();
        }
    }

    /** A stable, human-readable id: the fields joined by {@code /}, used for file names and tables. */
    public String id() {
        return String.join("/", workloadLabel(), dataset, tierLabel(), state, strategyLabel(), engine, deviceLabel());
    }

    /**
     * The strategy as ids and labels name it: {@link #strategy()}, followed for a checkpointed cell by
     * {@code +checkpoint-every-K} ({@code local-sgd+checkpoint-every-2}).
     */
    public String strategyLabel() {
        return checkpointEvery > 0 ? strategy + CHECKPOINT_SEPARATOR + checkpointEvery : strategy;
    }

    /**
     * The workload as ids and labels name it: {@link #workload()}, followed for a cell of another model than the
     * workload's own by {@code +} and the model's name ({@code train-mlp+mlp-16384-1024}).
     */
    public String workloadLabel() {
        return architecture.isEmpty() ? workload : workload + ARCHITECTURE_SEPARATOR + architecture;
    }

    /** What separates the workload from a model other than its own in {@link #workloadLabel()}. */
    public static final String ARCHITECTURE_SEPARATOR = "+";

    /** This key with the model named {@code architecture} (empty: the workload's own). */
    public CellKey withArchitecture(String architecture) {
        return new CellKey(workload, dataset, tier, state, strategy, engine, device, accelerators, format, checkpointEvery, architecture);
    }

    /** What follows the strategy in a checkpointed cell's {@link #strategyLabel()}. */
    public static final String CHECKPOINT_SEPARATOR = "+checkpoint-every-";

    /** True for a cell run with checkpoints ({@link #checkpointEvery} above 0). */
    public boolean checkpointed() {
        return checkpointEvery > 0;
    }

    /** This key with checkpoints every {@code k} rounds (0: none). */
    public CellKey withCheckpointEvery(int k) {
        return new CellKey(workload, dataset, tier, state, strategy, engine, device, accelerators, format, k, architecture);
    }

    /**
     * The tier as ids and labels name it: {@link #tier()}, followed for a format other than {@link #DEFAULT_FORMAT} by
     * {@code +} and the format ({@code s3+parquet}: the data set as Parquet files on s3).
     */
    public String tierLabel() {
        return DEFAULT_FORMAT.equals(format) ? tier : tier + FORMAT_SEPARATOR + format;
    }

    /** True when the data set is stored in the toolkit's own shards ({@link #DEFAULT_FORMAT}), the control. */
    public boolean defaultFormat() {
        return DEFAULT_FORMAT.equals(format);
    }

    /** This key with the data set stored as {@code format}. */
    public CellKey withFormat(String format) {
        return new CellKey(workload, dataset, tier, state, strategy, engine, device, accelerators, format, checkpointEvery, architecture);
    }

    /**
     * The device as ids and labels name it: {@link #device()}, followed for a scale cell by {@code x} and the number of
     * accelerators ({@code emulate:h100x4}: four emulated H100s).
     */
    public String deviceLabel() {
        return accelerators > 0 ? device + SCALE_SEPARATOR + accelerators : device;
    }

    /** What separates the device from the number of accelerators in a scale cell's {@link #deviceLabel()}. */
    public static final String SCALE_SEPARATOR = "x";

    /** True for a scale cell: one of a sweep over the number of emulated accelerators ({@link #accelerators} above 0). */
    public boolean scale() {
        return accelerators > 0;
    }

    /** This key as a scale cell of {@code n} accelerators (0: not a scale cell). */
    public CellKey withAccelerators(int n) {
        return new CellKey(workload, dataset, tier, state, strategy, engine, device, n, format, checkpointEvery, architecture);
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
        return String.join(" · ", tierLabel(), state, strategyLabel(), deviceLabel());
    }

    /** The prefix of an emulated device's name in {@link #device()}: {@code emulate:NAME}. */
    public static final String EMULATED_DEVICE_PREFIX = "emulate:";

    /** True when {@link #device()} names an emulated accelerator, whose compute was replaced by a wait. */
    public boolean deviceEmulated() {
        return device.startsWith(EMULATED_DEVICE_PREFIX);
    }

    /** This key with the device named in the last segment of {@code id} (an id from {@link #id()} of a key like this one). */
    public CellKey withDevice(String id) {
        String last = id.substring(id.lastIndexOf('/') + 1);
        String suffix = SCALE_SEPARATOR + accelerators;
        if (accelerators > 0 && last.endsWith(suffix)) last = last.substring(0, last.length() - suffix.length());
        return new CellKey(workload, dataset, tier, state, strategy, engine, last, accelerators, format, checkpointEvery, architecture);
    }

    @Override
    public String toString() {
        return id();
    }
}
