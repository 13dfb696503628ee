package dev.factortwo.harness.fault;

import dev.factortwo.harness.services.StandaloneCluster;
import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.strategy.RoundHook;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * An executor JVM is killed with SIGKILL while the chosen round runs: only on a standalone cluster that the
 * harness started itself ({@code --master standalone}), where it knows the executors' processes. It hit only when
 * the killed executor was running a task of the round: a SparkListener counts the round's task attempts that failed
 * on it ({@link FaultRecord#TASKS_LOST}). An executor removed after the round's tasks had ended lost nothing, and
 * a kill that found no executor, or failed, is {@code not-injected}.
 */
public final class ExecutorKill implements FaultKind {

    /** How long after the round starts the executor is killed, so that its tasks are running. */
    public static final long DELAY_MILLIS = 300;

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
            private final LostOnVictim listener = new LostOnVictim(record);

            @Override
            public void beforeRound(int round, int rounds, Execution ex) {
                if (round != atRound) return;
                StandaloneCluster cluster = target.cluster().orElseThrow();
                String app = target.sc().sc().applicationId();
                target.sc().sc().addSparkListener(listener);
                killer = new Thread(() -> {
                    try {
                        Thread.sleep(DELAY_MILLIS);
                        Map<String, Long> executors = cluster.executors(app);
                        Optional<Map.Entry<String, Long>> victim = executors.entrySet().stream().min(Map.Entry.comparingByKey());
                        if (victim.isEmpty()) {
                            record.notInjected("no executor of " + app + " to kill");
                            return;
                        }
                        listener.victim.set(victim.get().getKey());
                        cluster.killExecutor(victim.get().getValue());
                        record.say("killed executor " + victim.get().getKey() + " (pid " + victim.get().getValue() + ") with SIGKILL "
                                + DELAY_MILLIS + " ms into round " + round);
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
                        killer.join();
                        // the round's failed attempts were posted before it ended: let the listener see them
                        target.sc().sc().listenerBus().waitUntilEmpty(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Exception e) { // Scala's TimeoutException, unchecked in Java's eyes
                        record.say("the listener bus did not drain in 10 s: tasks lost counted as far as delivered");
                    } finally {
                        target.sc().sc().removeSparkListener(listener);
                        record.waited(System.nanoTime() - t0);
                    }
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

    /** Counts the task attempts that failed on the killed executor ({@link FaultRecord#TASKS_LOST}). */
    static final class LostOnVictim extends SparkListener {
        final java.util.concurrent.atomic.AtomicReference<String> victim = new java.util.concurrent.atomic.AtomicReference<>();
        private final FaultRecord record;

        LostOnVictim(FaultRecord record) {
            this.record = record;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskInfo().failed() && end.taskInfo().executorId().equals(victim.get())) record.count(FaultRecord.TASKS_LOST, 1);
        }
    }
}
