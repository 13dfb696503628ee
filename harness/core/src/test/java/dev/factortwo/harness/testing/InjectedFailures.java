package dev.factortwo.harness.testing;

import dev.factortwo.harness.task.InjectedTaskFailure;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Counts the task attempts that failed with a planted {@link InjectedTaskFailure}, as Spark's scheduler saw them (its
 * listener bus), so it counts tasks in executor JVMs too. Close to stop listening.
 */
public final class InjectedFailures implements AutoCloseable {

    private final JavaSparkContext sc;
    private final AtomicInteger count = new AtomicInteger();
    private final SparkListener listener = new SparkListener() {
        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.reason() instanceof ExceptionFailure f && f.className().equals(InjectedTaskFailure.class.getName())) {
                count.incrementAndGet();
            }
        }
    };

    public InjectedFailures(JavaSparkContext sc) {
        this.sc = sc;
        sc.sc().addSparkListener(listener);
    }

    /** Planted failures seen so far, once the listener bus has delivered what the finished jobs posted. */
    public int seen() {
        try {
            sc.sc().listenerBus().waitUntilEmpty(10_000);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Spark's listener bus did not empty within 10 s", e);
        }
        return count.get();
    }

    @Override
    public void close() {
        sc.sc().removeSparkListener(listener);
    }
}
