package dev.factortwo.model;

import java.util.Optional;

/**
 * The well-known attributes of a cell ({@link CellResult#attributes()}): those one module writes and another reads,
 * named once here instead of as strings on both sides. The key is the field name in {@code results.json}, a public
 * contract; figures kept per repetition or per round are comma-separated in that order. Other attributes are facts
 * shown as they are (the report's attribute list) and read by no code.
 *
 * <pre>{@code
 * double[] steal = CellAttribute.STEAL_CORES.numbers(cell).orElse(new double[0]);
 * }</pre>
 */
public enum CellAttribute {
    /** The interleaved series the cell was measured in: repetition i of every cell of one series ran in its pass i. */
    INTERLEAVED_SERIES("interleavedSeries"),
    /** Per repetition, seconds of training until the held-out accuracy first reached the target, or {@code not reached}. */
    TIME_TO_TARGET_BY_REPETITION("timeToAccuracyByRepetition"),
    /** Mean seconds to the accuracy target over the repetitions that reached it, or {@code not reached}. */
    TIME_TO_TARGET_SECONDS("timeToAccuracySeconds"),
    /** Per repetition, bytes the strategy moved between workers and the driver. */
    COMMUNICATION_BYTES("communicationBytes"),
    /** Per repetition, seconds the strategy spent moving them. */
    COMMUNICATION_SECONDS("communicationSeconds"),
    /** Per repetition, the 1-minute load average. */
    LOAD_AVERAGE("loadAverage"),
    /** Per repetition, cores other processes kept busy (Linux). */
    OTHER_BUSY_CORES("otherBusyCores"),
    /** Per repetition, cores the hypervisor stole (Linux). */
    STEAL_CORES("stealCores"),
    /** Per repetition, seconds of the timed region outside every round: the strategy's own set-up. */
    SETUP_SECONDS("setupSeconds"),
    /** Per repetition, the first round's seconds. */
    FIRST_ROUND_SECONDS("firstRoundSeconds"),
    /** Per repetition, mean seconds of the rounds after the first. */
    STEADY_ROUND_SECONDS("steadyRoundSeconds"),
    /** Per repetition, mean seconds per round outside the slowest task (scheduling, weight transfer). */
    ROUND_OVERHEAD_SECONDS("roundOverheadSeconds"),
    /** Per repetition, samples per second of the rounds after the first. */
    STEADY_SAMPLES_PER_SECOND("steadySamplesPerSecond"),
    /** Per repetition, accelerator utilization of the rounds after the first. */
    STEADY_UTILIZATION("steadyUtilization"),
    /** TensorFlow's intra-op threads per model, as the cell ran them. */
    TF_INTRA_OP_THREADS("tfIntraOpThreads"),
    /** The emulated accelerator's profile, where compute was emulated. */
    EMULATED("emulated"),
    /** SHA-256 of the training data the cell read, in the catalog's order. */
    TRAIN_DATA_DIGEST("trainDataDigest"),
    /** Bytes the staged training split takes on its tier, as stored (compressed, for a compressed format). */
    TIER_BYTES("tierBytes"),
    /**
     * Per repetition, nanoseconds per sample the tasks spent obtaining their partitions' samples in the step's layout:
     * reading and decoding from the store or from Spark's cache, whatever the format; {@code 0} where they came from a
     * worker's cache of decoded samples.
     */
    DECODE_NANOS_PER_SAMPLE("decodeNanosPerSample"),
    /** SHA-256 of the held-out data. */
    TEST_DATA_DIGEST("testDataDigest"),
    /** Per repetition, checkpoints written ({@code run --checkpoint-every}). */
    CHECKPOINTS_WRITTEN("checkpointsWritten"),
    /**
     * Per repetition, seconds the tier's client spent writing checkpoints ({@code run --checkpoint-every}): its own
     * calls only, not encoding or hashing.
     */
    CHECKPOINT_WRITE_SECONDS("checkpointWriteSeconds"),
    /** Per repetition, bytes of checkpoints written, manifests included. */
    CHECKPOINT_BYTES_WRITTEN("checkpointBytesWritten"),
    /** Per repetition, checkpoint bytes written per second of the client's write time, GB/s (10^9 bytes). */
    CHECKPOINT_WRITE_GBPS("checkpointWriteGBps"),
    /** Per repetition, seconds the tier's client spent reading the newest checkpoint back (untimed, after the run). */
    CHECKPOINT_READ_SECONDS("checkpointReadSeconds"),
    /** Per repetition, bytes of checkpoints read back. */
    CHECKPOINT_BYTES_READ("checkpointBytesRead"),
    /** Per repetition, checkpoint bytes read per second of the client's read time, GB/s. */
    CHECKPOINT_READ_GBPS("checkpointReadGBps"),
    /** Per repetition, the share of the measured training time spent in the client's checkpoint writes (a fraction). */
    CHECKPOINT_SHARE("checkpointShareOfTraining"),
    /** A cell merged over the rounds of a comparison: its number of rounds. */
    ROUNDS("rounds"),
    /** Per round of a comparison, the round's mean samples per second ({@code NaN} for a failed round). */
    ROUND_SAMPLES_PER_SECOND("roundSamplesPerSecond");

    private final String key;

    CellAttribute(String key) {
        this.key = key;
    }

    /** The field name in {@code results.json}, e.g. {@code stealCores}. */
    public String key() {
        return key;
    }

    /** This attribute of {@code cell}, or empty when it is absent. */
    public Optional<String> in(CellResult cell) {
        return Optional.ofNullable(cell.attributes().get(key));
    }

    /** This attribute's comma-separated numbers in {@code cell} ({@link CellResult#numbers}), or empty. */
    public Optional<double[]> numbers(CellResult cell) {
        return cell.numbers(key);
    }
}
