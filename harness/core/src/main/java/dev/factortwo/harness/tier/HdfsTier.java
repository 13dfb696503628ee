package dev.factortwo.harness.tier;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

import dev.factortwo.harness.services.EmbeddedHdfs;

/**
 * The hdfs tier: an embedded {@link EmbeddedHdfs} on loopback, or a real namenode from
 * {@link TierSettings#hdfsNamenode()}. Client retries are cut so that a namenode that is down fails a call
 * in about 2 s with the namenode's address in the message, instead of retrying for minutes.
 */
final class HdfsTier implements StorageTier {
    static final String NAME = "hdfs";

    /** Client settings that make an unreachable namenode or datanode fail within seconds. */
    static final Map<String, String> FAIL_FAST = Map.of(
            "ipc.client.connect.max.retries", "1",
            "ipc.client.connect.retry.interval", "200",
            "ipc.client.connect.timeout", "2000",
            "ipc.client.connect.max.retries.on.timeouts", "1",
            "dfs.client.retry.policy.enabled", "false",
            "dfs.client.retry.window.base", "200",
            "dfs.client.max.block.acquire.failures", "1",
            "dfs.client.socket-timeout", "10000");

    private final TierSettings settings;
    private Optional<EmbeddedHdfs> embedded = Optional.empty();
    private URI namenode;

    HdfsTier(TierSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean cold() {
        return true;
    }

    @Override
    public void start() throws IOException {
        if (namenode != null) {
            return;
        }
        if (settings.hdfsNamenode().isPresent()) {
            namenode = settings.hdfsNamenode().get();
        } else {
            EmbeddedHdfs hdfs;
            try {
                hdfs = EmbeddedHdfs.start(settings.scratchDir().resolve("hdfs"), FAIL_FAST);
            } catch (NoClassDefFoundError e) {
                throw new IOException("the embedded hdfs tier needs org.apache.hadoop:hadoop-client-minicluster on the"
                        + " classpath (missing " + e.getMessage() + "); add it, or set " + TierSettings.ENV_HDFS_NAMENODE
                        + " to a real namenode", e);
            }
            embedded = Optional.of(hdfs);
            namenode = hdfs.uri();
        }
    }

    @Override
    public URI root() {
        return URI.create(requireStarted().toString().replaceAll("/+$", "") + "/" + settings.rootPrefix());
    }

    @Override
    public Map<String, String> hadoopConf() {
        requireStarted();
        return FAIL_FAST;
    }

    @Override
    public String describe() {
        if (namenode == null) {
            return settings.hdfsNamenode().map(u -> "HDFS namenode " + u).orElse("embedded MiniDFSCluster (not started)");
        }
        return (embedded.isPresent() ? "embedded MiniDFSCluster at " : "HDFS namenode ") + namenode;
    }

    @Override
    public boolean supportsOutage() {
        return settings.hdfsNamenode().isEmpty();
    }

    @Override
    public Outage beginOutage() {
        requireStarted();
        EmbeddedHdfs hdfs = embedded.orElseThrow(() -> new UnsupportedOperationException(
                "tier hdfs uses the external namenode " + namenode + ": the harness cannot take it down"));
        hdfs.stopNameNode();
        return hdfs::restartNameNode;
    }

    @Override
    public void close() {
        embedded.ifPresent(EmbeddedHdfs::close);
        embedded = Optional.empty();
    }

    /** The embedded cluster, if this tier started one (for start-time measurements). */
    Optional<EmbeddedHdfs> embedded() {
        return embedded;
    }

    private URI requireStarted() {
        if (namenode == null) {
            throw new IllegalStateException("tier hdfs is not started: call start() first");
        }
        return namenode;
    }
}
