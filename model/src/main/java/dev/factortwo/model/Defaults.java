package dev.factortwo.model;

/**
 * Every default of factortwo in one place: the harness's {@code run} and {@code knobs}, the gate, the report's
 * comparison against a baseline, and the tiers' store names. Both CLIs build {@code --help} from these
 * (picocli's {@code ${DEFAULT-VALUE}} where an option's field holds its default). It lives in the model module
 * because that is the lowest module every user of a default can see. Units are in the names; fractions are
 * written as fractions ({@code 0.05} = 5%).
 *
 * <p>Only compile-time constants, so that annotations can name them.
 */
public final class Defaults {

    private Defaults() {
    }

    // ---- run: what one cell or a suite measures -------------------------------------------------

    /** Dataset of a single cell and of the quick suite (synthetic data of the same shape when it is not installed). */
    public static final String DATASET = "fashion-mnist";
    /** IDX directory of Fashion-MNIST as Debian's {@code dataset-fashion-mnist} installs it. */
    public static final String FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";
    public static final String TIER = "memory";
    public static final String STATE = "local";
    public static final String ENGINE = "tensorflow";
    public static final int EPOCHS = 1;
    public static final int BATCH_SIZE = 64;
    public static final double LEARNING_RATE = 0.03;
    public static final long SEED = 42;
    /** Data-parallel workers: Spark's local[2] has two task slots on the 2-core reference machine. */
    public static final int PARTITIONS = 2;
    /** Measured repetitions of a single cell from flags. */
    public static final int REPETITIONS_SINGLE = 2;
    /** Measured repetitions per cell in suites: the gate's defaults are designed for this count (see {@link #GATE_CONFIDENCE}). */
    public static final int REPETITIONS_SUITE = 5;
    /**
     * Training steps each worker, and the bare reference, runs and undoes before every repetition's timed region
     * (after one unmeasured repetition per cell): the same for every strategy, never timed, never counted.
     */
    public static final int WARMUP_STEPS = 5;
    /** Shortest measured repetition, seconds (JMH's iteration time): shorter passes are repeated back to back. */
    public static final double MIN_REPETITION_SECONDS = 2.0;
    /**
     * Unmeasured passes over every cell of an interleaved run, after each cell's own warm-up and before the measured
     * passes. Measured on the 2-vCPU reference machine with the quick suite's train-mlp cells (10 cells, 5 repetitions,
     * no faults): with no pass every cell ran its first measured repetition at about 60% of its fifth (the JVM keeps
     * warming across cells for a minute or more; GC paused 2 s in 97 s), median CV 24.4%; 1 pass 11.6%; 3 passes
     * 6.8%, for 117 s instead of about 90.
     */
    public static final int WARMUP_PASSES = 3;

    /**
     * A cell whose last warm-up lasted at least this long, seconds, sits out the remaining warm-up passes: a pass that
     * long has warmed the JIT and the pools it uses, and three more would multiply a one-cell run's time (a 2-epoch
     * train-cnn on all of Fashion-MNIST took 14 min 45 s with its bare reference, most of it warm-up).
     */
    public static final double LONG_WARMUP_SECONDS = 5.0;
    /** Repetitions are added until the 95% throughput interval is within this fraction of the mean (log scale)... */
    public static final double TARGET_HALF_WIDTH = 0.05;
    /** ...or a cell has this many repetitions. */
    public static final int MAX_REPETITIONS = 10;
    /**
     * ...or the added repetitions would take longer than the asked ones did (this share of their measured time, at
     * least 30 s), unless {@code --max-repetitions} is given: a one-cell run of one-minute passes then measures 3 or 4
     * repetitions, not 10.
     */
    public static final double EXTRA_REPETITION_TIME_SHARE = 1.0;
    /** Planted slowdown, percent of each step's compute time waited extra. */
    public static final double THROTTLE_PERCENT = 0;
    /**
     * Rounds between checkpoints of worker state ({@code run --checkpoint-every}); 0 = none. Strategies whose workers
     * hold no state Spark cannot rebuild write none whatever it is, and their cells say so.
     */
    public static final int CHECKPOINT_EVERY = 0;
    /**
     * Widths of the hidden layers of the MLP workloads' model ({@code run --mlp-hidden}), input side first: 784-256-128-10
     * on Fashion-MNIST, 0.9 MB of weights. Another size is a cell of its own.
     */
    public static final String MLP_HIDDEN = "256,128";
    /** Held-out accuracy whose first crossing is reported as time to accuracy (a fraction). */
    public static final double ACCURACY_TARGET = 0.70;
    /** Largest relative L2 difference between repeated runs' weights still called "within tolerance". */
    public static final double REPRODUCIBILITY_TOLERANCE = 1e-6;
    public static final String ACCELERATOR = "auto";
    public static final String MASTER = "local[2,4]";
    public static final String OUT_PATTERN = "runs/<timestamp>";
    /**
     * TensorFlow intra-op threads per task where a number is needed (code that builds its settings directly, tests,
     * {@code doctor}): 2.
     */
    public static final int TF_INTRA_OP_THREADS = 2;
    /**
     * {@code --tf-intra-op-threads}'s default: {@code workload}, each model's choice measured on 2 cores (the MLPs 1
     * thread, faster and steadier for every strategy; the CNN the cores divided by the tasks at once). A CNN's bits
     * then depend on the cores and the strategy's tasks at once; every cell records the count it used.
     */
    public static final String TF_INTRA_OP_SETTING = "workload";
    /**
     * TensorFlow inter-op threads: 2. TensorFlow sizes one inter-op pool per process from its first session, which
     * until the device probe was made to ask for the run's settings was the probe's, with TensorFlow's default (every
     * core); the pinned 1 never applied. Applied, 1 halved every cell's speed here (2026-12-07, AMD EPYC 2 vCPU,
     * train-mlp on Fashion-MNIST, memory tier: bare 13,451 vs 30,739 samples/s, model averaging 13,681 vs 36,886 under
     * local state), with the same fingerprints: ops run in parallel, the bits of each op do not change.
     */
    public static final int TF_INTER_OP_THREADS = 2;
    /** Image shape of the synthetic dataset, {@code HxWxC}. */
    public static final String SYNTHETIC_SHAPE = "28x28x1";
    /** Training samples of the synthetic dataset (as many as Fashion-MNIST). */
    public static final long SYNTHETIC_SAMPLES = 60_000;

    /** The quick suite: every workload x tier x state on a slice of Fashion-MNIST, plus local-sgd-end per training workload (see SuitePlan.tradeOff), a few minutes on 2 cores. */
    public static final int QUICK_TRAIN_SAMPLES = 3000;
    public static final int QUICK_TEST_SAMPLES = 1000;
    public static final int QUICK_EPOCHS = 2;
    /**
     * The quick suite's measurement, kept inside its time budget (about 6 minutes on 2 cores): repetitions of at
     * least 1 s, and no repetitions added beyond {@link #REPETITIONS_SUITE}; each cell still records whether its
     * interval reached {@link #TARGET_HALF_WIDTH}. Suite files and flags get the full defaults.
     */
    public static final double QUICK_MIN_REPETITION_SECONDS = 1.0;
    public static final int QUICK_MAX_REPETITIONS = 5;

    // ---- knobs: the cost of determinism knobs ----------------------------------------------------

    /** A workload whose bits depend on the intra-op thread count. */
    public static final String KNOBS_WORKLOAD = "train-cnn";
    public static final int KNOBS_TRAIN_SAMPLES = 4000;
    public static final int KNOBS_TEST_SAMPLES = 1000;
    /** A/B pairs, alternated. */
    public static final int KNOBS_PAIRS = 5;
    /** The N of 1-versus-N intra-op threads. */
    public static final int KNOBS_THREADS = 2;
    /** Partition counts of the scale-invariance check, comma-separated. */
    public static final String KNOBS_PARTITIONS = "1,2,4";
    public static final String KNOBS_OUT = "runs/knobs";

    // ---- doctor ----------------------------------------------------------------------------------

    public static final String DOCTOR_SCRATCH = "runs/doctor";

    // ---- the gate, and the report's comparison against a baseline (one rule for both) -------------

    /**
     * Largest tolerated slowdown of a cell, a fraction (0.05 = 5% slower). A cell is "slower than the baseline"
     * (the gate fails, the report says slower) when it is slower by more than this <em>and</em> significantly so.
     */
    public static final double GATE_MAX_SLOWDOWN = 0.05;
    /**
     * Confidence over the whole comparison: at most {@code 1 - confidence} chance that a suite with no change is
     * called slower (Holm). With the moderated t, Holm at 0.99 and 50 cells at 3% noise, {@link #REPETITIONS_SUITE}
     * (5) repetitions detect a lone 10% slowdown with 97% power (GateSimulationTest, 1000 seeded suites).
     */
    public static final double GATE_CONFIDENCE = 0.99;

    /**
     * Rounds of {@code compare}: each runs the baseline's and the candidate's build once, in a seeded order. The
     * paired t on 6 rounds has 5 degrees of freedom; the gate prints, per cell, the slowdown those rounds can detect.
     */
    public static final int COMPARE_ROUNDS = 6;

    /** Seed of {@code compare}'s order of the two builds within each round. */
    public static final long COMPARE_ORDER_SEED = 1;
    /** Largest tolerated drop of test accuracy, absolute (0.005 = half a point). */
    public static final double GATE_MAX_ACCURACY_DROP = 0.005;
    /** Multiple-comparison correction across a comparison's speed checks: a {@code GateOptions.Correction} name. */
    public static final String GATE_CORRECTION = "HOLM";
    /** Significance test for "candidate slower": a {@code GateOptions.Test} name. */
    public static final String GATE_TEST = "MODERATED_T";
    /** A baseline from another environment (device, CPU, cores, memory, master, JDK, library versions) is refused. */
    public static final boolean GATE_STRICT_ENVIRONMENT = true;

    // ---- baselines and stores --------------------------------------------------------------------

    /** Repository root under which {@code baseline save} writes {@code benchmarks/baselines/}. */
    public static final String BASELINE_REPO = ".";
    /** Bucket of the embedded S3 server, and the directory under every store's root. */
    public static final String STORE_NAME = "factortwo";
    /** S3 signing region when none is set (also the embedded server's). */
    public static final String S3_REGION = "us-east-1";
}
