package dev.factortwo.harness.services;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Turns down the chatty loggers of embedded services (MiniDFSCluster logs hundreds of lines a start). */
final class QuietLogging {
    private QuietLogging() {
    }

    static void hadoop() {
        try {
            Configurator.setLevel("org.apache.hadoop", Level.ERROR);
            Configurator.setLevel("org.eclipse.jetty", Level.ERROR);
            Configurator.setLevel("BlockStateChange", Level.ERROR);
            Configurator.setLevel("org.apache.hadoop.hdfs.StateChange", Level.ERROR);
        } catch (LinkageError noLog4jCore) {
            // another logging backend: leave it as configured
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
