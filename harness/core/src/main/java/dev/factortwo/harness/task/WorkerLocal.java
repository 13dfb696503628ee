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
