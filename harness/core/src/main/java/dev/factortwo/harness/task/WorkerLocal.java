package dev.factortwo.harness.task;

import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * State that lives in a worker JVM's own memory, outside Spark: partition data and TensorFlow models,
 * keyed by a run-unique id. Spark cannot see it, cannot rebuild it, and does not free it: {@link #clear}
 * does. Thread-safe.
 */
public final class WorkerLocal {

    private static final Map<String, PartitionData> DATA = new ConcurrentHashMap<>();
    private static final Map<String, TfModel> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, Object> VALUES = new ConcurrentHashMap<>();

    private WorkerLocal() {
    }

    public static PartitionData data(String key, Function<String, PartitionData> load) {
        return DATA.computeIfAbsent(key, load);
    }

    public static boolean hasData(String key) {
        return DATA.containsKey(key);
    }

    public static TfModel model(String key, ModelJob job, Weights start) {
        return MODELS.computeIfAbsent(key, k -> PartitionWork.newModel(job, start));
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
                k -> PartitionWork.newModel(job, weights));
    }

    /** Drops every entry whose key starts with {@code prefix}, closing models. Returns how many. */
    public static int clear(String prefix) {
        int n = 0;
        for (String k : DATA.keySet()) {
            if (k.startsWith(prefix) && DATA.remove(k) != null) n++;
        }
        for (String k : VALUES.keySet()) {
            if (k.startsWith(prefix) && VALUES.remove(k) != null) n++;
        }
        for (String k : MODELS.keySet()) {
            TfModel m = k.startsWith(prefix) ? MODELS.remove(k) : null;
            if (m != null) {
                m.close();
                n++;
            }
        }
        return n;
    }
}
