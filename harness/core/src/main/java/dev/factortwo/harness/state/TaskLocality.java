package dev.factortwo.harness.state;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Spark's own locality level of each task ({@code TaskInfo.taskLocality}: {@code PROCESS_LOCAL} when it ran on
 * the executor it preferred, {@code NODE_LOCAL}, {@code ANY}...), counted per stage from the listener bus, and how
 * long the stage's last task waited to be launched after the stage was submitted ({@code TaskInfo.launchTime} less
 * {@code StageInfo.submissionTime}): the time Spark held a task back for its preferred executor, among other
 * scheduling. Events arrive on Spark's listener thread; reading waits for the bus to drain first.
 */
final class TaskLocality extends SparkListener {

    /** What one read returns: tasks by locality level, and the stages' waits for their last launch, summed, milliseconds. */
    record Reading(Map<String, Integer> byLocality, long launchWaitMillis) {
    }

    private final Map<Integer, Long> submitted = new ConcurrentHashMap<>();
    private final Map<Integer, Long> lastLaunch = new ConcurrentHashMap<>();

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        var at = event.stageInfo().submissionTime();
        if (at.isDefined()) submitted.put(event.stageInfo().stageId(), (Long) at.get());
    }

    /** How long to wait for Spark's listener bus to deliver a finished stage's task events, milliseconds. */
    static final long BUS_WAIT_MILLIS = 10_000;

    private final Map<Integer, Map<String, Integer>> byStage = new ConcurrentHashMap<>();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        byStage.computeIfAbsent(end.stageId(), s -> new ConcurrentHashMap<>())
                .merge(end.taskInfo().taskLocality().toString(), 1, Integer::sum);
        lastLaunch.merge(end.stageId(), end.taskInfo().launchTime(), Math::max);
    }

    /**
     * Tasks of {@code stageIds} by locality level, failed attempts included, and their stages' waits from submission
     * to the last task's launch, summed; forgets those stages.
     */
    Reading of(JavaSparkContext sc, Set<Integer> stageIds) {
        if (stageIds.isEmpty()) return new Reading(Map.of(), 0);
        try {
            sc.sc().listenerBus().waitUntilEmpty(BUS_WAIT_MILLIS);
        } catch (TimeoutException e) {
            // counts so far: a busy bus leaves some tasks uncounted, which the totals show
        }
        Map<String, Integer> out = new TreeMap<>();
        long wait = 0;
        for (int id : stageIds) {
            Map<String, Integer> m = byStage.remove(id);
            if (m != null) m.forEach((k, v) -> out.merge(k, v, Integer::sum));
            Long from = submitted.remove(id), to = lastLaunch.remove(id);
            if (from != null && to != null) wait += Math.max(0, to - from);
        }
        return new Reading(out, Math.max(0, wait));
    }
}
