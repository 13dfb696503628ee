package dev.factortwo.harness.state;

import dev.factortwo.harness.task.WorkerLocal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Drops worker-local entries in the executors themselves, where they live: a Spark job of many small tasks,
 * each clearing the entries of one run in the JVM it lands in, repeated until every executor the application
 * has was reached (or a few tries). In {@code local[N]} the one executor is the driver's JVM; on a cluster
 * they are separate processes that the driver cannot touch directly.
 */
final class WorkerWipe {

    /** Jobs tried before giving up on reaching every executor. */
    static final int TRIES = 5;

    private WorkerWipe() {
    }

    static Execution.Wipe run(JavaSparkContext sc, String runKey) {
        int hosts = sc.sc().getExecutorMemoryStatus().size();
        boolean local = sc.sc().isLocal();
        int expected = local ? 1 : Math.max(1, hosts - 1); // the status lists the driver beside the executors
        int tasks = Math.max(4, sc.defaultParallelism() * 4);
        Map<String, Integer> dropped = new TreeMap<>();
        for (int attempt = 0; attempt < TRIES && dropped.size() < expected; attempt++) {
            List<Tuple2<String, Integer>> out = sc.parallelize(IntStream.range(0, tasks).boxed().toList(), tasks)
                    .map(i -> new Tuple2<>(SparkEnv.get().executorId(), WorkerLocal.clear(runKey))).collect();
            for (Tuple2<String, Integer> t : out) dropped.merge(t._1(), t._2(), Integer::sum);
        }
        return new Execution.Wipe(dropped, expected);
    }
}
