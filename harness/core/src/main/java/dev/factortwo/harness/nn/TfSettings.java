package dev.factortwo.harness.nn;

import dev.factortwo.model.UserError;
import java.io.Serializable;

/**
 * TensorFlow session settings that change speed and, for some models, the bits of the result
 * (../shared/STACK.md: a CNN's weights differ between 1 and 2 intra-op threads). Every cell records the settings
 * its tasks ran with (attributes {@code tfIntraOpThreads}, {@code tfInterOpThreads}); the run's environment
 * records the setting asked for. Immutable.
 *
 * <p>TensorFlow keeps one intra-op thread pool per process, sized by the first session the process creates, and
 * ignores later sessions' {@code intraOpThreads}, unless {@value #PER_SESSION_POOLS_ENV} is set ({@link
 * #perSessionPools}): then every session gets a pool of its own (measured in one JVM: a first session of 1 thread
 * started 3 native threads, a second one of 4 started none; with the variable set it started 4). One count for the whole run (the pinned
 * default) is true either way; counts that differ between cells ({@link #AUTO}) need per-session pools.
 *
 * <p>Example: {@code new TfSettings(TfSettings.AUTO, 1).forTasks(2, 2)} gives 1 intra-op thread per task when two
 * tasks share two cores; {@code forTasks(1, 2)} (the bare reference, {@code single}) gives 2.
 *
 * @param intraOpThreads threads inside one op; 0 lets TensorFlow choose; {@link #AUTO} gives each task the cores
 *                       divided by the tasks that run at once ({@link #forTasks}); {@link #BY_WORKLOAD} lets the
 *                       model's architecture choose ({@link Architecture#intraOpThreads})
 * @param interOpThreads ops run in parallel; 0 lets TensorFlow choose
 * @param ownInterOpPool the session runs its ops on an inter-op pool of its own ({@code use_per_session_threads})
 *                       rather than the process-wide one, which TensorFlow also sizes from the first session
 * @param concurrentRuns training runs that step the model at once (Hogwild!'s threads), 1 otherwise: the model keeps
 *                       that many sets of momentum accumulators, one per run, and shares only the weights
 */
public record TfSettings(int intraOpThreads, int interOpThreads, boolean ownInterOpPool, int concurrentRuns) implements Serializable {

    /** {@link #intraOpThreads} of {@code --tf-intra-op-threads auto}: the cores divided by the tasks at once, per cell. */
    public static final int AUTO = -1;

    /**
     * {@link #intraOpThreads} of {@code --tf-intra-op-threads workload}, the command line's default: each architecture's
     * measured choice ({@link Architecture#intraOpThreads}), per cell.
     */
    public static final int BY_WORKLOAD = -2;

    /** TensorFlow's switch to a per-session intra-op thread pool (read when a session's CPU device is made). */
    public static final String PER_SESSION_POOLS_ENV = "TF_OVERRIDE_GLOBAL_THREADPOOL";

    public TfSettings {
        if (intraOpThreads < BY_WORKLOAD) throw new IllegalArgumentException("intra-op threads must be workload, auto, 0 or more, was " + intraOpThreads);
        if (interOpThreads < 0) throw new IllegalArgumentException("inter-op threads must be 0 or more, was " + interOpThreads);
        if (concurrentRuns < 1) throw new IllegalArgumentException("concurrent runs must be 1 or more, was " + concurrentRuns);
    }

    /** Settings for a model that one run at a time steps. */
    public TfSettings(int intraOpThreads, int interOpThreads, boolean ownInterOpPool) {
        this(intraOpThreads, interOpThreads, ownInterOpPool, 1);
    }

    /** Settings that share the process-wide inter-op pool. */
    public TfSettings(int intraOpThreads, int interOpThreads) {
        this(intraOpThreads, interOpThreads, false);
    }

    /**
     * These settings for a model that {@code runs} threads step at once (Hogwild!): an inter-op pool of its own with at
     * least {@code runs} threads, so that one run's ops need not wait for the other's, and momentum accumulators of
     * its own for each run ({@link TfModel#trainStep(float[], int[], int, int)}). Intra-op threads unchanged.
     */
    public TfSettings forConcurrentRuns(int runs) {
        return new TfSettings(intraOpThreads, Math.max(interOpThreads, runs), true, runs);
    }

    /** Pinned defaults so a result does not depend on how many cores the machine has: 2 and 2. */
    public static TfSettings defaults() {
        return new TfSettings(dev.factortwo.model.Defaults.TF_INTRA_OP_THREADS, dev.factortwo.model.Defaults.TF_INTER_OP_THREADS);
    }

    /**
     * {@code workload}, {@code auto} or a whole number of intra-op threads (0: TensorFlow chooses), as
     * {@code --tf-intra-op-threads} takes it.
     *
     * @throws UserError saying what was expected
     */
    public static int parseIntraOp(String value) {
        if ("auto".equals(value)) return AUTO;
        if ("workload".equals(value)) return BY_WORKLOAD;
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new UserError("expected 'workload', 'auto' or a number of threads (0 or more), was '" + value + "'");
    }

    /** True when this process's TensorFlow sessions each get their own intra-op pool ({@value #PER_SESSION_POOLS_ENV}). */
    public static boolean perSessionPools() {
        String v = System.getenv(PER_SESSION_POOLS_ENV);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    /** How this process's sessions get their intra-op threads, in words, for results. */
    public static String pools() {
        return perSessionPools() ? "one intra-op pool per session (" + PER_SESSION_POOLS_ENV + ")"
                : "one intra-op pool per process, sized by its first session (TensorFlow's default)";
    }

    /** True when the intra-op threads are chosen per cell ({@link #AUTO} or {@link #BY_WORKLOAD}): cells may differ. */
    public boolean auto() {
        return intraOpThreads == AUTO || intraOpThreads == BY_WORKLOAD;
    }

    /**
     * The settings a task runs with when {@code tasksAtOnce} tasks share {@code cores} cores: these, or where
     * {@link #auto}, {@code cores / tasksAtOnce} intra-op threads (at least 1), so that the tasks' thread pools
     * together do not outnumber the cores.
     */
    public TfSettings forTasks(int tasksAtOnce, int cores) {
        if (intraOpThreads == BY_WORKLOAD) throw new IllegalStateException("intra-op threads chosen by workload: use forModel");
        if (!auto()) return this;
        return new TfSettings(share(tasksAtOnce, cores), interOpThreads, ownInterOpPool, concurrentRuns);
    }

    /**
     * The settings a task of {@code architecture} runs with when {@code tasksAtOnce} tasks share {@code cores} cores:
     * {@link #forTasks}, or where {@link #BY_WORKLOAD}, the architecture's own choice.
     */
    public TfSettings forModel(Architecture architecture, int tasksAtOnce, int cores) {
        if (intraOpThreads != BY_WORKLOAD) return forTasks(tasksAtOnce, cores);
        return new TfSettings(architecture.intraOpThreads(tasksAtOnce, cores), interOpThreads, ownInterOpPool, concurrentRuns);
    }

    /** The cores each of {@code tasksAtOnce} tasks gets of {@code cores}: at least 1. */
    public static int share(int tasksAtOnce, int cores) {
        return Math.max(1, cores / Math.max(1, tasksAtOnce));
    }

    /** The intra-op setting as the flag takes it: {@code workload}, {@code auto} or the number. */
    public String intraOpSetting() {
        return intraOpThreads == BY_WORKLOAD ? "workload" : intraOpThreads == AUTO ? "auto" : String.valueOf(intraOpThreads);
    }
}
