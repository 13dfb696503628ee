package dev.factortwo.harness.fault;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Runs an action once, in the middle of a round: on its own thread, as soon as the round's first task has
 * finished successfully, so that the state that task built (cached blocks, worker-local entries) exists. For
 * runs of a single round, where "before the round" would find nothing to hit. Driver only.
 */
final class MidRound {

    private final JavaSparkContext sc;
    private final AtomicBoolean fired = new AtomicBoolean();
    private final SparkListener listener;
    private volatile Thread worker;

    /** Arms {@code action}; it runs at most once, after the first successful task of the next stage to end one. */
    MidRound(JavaSparkContext sc, String name, Runnable action) {
        this.sc = sc;
        this.listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskInfo().successful() && fired.compareAndSet(false, true)) {
                    Thread t = new Thread(action, name);
                    t.setDaemon(true);
                    worker = t;
                    t.start();
                }
            }
        };
        sc.sc().addSparkListener(listener);
    }

    /** Waits for the action if it started, and disarms. */
    void finish() {
        sc.sc().removeSparkListener(listener);
        Thread t = worker;
        if (t == null) return;
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
