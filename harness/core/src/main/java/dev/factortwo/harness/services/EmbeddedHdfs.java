package dev.factortwo.harness.services;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * An HDFS {@link MiniDFSCluster} (one namenode, one datanode, replication 1) in this JVM, bound to
 * 127.0.0.1 only, with its storage under a directory of this run. The namenode keeps its RPC and HTTP
 * ports across {@link #stopNameNode()} / {@link #restartNameNode()}, so clients reconnect to the same
 * address and find the same data. Needs {@code hadoop-client-minicluster} on the classpath.
 * Not thread-safe.
 */
public final class EmbeddedHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;
    private final Duration startTime;
    private boolean nameNodeUp = true;

    private EmbeddedHdfs(MiniDFSCluster cluster, Duration startTime) {
        this.cluster = cluster;
        this.startTime = startTime;
    }

    /**
     * Formats and starts a cluster with its files under {@code baseDir}; {@code clientSettings} (e.g.
     * fail-fast retry settings) are applied to the cluster's configuration too.
     */
    public static EmbeddedHdfs start(Path baseDir, Map<String, String> clientSettings) throws IOException {
        QuietLogging.hadoop();
        Files.createDirectories(baseDir);
        Configuration conf = new Configuration();
        clientSettings.forEach(conf::set);
        String any = LoopbackPorts.HOST + ":0";
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
        conf.set("dfs.namenode.rpc-bind-host", LoopbackPorts.HOST);
        conf.set("dfs.namenode.http-address", any);
        conf.set("dfs.namenode.https-address", any);
        conf.set("dfs.datanode.address", any);
        conf.set("dfs.datanode.http.address", any);
        conf.set("dfs.datanode.https.address", any);
        conf.set("dfs.datanode.ipc.address", any);
        conf.set("dfs.replication", "1");
        conf.set("dfs.heartbeat.interval", "1");
        conf.set("dfs.namenode.safemode.extension", "0");
        conf.set("dfs.namenode.safemode.extension.testing", "0");
        conf.setBoolean("dfs.permissions.enabled", false);
        long begin = System.nanoTime();
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf)
                .nameNodePort(LoopbackPorts.free())
                .nameNodeHttpPort(LoopbackPorts.free())
                .numDataNodes(1)
                .format(true)
                .build();
        try {
            cluster.waitActive();
        } catch (IOException | RuntimeException e) {
            cluster.shutdown(true);
            throw e;
        }
        return new EmbeddedHdfs(cluster, Duration.ofNanos(System.nanoTime() - begin));
    }

    /** {@code hdfs://127.0.0.1:PORT}; the same across namenode restarts. */
    public URI uri() {
        return URI.create("hdfs://" + LoopbackPorts.HOST + ":" + cluster.getNameNodePort());
    }

    /** Wall time of the first start, format included. */
    public Duration startTime() {
        return startTime;
    }

    public boolean nameNodeRunning() {
        return nameNodeUp;
    }

    /** Stops the namenode; the datanode and the data stay. Idempotent. */
    public void stopNameNode() {
        if (nameNodeUp) {
            cluster.shutdownNameNode(0);
            nameNodeUp = false;
        }
    }

    /**
     * Starts the namenode again on the same ports with the same metadata and waits until the datanode has
     * re-registered and the namenode has left safe mode. No-op if it is running.
     */
    public void restartNameNode() throws IOException {
        if (nameNodeUp) {
            return;
        }
        cluster.restartNameNode(0, true);
        nameNodeUp = true;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (cluster.getNameNode(0).isInSafeMode()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("namenode at " + uri() + " still in safe mode 60 s after restart");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for namenode at " + uri(), e);
            }
        }
    }

    @Override
    public void close() {
        QuietLogging.hadoopShutdown();
        cluster.shutdown(true);
    }
}
