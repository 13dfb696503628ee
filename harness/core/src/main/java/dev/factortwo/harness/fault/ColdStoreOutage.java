package dev.factortwo.harness.fault;

import dev.factortwo.harness.state.Execution;
import dev.factortwo.harness.strategy.RoundHook;
import dev.factortwo.harness.tier.Outage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The cold store (S3 or HDFS) goes away for {@link #OUTAGE_MILLIS} when the chosen round starts and comes
 * back with the same data; the round runs meanwhile.
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
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot take " + target.tier().describe() + " down: " + e.getMessage(), e);
                }
                record.count(FaultRecord.STORE_DOWN_MILLIS, OUTAGE_MILLIS);
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
        return r.get(FaultRecord.FAILED_TASK_ATTEMPTS) > 0 || r.get(FaultRecord.RESTARTS) > 0 ? Optional.empty()
                : Optional.of("nothing asked the store while it was down: no task attempt failed");
    }
}
