package dev.factortwo.harness.fault;

import dev.factortwo.harness.strategy.RoundHook;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a fault did while one repetition ran: what it says it did, in words, and the evidence, counted where it
 * happened (blocks removed, entries dropped per executor, failed task attempts, executors lost, bytes read
 * again), and how long the harness itself waited (an outage's timer), which is not the tasks' recovery.
 * Thread-safe: hooks, listeners and helper threads write to it while the repetition runs.
 */
public final class FaultRecord {

    /** Cached input blocks that existed and were removed. */
    public static final String BLOCKS_REMOVED = "blocksRemoved";
    /** Task attempts that failed while the faulted repetition ran (from a SparkListener). */
    public static final String FAILED_TASK_ATTEMPTS = "failedTaskAttempts";
    /** Executors removed from the application while the faulted repetition ran (from a SparkListener). */
    public static final String EXECUTORS_LOST = "executorsLost";
    /** Worker-local entries (data and models) dropped, in all executors; per executor under {@code entriesDropped.executor.ID}. */
    public static final String ENTRIES_DROPPED = "entriesDropped";
    /** Executors the wipe reached, and how many the application had. */
    public static final String EXECUTORS_REACHED = "executorsReached";
    public static final String EXECUTORS_EXPECTED = "executorsExpected";
    /** Bytes the faulted repetition read from the store beyond what a fault-free one reads. */
    public static final String BYTES_REREAD = "bytesReread";
    /**
     * Bytes the faulted repetition read from the store from the fault's round on, whatever a fault-free one reads
     * there (on a cluster, tasks of local state that move to another executor read again anyway).
     */
    public static final String BYTES_READ_FROM_FAULT_ROUND = "bytesReadFromFaultRound";
    /**
     * Files the faulted repetition opened in the store from the fault's round on (for a Parquet split read by Spark, Hadoop's
     * count of opens and listings together): which files were read again, by count.
     */
    public static final String FILES_OPENED_FROM_FAULT_ROUND = "filesOpenedFromFaultRound";
    /** How long the store was down, milliseconds. */
    public static final String STORE_DOWN_MILLIS = "storeDownMillis";
    /** Times the faulted run failed as a whole and was started again (what happened, not evidence that the fault hit). */
    public static final String RESTARTS = "restarts";
    /** Task attempts of the fault's round that failed on the executor the fault killed (from a SparkListener). */
    public static final String TASKS_LOST = "tasksLost";
    /** Attempts Spark allows a task ({@code spark.task.maxFailures}), recorded beside faults that Spark's retries ride out. */
    public static final String TASK_ATTEMPTS_ALLOWED = "taskAttemptsAllowed";

    /** Strategy-seen losses (local SGD), counted by the replicas and forwarded by the hooks: see {@link RoundHook}. */
    public static final String STEPS_LOST = RoundHook.STEPS_LOST;
    public static final String STEPS_LOST_COMPUTE_MICROS = RoundHook.STEPS_LOST_COMPUTE_MICROS;
    public static final String REPLICAS_RESTORED = RoundHook.REPLICAS_RESTORED;
    public static final String STEPS_RERUN = RoundHook.STEPS_RERUN;
    public static final String STEPS_RERUN_COMPUTE_MICROS = RoundHook.STEPS_RERUN_COMPUTE_MICROS;
    public static final String RESTORE_BYTES = RoundHook.RESTORE_BYTES;
    /** Placement seen by local state: tasks that ran away from their partition's executor, and what it cost. */
    public static final String REPLICA_MOVED = RoundHook.REPLICA_MOVED;
    public static final String REPLICA_MOVED_BYTES = RoundHook.REPLICA_MOVED_BYTES;
    public static final String STALE_REPLICAS_DISCARDED = RoundHook.STALE_REPLICAS_DISCARDED;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Map<String, Long> evidence = new ConcurrentHashMap<>();
    private final AtomicLong waitedNanos = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<String> notInjected = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Records that the injection itself could not be made (the store could not be taken down, no executor could be
     * killed): the run then tested nothing, and its outcome is {@code not-injected}, never a hit. The first reason wins.
     */
    public void notInjected(String why) {
        notInjected.compareAndSet(null, why);
        log.add("not injected: " + why);
    }

    /** Why the injection could not be made, or empty when it was. */
    public java.util.Optional<String> notInjectedReason() {
        return java.util.Optional.ofNullable(notInjected.get());
    }

    /** Records what the fault did, in words. */
    public void say(String words) {
        log.add(words);
    }

    /** Adds {@code n} to the count {@code key}. */
    public void count(String key, long n) {
        evidence.merge(key, n, Long::sum);
    }

    /** Records time the harness itself spent waiting (not the tasks' recovery). */
    public void waited(long nanos) {
        waitedNanos.addAndGet(nanos);
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    /** The counts so far, sorted by key. */
    public Map<String, Long> evidence() {
        return new TreeMap<>(evidence);
    }

    /** The count {@code key}, 0 when nothing was counted. */
    public long get(String key) {
        return evidence.getOrDefault(key, 0L);
    }

    public long waitedNanos() {
        return waitedNanos.get();
    }
}
