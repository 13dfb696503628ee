package dev.factortwo.harness.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.storage.BlockManagerId;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster (master, worker and executors in JVMs of their own): a cached RDD survives the
 * SIGKILL of the executor holding its blocks, recomputed from lineage to the same result.
 */
@Tag("slow")
class StandaloneClusterTest {
    private static final int PARTITIONS = 4;
    private static final long ROWS = 200_000;

    @TempDir
    Path scratch;

    /** Runs on executors: a deterministic mix of the row number, counting how often it runs. */
    static final class Scramble implements Function<Long, Long> {
        private static final long serialVersionUID = 1L;
        private final LongAccumulator computed;

        Scramble(LongAccumulator computed) {
            this.computed = computed;
        }

        @Override
        public Long call(Long x) {
            computed.add(1);
            long z = x * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            return z ^ (z >>> 31);
        }
    }

    /** Runs on executors; a class rather than a lambda, whose deserialization would load this test class. */
    static final class Sum implements Function2<Long, Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long call(Long a, Long b) {
            return a + b;
        }
    }

    @Test
    void cachedRddRecomputedAfterExecutorKillGivesTheSameResult() throws Exception {
        StandaloneCluster.Settings settings = StandaloneCluster.Settings.defaults(scratch.resolve("cluster"));
        try (StandaloneCluster cluster = StandaloneCluster.start(settings)) {
            System.out.printf("standalone cluster up in %d ms at %s%n", cluster.startTime().toMillis(), cluster.masterUrl());
            SparkConf conf = new SparkConf().setAppName("factortwo-standalone-test")
                    .set("spark.ui.enabled", "false")
                    .set("spark.executor.cores", "1")
                    .set("spark.executor.memory", "512m")
                    .set("spark.cores.max", "2")
                    .set("spark.jars", testClassesJar().toString());
            cluster.driverConf().forEach(conf::set);
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                String appId = sc.sc().applicationId();
                awaitExecutors(cluster, appId, 2);
                Map<String, Long> before = cluster.executors(appId);
                assertEquals(2, before.size(), "executor JVMs: " + before);
                assertFalse(before.containsValue(ProcessHandle.current().pid()), "executors must be other JVMs");

                LongAccumulator computed = sc.sc().longAccumulator("computed");
                List<Long> rows = LongStream.range(0, ROWS).boxed().toList();
                JavaRDD<Long> cached = sc.parallelize(rows, PARTITIONS).map(new Scramble(computed))
                        .persist(StorageLevel.MEMORY_ONLY());
                long expectedSum = cached.reduce(new Sum());
                List<Long> expectedRows = cached.collect();
                assertEquals(ROWS, computed.value(), "each row computed once, then read from the cache");

                String victim = holderOf(cached.id(), 0);
                long victimPid = before.get(victim);
                long lostRows = ROWS / PARTITIONS * blocksOn(victim, cached.id());
                cluster.killExecutor(victimPid);
                assertFalse(ProcessHandle.of(victimPid).map(ProcessHandle::isAlive).orElse(false));

                long sumAfter = cached.reduce(new Sum());
                assertEquals(expectedSum, sumAfter, "sum after recomputation");
                assertEquals(expectedRows, cached.collect(), "rows after recomputation");
                assertEquals(ROWS + lostRows, computed.value(),
                        "exactly the partitions cached on executor " + victim + " are recomputed");
                Map<String, Long> after = cluster.executors(appId);
                assertFalse(after.containsValue(victimPid), "killed executor still listed: " + after);
                System.out.printf("killed executor %s (pid %d), %d rows recomputed; executors now %s%n",
                        victim, victimPid, lostRows, after);
            }
        }
        try (Stream<ProcessHandle> leftovers = ProcessHandle.current().descendants()) {
            List<String> spark = leftovers.filter(p -> p.info().arguments().map(List::of).orElse(List.of()).stream()
                    .anyMatch(a -> a.startsWith("org.apache.spark.deploy") || a.contains("CoarseGrainedExecutorBackend")))
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
            assertTrue(spark.isEmpty(), "processes left after close: " + spark);
        }
    }

    private static String holderOf(int rddId, int partition) {
        scala.collection.immutable.Seq<BlockManagerId> holders =
                SparkEnv.get().blockManager().master().getLocations(new RDDBlockId(rddId, partition));
        assertFalse(holders.isEmpty(), "partition " + partition + " is not cached anywhere");
        return holders.head().executorId();
    }

    private static long blocksOn(String executorId, int rddId) {
        long count = 0;
        for (int p = 0; p < PARTITIONS; p++) {
            if (holderOf(rddId, p).equals(executorId)) {
                count++;
            }
        }
        return count;
    }

    private static void awaitExecutors(StandaloneCluster cluster, String appId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (cluster.executors(appId).size() < count || SparkEnv.get().blockManager().master()
                .getMemoryStatus().size() < count + 1) {
            assertTrue(System.nanoTime() < deadline, "executors of " + appId + " not up within 60 s: "
                    + cluster.executors(appId) + "; see " + cluster.logDir());
            Thread.sleep(100);
        }
    }

    /** This test's classes in a jar, so the executors can load {@link Scramble}. */
    private Path testClassesJar() throws IOException, URISyntaxException {
        Path classes = Path.of(StandaloneClusterTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolve(StandaloneClusterTest.class.getPackageName().replace('.', '/'));
        Path jar = scratch.resolve("app.jar");
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().startsWith(StandaloneClusterTest.class.getSimpleName()))
                    .forEach(entries::add);
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Path entry : entries) {
                out.putNextEntry(new JarEntry(classes.relativize(entry).toString()));
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
