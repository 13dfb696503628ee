package dev.factortwo.harness.state;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Spark's own locality level of each task ({@code TaskInfo.taskLocality}: {@code PROCESS_LOCAL} when it ran on
 * the executor it preferred, {@code NODE_LOCAL}, {@code ANY}...), counted per stage from the listener bus.
 * Events arrive on Spark's listener thread; reading waits for the bus to drain first.
 */
final class TaskLocality extends SparkListener {

    /** How long to wait for Spark's listener bus to deliver a finished stage's task events, milliseconds. */
    static final long BUS_WAIT_MILLIS = 10_000;

    private final Map<Integer, Map<String, Integer>> byStage = new ConcurrentHashMap<>();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        byStage.computeIfAbsent(end.stageId(), s -> new ConcurrentHashMap<>())
                .merge(end.taskInfo().taskLocality().toString(), 1, Integer::sum);
    }

    /** Tasks of {@code stageIds} by locality level, failed attempts included; forgets those stages. */
    Map<String, Integer> of(JavaSparkContext sc, Set<Integer> stageIds) {
        if (stageIds.isEmpty()) return Map.of();
        try {
            sc.sc().listenerBus().waitUntilEmpty(BUS_WAIT_MILLIS);
        } catch (TimeoutException e) {
            // counts so far: a busy bus leaves some tasks uncounted, which the totals show
        }
        Map<String, Integer> out = new TreeMap<>();
        for (int id : stageIds) {
            Map<String, Integer> m = byStage.remove(id);
            if (m != null) m.forEach((k, v) -> out.merge(k, v, Integer::sum));
        }
        return out;
    }
}
