package dev.factortwo.harness.task;

import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;

/**
 * State that lives in a worker JVM's own memory, outside Spark: partition data and TensorFlow models,
 * keyed by a run-unique id. Spark cannot see it, cannot rebuild it, and does not free it: {@link #clear}
 * (a loss: models closed) or {@link #release} (the end of an execution) does. A released model is kept idle,
 * its graph and session built, and the next {@link #model} of the same shape takes it and sets its weights (which
 * resets the optimizer state): a repetition does not pay for building TensorFlow graphs again, and gets the bits
 * a new model would. Thread-safe.
 */
public final class WorkerLocal {

    /** Idle models kept per model shape and settings; more are closed. */
    static final int MAX_IDLE_PER_SHAPE = 8;

    private static final Map<String, PartitionData> DATA = new ConcurrentHashMap<>();
    private static final Map<String, Held> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, Object> VALUES = new ConcurrentHashMap<>();
    private static final Map<String, Deque<TfModel>> IDLE = new ConcurrentHashMap<>();

    /** A worker-resident model and the shape it can be reused for. */
    private record Held(TfModel model, String shape) {
    }

    private WorkerLocal() {
    }

    public static PartitionData data(String key, Function<String, PartitionData> load) {
        return DATA.computeIfAbsent(key, load);
    }

    public static boolean hasData(String key) {
        return DATA.containsKey(key);
    }

    /**
     * The model kept under {@code key}; the first call takes an idle model of this job's shape and sets it to
     * {@code start}, or builds one from {@code start}.
     */
    public static TfModel model(String key, ModelJob job, Weights start) {
        return model(key, job, () -> start);
    }

    /**
     * As {@link #model(String, ModelJob, Weights)}, asking {@code start} for the weights only when no model is kept
     * under {@code key} (they may have to travel to this worker).
     */
    public static TfModel model(String key, ModelJob job, java.util.function.Supplier<Weights> start) {
        return MODELS.computeIfAbsent(key, k -> {
            String shape = shape(job);
            Deque<TfModel> idle = IDLE.get(shape);
            TfModel m = idle == null ? null : idle.pollFirst();
            if (m == null) return new Held(PartitionWork.newModel(job, start.get()), shape);
            m.setWeights(start.get());
            return new Held(m, shape);
        }).model();
    }

    /**
     * Runs {@code warm} on an idle model of {@code job}'s shape (built from {@code start} when none is idle) and keeps
     * it idle, first in line: the next {@link #model} of this shape takes it. Returns what {@code warm} returned.
     */
    static int warmIdle(ModelJob job, Weights start, java.util.function.ToIntFunction<TfModel> warm) {
        Deque<TfModel> idle = IDLE.computeIfAbsent(shape(job), s -> new ConcurrentLinkedDeque<>());
        TfModel m = idle.pollFirst();
        if (m == null) m = PartitionWork.newModel(job, start);
        boolean kept = false;
        try {
            int result = warm.applyAsInt(m);
            if (idle.size() < MAX_IDLE_PER_SHAPE) {
                idle.addFirst(m);
                kept = true;
            }
            return result;
        } finally {
            if (!kept) m.close();
        }
    }

    /**
     * A model of {@code job}'s shape for the length of one task that keeps no model between tasks (Spark state): an
     * idle one, set to {@code start}, or a new one built from it. Its graph and session are a compiled program, not
     * state: setting {@code start} overwrites every variable and zeroes the optimizer's accumulators, so the task
     * computes the bits a new model would, while it does not pay, inside its round, for building and first running a
     * graph that local state builds once (and that the repetition's warm-up warmed, {@link #warmIdle}). Hand it back
     * with {@link #giveBack} when the task's work returns. Thread-safe: concurrent tasks take different models.
     */
    public static TfModel borrow(ModelJob job, Weights start) {
        Deque<TfModel> idle = IDLE.get(shape(job));
        TfModel m = idle == null ? null : idle.pollFirst();
        if (m == null) return PartitionWork.newModel(job, start);
        m.setWeights(start);
        return m;
    }

    /** Keeps a {@link #borrow}ed model idle, first in line, for the next task of its shape (or closes it: enough are idle). */
    public static void giveBack(ModelJob job, TfModel model) {
        Deque<TfModel> idle = IDLE.computeIfAbsent(shape(job), s -> new ConcurrentLinkedDeque<>());
        if (idle.size() < MAX_IDLE_PER_SHAPE) {
            idle.addFirst(model);
        } else {
            model.close();
        }
    }

    /** Everything a graph and session depend on: models with equal shapes are interchangeable once weights are set. */
    private static String shape(ModelJob job) {
        return job.architecture() + "|" + job.shape() + "|" + job.classes() + "|" + Float.floatToIntBits(job.learningRate()) + "|" + job.tf();
    }

    /** True when this worker JVM holds a model under {@code key} (false after a wipe, or before first use). */
    public static boolean hasModel(String key) {
        return MODELS.containsKey(key);
    }

    /**
     * A small serializable value kept beside a worker-resident model (a step counter, the last synchronised
     * weights), under its own key; cleared with the models.
     */
    public static <T extends java.io.Serializable> T value(String key, Class<T> type) {
        Object v = VALUES.get(key);
        return v == null ? null : type.cast(v);
    }

    /** Keeps {@code value} under {@code key} in this worker JVM. */
    public static void putValue(String key, java.io.Serializable value) {
        VALUES.put(key, value);
    }

    /** A model for inference, loaded once per worker JVM and weights. */
    public static TfModel model(ModelJob job, Weights weights) {
        if (job.emulated()) return null;
        return MODELS.computeIfAbsent("infer:" + job.architecture().name() + ":" + weights.fingerprint(),
                k -> new Held(PartitionWork.newModel(job, weights), "")).model();
    }

    /** Drops every entry whose key starts with {@code prefix}, closing models (their state is lost). Returns how many. */
    public static int clear(String prefix) {
        return drop(prefix, false);
    }

    /**
     * Drops every entry whose key starts with {@code prefix}, as {@link #clear}, but keeps its models idle for reuse
     * (at most {@link #MAX_IDLE_PER_SHAPE} per shape). Returns how many entries.
     */
    public static int release(String prefix) {
        return drop(prefix, true);
    }

    /**
     * Drops the model and values kept under {@code key} and under keys {@code key:...} (a partition's replica and what
     * lives beside it), closing the models, but not data. Returns how many entries.
     */
    public static int discard(String key) {
        java.util.function.Predicate<String> under = k -> k.equals(key) || k.startsWith(key + ":");
        int n = 0;
        for (String k : VALUES.keySet()) {
            if (under.test(k) && VALUES.remove(k) != null) n++;
        }
        for (String k : MODELS.keySet()) {
            Held h = under.test(k) ? MODELS.remove(k) : null;
            if (h == null) continue;
            n++;
            h.model().close();
        }
        return n;
    }

    private static int drop(String prefix, boolean keepModels) {
        int n = 0;
        for (String k : DATA.keySet()) {
            if (k.startsWith(prefix) && DATA.remove(k) != null) n++;
        }
        for (String k : VALUES.keySet()) {
            if (k.startsWith(prefix) && VALUES.remove(k) != null) n++;
        }
        for (String k : MODELS.keySet()) {
            Held h = k.startsWith(prefix) ? MODELS.remove(k) : null;
            if (h == null) continue;
            n++;
            Deque<TfModel> idle = keepModels && !h.shape().isEmpty() ? IDLE.computeIfAbsent(h.shape(), s -> new ConcurrentLinkedDeque<>()) : null;
            if (idle != null && idle.size() < MAX_IDLE_PER_SHAPE) {
                idle.addLast(h.model());
            } else {
                h.model().close();
            }
        }
        return n;
    }

    /** Idle models kept for reuse, all shapes together. */
    static int idleModels() {
        return IDLE.values().stream().mapToInt(Deque::size).sum();
    }
}
