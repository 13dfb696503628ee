package dev.factortwo.harness.fault;

import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.strategy.RoundHook;
import dev.factortwo.harness.tier.Outage;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The cold store (S3 or HDFS) goes away for {@link #OUTAGE_MILLIS} when the chosen round starts and comes
 * back with the same data; the round runs meanwhile. Aimed where the cell reads the store: half-way for Spark-managed
 * state (uncached tiers re-read every round), round 0 for local state, which loads the store only then (on
 * {@code local[N]}; on a cluster a moved task loads again). The measured time down and the attempts Spark allows a
 * task are recorded: whether those attempts outlast the outage decides between a retried and a restarted run.
 * A store that cannot be taken down is {@code not-injected}, never a hit.
 */
public final class ColdStoreOutage implements FaultKind {

    /** How long the store is down. */
    public static final long OUTAGE_MILLIS = 3000;

    @Override
    public String name() {
        return "cold-store-outage";
    }

    @Override
    public Optional<String> notApplicable(FaultTarget t) {
        if (!t.tier().remoteStore()) return Optional.of("the " + t.tier().name() + " tier has no remote store to lose");
        if (!t.tier().supportsOutage()) return Optional.of(t.tier().describe() + " is not embedded: factortwo does not take real stores down");
        return Optional.empty();
    }

    /** Round 0 for local state (the only round that reads the store on {@code local[N]}), else half-way. */
    @Override
    public int atRound(FaultTarget target, int epochs) {
        return target.state().workerLocal() ? 0 : FaultKind.super.atRound(target, epochs);
    }

    @Override
    public RoundHook hook(FaultTarget target, int atRound, FaultRecord record) {
        return new RoundHook() {
            private Thread restorer;

            @Override
            public void beforeRound(int round, int rounds, Execution ex) {
                if (round != atRound) return;
                final Outage outage;
                try {
                    outage = target.tier().beginOutage();
                } catch (IOException | RuntimeException e) {
                    // nothing was taken down, so the run that follows tests nothing: never a restart, never a hit
                    record.notInjected("cannot take " + target.tier().describe() + " down: " + e.getMessage());
                    return;
                }
                long down = System.nanoTime();
                record.count(FaultRecord.TASK_ATTEMPTS_ALLOWED, target.sc().getConf().getInt("spark.task.maxFailures", 1));
                record.say(target.tier().name() + " down for " + OUTAGE_MILLIS + " ms from the start of round " + round);
                restorer = new Thread(() -> {
                    try {
                        Thread.sleep(OUTAGE_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        try {
                            outage.close();
                        } catch (IOException e) {
                            record.say("could not bring " + target.tier().name() + " back: " + e.getMessage());
                        }
                        record.count(FaultRecord.STORE_DOWN_MILLIS, (System.nanoTime() - down) / 1_000_000);
                    }
                }, "factortwo-outage");
                restorer.setDaemon(true);
                restorer.start();
            }

            @Override
            public void afterRound(int round, int rounds, Execution ex) {
                if (round == atRound && restorer != null) {
                    long t0 = System.nanoTime();
                    try {
                        restorer.join();
                        // the round's tasks were done: what is left of the outage's timer is the harness waiting
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
        return r.get(FaultRecord.FAILED_TASK_ATTEMPTS) > 0 ? Optional.empty()
                : Optional.of("nothing asked the store while it was down: no task attempt failed");
    }
}
