package dev.factortwo.harness.fault;

import dev.factortwo.harness.services.StandaloneCluster;
import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.strategy.RoundHook;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * An executor JVM is killed with SIGKILL while the chosen round runs: only on a standalone cluster that the
 * harness started itself ({@code --master standalone}), where it knows the executors' processes. The kill waits for a
 * task of the round to run: a SparkListener follows the round's task attempts, and the first executor seen running one
 * is the victim (not a guessed delay, which a short round on a loaded machine outlasts). It hit only when that
 * executor still ran a task of the round: the listener counts the round's attempts that failed on it
 * ({@link FaultRecord#TASKS_LOST}); a task that ended between being seen and the kill lost nothing, and the fault is
 * then {@code missed}. A round that ended before any of its tasks was seen running, or a kill that found no
 * executor process or failed, is {@code not-injected}.
 */
public final class ExecutorKill implements FaultKind {

    /** How often the killer looks for a running task of the round. */
    static final long POLL_MILLIS = 2;

    @Override
    public String name() {
        return "executor-kill";
    }

    @Override
    public Optional<String> notApplicable(FaultTarget t) {
        return t.cluster().isPresent() ? Optional.empty()
                : Optional.of("needs executor JVMs: run with --master standalone (a real standalone cluster the harness starts)");
    }

    @Override
    public RoundHook hook(FaultTarget target, int atRound, FaultRecord record) {
        return new RecordingHook(record) {
            private Thread killer;
            private final AtomicBoolean roundOver = new AtomicBoolean();
            private final RoundTasks listener = new RoundTasks(record);

            @Override
            public void beforeRound(int round, int rounds, Execution ex) {
                if (round != atRound) return;
                StandaloneCluster cluster = target.cluster().orElseThrow();
                String app = target.sc().sc().applicationId();
                target.sc().sc().addSparkListener(listener);
                killer = new Thread(() -> {
                    try {
                        long t0 = System.nanoTime();
                        Optional<String> running = listener.runningOn();
                        while (running.isEmpty() && !roundOver.get()) {
                            Thread.sleep(POLL_MILLIS);
                            running = listener.runningOn();
                        }
                        if (running.isEmpty()) {
                            record.notInjected("round " + round + " ended before any of its tasks was seen running: no executor was killed");
                            return;
                        }
                        String executor = running.get();
                        Long pid = cluster.executors(app).get(executor);
                        if (pid == null) {
                            record.notInjected("executor " + executor + " of " + app + " ran a task of round " + round
                                    + " but has no process the cluster knows");
                            return;
                        }
                        listener.victim.set(executor);
                        cluster.killExecutor(pid);
                        record.say("killed executor " + executor + " (pid " + pid + ") with SIGKILL while it ran a task of round " + round
                                + ", " + (System.nanoTime() - t0) / 1_000_000 + " ms into the round");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        record.notInjected("could not kill an executor: " + e.getMessage());
                    }
                }, "factortwo-executor-kill");
                killer.setDaemon(true);
                killer.start();
            }

            @Override
            public void afterRound(int round, int rounds, Execution ex) {
                if (round == atRound && killer != null) {
                    long t0 = System.nanoTime();
                    try {
                        drain(); // the round's task ends were posted before it returned: let the listener see them, then the killer
                        roundOver.set(true);
                        killer.join();
                        drain();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        target.sc().sc().removeSparkListener(listener);
                        record.waited(System.nanoTime() - t0);
                    }
                }
            }

            /** Waits until the listener has been told everything posted so far, up to 10 s. */
            private void drain() {
                try {
                    target.sc().sc().listenerBus().waitUntilEmpty(10_000);
                } catch (Exception e) { // Scala's TimeoutException, unchecked in Java's eyes
                    if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                    record.say("the listener bus did not drain in 10 s: tasks lost counted as far as delivered");
                }
            }
        };
    }

    @Override
    public Optional<String> missed(FaultRecord r) {
        if (r.get(FaultRecord.TASKS_LOST) > 0) return Optional.empty();
        return Optional.of(r.get(FaultRecord.EXECUTORS_LOST) > 0
                ? "the killed executor ran no task of the round (its tasks had ended before the kill): nothing was lost"
                : "no executor was lost (the round may have ended before the kill)");
    }

    /**
     * Follows the round's task attempts: which executors run one now, and how many failed on the killed executor
     * ({@link FaultRecord#TASKS_LOST}).
     */
    static final class RoundTasks extends SparkListener {
        final AtomicReference<String> victim = new AtomicReference<>();
        private final Map<Long, String> running = new ConcurrentHashMap<>();
        private final FaultRecord record;

        RoundTasks(FaultRecord record) {
            this.record = record;
        }

        /** An executor that runs a task of the round, as far as the listener has been told; the lowest id first. */
        Optional<String> runningOn() {
            return running.values().stream().filter(e -> !e.equals("driver")).min(String::compareTo);
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            running.put(start.taskInfo().taskId(), start.taskInfo().executorId());
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            running.remove(end.taskInfo().taskId());
            if (end.taskInfo().failed() && end.taskInfo().executorId().equals(victim.get())) record.count(FaultRecord.TASKS_LOST, 1);
        }
    }
}
