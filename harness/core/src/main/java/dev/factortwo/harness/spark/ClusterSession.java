package dev.factortwo.harness.spark;

import dev.factortwo.harness.services.StandaloneCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a run, and the standalone cluster behind it when the run asked for one
 * ({@code --master standalone}): started together, stopped together, even on failure. A session that was already
 * running in this JVM when the run began (a test's shared one) is used and left running: its owner stops it.
 */
public final class ClusterSession implements AutoCloseable {

    private final SparkSession session;
    private final Optional<StandaloneCluster> cluster;
    private final Map<String, String> conf;
    private final boolean owned;

    private ClusterSession(SparkSession session, Optional<StandaloneCluster> cluster, Map<String, String> conf, boolean owned) {
        this.session = session;
        this.cluster = cluster;
        this.conf = conf;
        this.owned = owned;
    }

    /**
     * @param master  a Spark master URL, or {@code standalone} for a real standalone cluster on this machine,
     *                whose executors get this JVM's classpath (same machine, so nothing is copied)
     */
    public static ClusterSession start(String master, Map<String, String> extra, Path scratch) {
        if (!"standalone".equals(master)) {
            Map<String, String> conf = new LinkedHashMap<>(SparkSessions.defaults(master));
            conf.putAll(extra);
            boolean running = SparkSession.getDefaultSession().isDefined() && !SparkSession.getDefaultSession().get().sparkContext().isStopped();
            return new ClusterSession(SparkSessions.start(master, extra), Optional.empty(), conf, !running);
        }
        StandaloneCluster cluster;
        try {
            cluster = StandaloneCluster.start(StandaloneCluster.Settings.defaults(scratch.resolve("standalone")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the standalone cluster: " + e.getMessage(), e);
        }
        try {
            Map<String, String> conf = new LinkedHashMap<>(cluster.driverConf());
            conf.put("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            conf.put("spark.executor.cores", "1");
            conf.put("spark.executor.memory", "1g");
            conf.putAll(extra);
            SparkSession s = SparkSessions.start(cluster.masterUrl(), conf);
            Map<String, String> all = new LinkedHashMap<>(SparkSessions.defaults(cluster.masterUrl()));
            all.putAll(conf);
            all.remove("spark.executor.extraClassPath");
            return new ClusterSession(s, Optional.of(cluster), all, true);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public SparkSession session() {
        return session;
    }

    public Optional<StandaloneCluster> cluster() {
        return cluster;
    }

    public String masterUrl() {
        return session.sparkContext().master();
    }

    /** The Spark configuration factortwo set, for the results' environment. */
    public Map<String, String> conf() {
        return conf;
    }

    @Override
    public void close() {
        try {
            if (owned) session.stop();
        } finally {
            cluster.ifPresent(StandaloneCluster::close);
        }
    }
}
