package dev.factortwo.harness.cli;

/**
 * Every default of the CLI in one place; {@code --help} is built from these. Units are in the names.
 */
public final class Defaults {

    private Defaults() {
    }

    public static final String DATASET = "fashion-mnist";
    public static final String TIER = "memory";
    public static final String STATE = "local";
    public static final String ENGINE = "tensorflow";
    public static final int EPOCHS = 1;
    public static final int BATCH_SIZE = 64;
    public static final double LEARNING_RATE = 0.03;
    public static final long SEED = 42;
    /** Data-parallel workers: Spark's local[2] has two task slots on the 2-core reference machine. */
    public static final int PARTITIONS = 2;
    public static final int REPETITIONS_SINGLE = 2;
    /** Suites: 5 repetitions give the gate 95% power to see a 10% slowdown at typical noise. */
    public static final int REPETITIONS_SUITE = 5;
    public static final int WARMUP_STEPS = 5;
    /** Held-out accuracy whose first crossing is reported as time to accuracy (a fraction). */
    public static final double ACCURACY_TARGET = dev.factortwo.harness.cell.CellRunner.DEFAULT_ACCURACY_TARGET;
    public static final String ACCELERATOR = "auto";
    public static final String MASTER = "local[2,4]";
    public static final String OUT_PATTERN = "runs/<timestamp>";
    /** TensorFlow intra-op threads: pinned so the bits of a CNN do not depend on the machine's core count. */
    public static final int TF_INTRA_OP_THREADS = 2;
    public static final int TF_INTER_OP_THREADS = 1;

    /** The quick suite: every workload x tier x state on a slice of Fashion-MNIST, plus local-sgd-end per training workload (see SuitePlan.tradeOff), a few minutes on 2 cores. */
    public static final int QUICK_TRAIN_SAMPLES = 3000;
    public static final int QUICK_TEST_SAMPLES = 1000;
    public static final int QUICK_EPOCHS = 2;
}
