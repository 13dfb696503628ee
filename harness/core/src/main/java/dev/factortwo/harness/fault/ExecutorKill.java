package dev.factortwo.harness.fault;

import dev.factortwo.harness.services.StandaloneCluster;
import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.strategy.RoundHook;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An executor JVM is killed with SIGKILL while the chosen round runs: only on a standalone cluster that the
 * harness started itself ({@code --master standalone}), where it knows the executors' processes.
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

            @Override
            public void beforeRound(int round, int rounds, Execution ex) {
                if (round != atRound) return;
                StandaloneCluster cluster = target.cluster().orElseThrow();
                String app = target.sc().sc().applicationId();
                killer = new Thread(() -> {
                    try {
                        Thread.sleep(DELAY_MILLIS);
                        Map<String, Long> executors = cluster.executors(app);
                        Optional<Map.Entry<String, Long>> victim = executors.entrySet().stream().min(Map.Entry.comparingByKey());
                        if (victim.isEmpty()) {
                            record.say("no executor of " + app + " to kill");
                            return;
                        }
                        cluster.killExecutor(victim.get().getValue());
                        record.say("killed executor " + victim.get().getKey() + " (pid " + victim.get().getValue() + ") with SIGKILL "
                                + DELAY_MILLIS + " ms into round " + round);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        record.say("could not kill an executor: " + e.getMessage());
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
                        record.waited(System.nanoTime() - t0);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }

    @Override
    public Optional<String> missed(FaultRecord r) {
        return r.get(FaultRecord.EXECUTORS_LOST) > 0 ? Optional.empty()
                : Optional.of("no executor was lost (the round may have ended before the kill, or no executor was found)");
    }
}
