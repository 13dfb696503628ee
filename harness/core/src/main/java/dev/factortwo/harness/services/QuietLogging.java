package dev.factortwo.harness.services;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/** Turns down the chatty loggers of embedded services (MiniDFSCluster logs hundreds of lines a start). */
final class QuietLogging {
    private QuietLogging() {
    }

    static void hadoop() {
        try {
            for (String name : new String[] {"org.apache.hadoop", "org.eclipse.jetty", "BlockStateChange",
                    "org.apache.hadoop.hdfs.StateChange"}) {
                atMost(name, Level.ERROR);
            }
        } catch (LinkageError noLog4jCore) {
            // another logging backend: leave it as configured
        }
    }

    /** Lowers a logger to {@code level}, never raises it (a logger set to OFF stays off). */
    private static void atMost(String name, Level level) {
        if (!LogManager.getLogger(name).getLevel().isMoreSpecificThan(level)) {
            Configurator.setLevel(name, level);
        }
    }

    /** The datanode reports its own interrupted threads as errors when the cluster shuts down. */
    static void hadoopShutdown() {
        try {
            Configurator.setLevel("org.apache.hadoop.hdfs.server.datanode", Level.OFF);
        } catch (LinkageError noLog4jCore) {
            // another logging backend
        }
    }
}
