package dev.factortwo.harness.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * On real Spark barrier stages: {@link PromptBarrier#allGather} gives what Spark's {@code allGather} gives, several
 * rounds in less time than Spark's one-second poll allows for one each; the control shows the poll is still there
 * (when it fails, Spark dropped the poll and {@code PromptBarrier} can go).
 */
@ExtendWith(SharedSpark.class)
class PromptBarrierTest {

    static final int CALLS = 4;

    /** Each task: CALLS gathers of "round:partition", its elapsed millis, its interrupt flag. */
    static List<String> gather(SparkFixture fx, boolean prompt) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(fx.session.sparkContext());
        JavaRDD<Integer> rdd = sc.parallelize(List.of(0, 1), 2);
        ClassTag<String> tag = ClassTag$.MODULE$.apply(String.class);
        return JavaRDD.fromRDD(rdd.rdd().barrier().mapPartitions(new Gathers(prompt), false, tag), tag).collect();
    }

    private static final class Gathers extends AbstractFunction1<scala.collection.Iterator<Integer>, scala.collection.Iterator<String>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final boolean prompt;

        Gathers(boolean prompt) {
            this.prompt = prompt;
        }

        @Override
        public scala.collection.Iterator<String> apply(scala.collection.Iterator<Integer> in) {
            BarrierTaskContext task = BarrierTaskContext.get();
            List<String> out = new ArrayList<>();
            int calls = CALLS;
            long t0 = System.nanoTime();
            for (int round = 0; round < calls; round++) {
                String mine = round + ":" + task.partitionId();
                String[] all = prompt ? PromptBarrier.allGather(task, mine) : task.allGather(mine);
                out.add(String.join(",", all));
            }
            out.add(0, "elapsed " + (System.nanoTime() - t0) / 1_000_000);
            out.add("interrupted " + Thread.currentThread().isInterrupted());
            return CollectionConverters.asScala(out.iterator());
        }
    }

    @Test
    void gathersWhatSparkGathersWithoutWaitingForItsPoll(SparkFixture fx) {
        long before = PromptBarrier.WAKE_UPS.get();
        List<String> out = gather(fx, true);
        for (int round = 0; round < CALLS; round++) {
            String expected = round + ":0," + round + ":1";
            assertEquals(2, out.stream().filter(expected::equals).count(), out.toString());
        }
        for (String line : out) {
            if (line.startsWith("elapsed ")) {
                long millis = Long.parseLong(line.substring(8));
                assertTrue(millis < 1000L * CALLS, CALLS + " gathers took " + millis + " ms: Spark's poll would take " + CALLS + " s or more");
            }
        }
        assertFalse(out.contains("interrupted true"), "a wake-up leaked out of the gather: " + out);
        assertTrue(PromptBarrier.WAKE_UPS.get() > before, "no task was woken");
    }

    @Test
    void sparksOwnGatherStillPollsOnceASecond(SparkFixture fx) {
        List<String> out = gather(fx, false);
        assertTrue(out.contains("0:0,0:1"), out.toString());
        // the last task to arrive may find the answer at once, and on a loaded machine (a test JVM on each core) the
        // first one once did too, descheduled until the reply was in: over CALLS gathers one task sleeps a whole poll
        long slowest = out.stream().filter(l -> l.startsWith("elapsed ")).mapToLong(l -> Long.parseLong(l.substring(8))).max().orElseThrow();
        assertTrue(slowest >= 1000, "Spark's allGather answered every task within a second (slowest " + slowest
                + " ms): its poll is gone, and PromptBarrier is no longer needed");
    }

    @Test
    void onlyASleepInSparksBarrierPollIsWoken() {
        StackTraceElement sleep = new StackTraceElement("java.lang.Thread", "sleep", null, -2);
        StackTraceElement poll = new StackTraceElement("org.apache.spark.BarrierTaskContext", "runBarrier", "BarrierTaskContext.scala", 102);
        StackTraceElement other = new StackTraceElement("io.netty.util.concurrent.DefaultPromise", "await", null, 1);
        assertTrue(PromptBarrier.asleepInBarrierPoll(new StackTraceElement[] {sleep, poll}));
        assertFalse(PromptBarrier.asleepInBarrierPoll(new StackTraceElement[] {other, poll}), "the request itself");
        assertFalse(PromptBarrier.asleepInBarrierPoll(new StackTraceElement[] {sleep, other}), "a sleep elsewhere");
        assertFalse(PromptBarrier.asleepInBarrierPoll(Arrays.copyOf(new StackTraceElement[0], 0)));
    }
}
