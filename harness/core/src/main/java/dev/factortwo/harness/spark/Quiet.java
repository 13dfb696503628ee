package dev.factortwo.harness.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Spark's and Hadoop's own logging: quiet (ERROR) by default, back to WARN with {@code --verbose}. */
public final class Quiet {

    private static volatile boolean verbose;

    private Quiet() {
    }

    public static void apply(boolean verboseLogging) {
        verbose = verboseLogging;
        Level level = verboseLogging ? Level.WARN : Level.ERROR;
        Configurator.setRootLevel(level);
        for (String name : new String[] {"org.apache.spark", "org.apache.hadoop", "org.sparkproject", "io.netty",
                "org.apache.parquet", "org.eclipse.jetty", "software.amazon", "org.apache.hadoop.hdfs"}) {
            Configurator.setLevel(name, level);
        }
        // task failures are recorded in the results (and injected on purpose by fault checks): not printed
        // (Utils: a task still running from a round that failed under an injected outage logs "Exception encountered"
        // with a trace when the driver has already dropped that round's broadcast; seen once in a quick suite)
        for (String name : new String[] {"org.apache.spark.executor.Executor", "org.apache.spark.scheduler.TaskSetManager",
                "org.apache.spark.scheduler.DAGScheduler", "org.apache.spark.storage.BlockManagerMasterEndpoint",
                "org.apache.spark.util.Utils"}) {
            Configurator.setLevel(name, verboseLogging ? Level.WARN : Level.OFF);
        }
    }

    /**
     * Library logging off entirely, for commands that report every outcome themselves ({@code doctor}): a
     * failing library then prints no stack trace of its own. {@code --verbose} uses {@link #apply} instead.
     */
    public static void off() {
        verbose = false;
        Configurator.setRootLevel(Level.OFF);
        for (String name : new String[] {"org.apache.spark", "org.apache.hadoop", "org.sparkproject", "io.netty",
                "org.apache.parquet", "org.eclipse.jetty", "software.amazon", "org.apache.hadoop.hdfs",
                "BlockStateChange", "org.apache.hadoop.hdfs.StateChange"}) {
            Configurator.setLevel(name, Level.OFF);
        }
    }

    static String sparkLevel() {
        return verbose ? "WARN" : "ERROR";
    }
}
