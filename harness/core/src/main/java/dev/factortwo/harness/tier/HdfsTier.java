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
final class HdfsTier extends EmbeddedServiceTier<EmbeddedHdfs> {
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

    HdfsTier(TierSettings settings) {
        super(settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Optional<URI> external() {
        return settings.hdfsNamenode();
    }

    @Override
    String serviceWord() {
        return "namenode";
    }

    @Override
    EmbeddedHdfs startEmbedded() throws IOException {
        try {
            return EmbeddedHdfs.start(settings.scratchDir().resolve("hdfs"), FAIL_FAST);
        } catch (NoClassDefFoundError e) {
            throw new IOException("the embedded hdfs tier needs org.apache.hadoop:hadoop-client-minicluster on the"
                    + " classpath (missing " + e.getMessage() + "); add it, or set " + TierSettings.ENV_HDFS_NAMENODE
                    + " to a real namenode", e);
        }
    }

    @Override
    URI addressOf(EmbeddedHdfs hdfs) {
        return hdfs.uri();
    }

    @Override
    Outage takeDown(EmbeddedHdfs hdfs) {
        hdfs.stopNameNode();
        return hdfs::restartNameNode;
    }

    @Override
    public URI root() {
        return URI.create(address().toString().replaceAll("/+$", "") + "/" + settings.rootPrefix());
    }

    @Override
    public Map<String, String> hadoopConf() {
        address();
        return FAIL_FAST;
    }

    @Override
    public CheckpointStore checkpoints(String run) {
        return new HadoopCheckpointStore(new org.apache.hadoop.fs.Path(root().toString() + "/checkpoints/" + run), configuration(),
                true, "HDFS FileSystem API");
    }

    @Override
    public String describe() {
        URI namenode = addressOrNull();
        if (namenode == null) {
            return settings.hdfsNamenode().map(u -> "HDFS namenode " + u).orElse("embedded MiniDFSCluster (not started)");
        }
        return (isEmbedded() ? "embedded MiniDFSCluster at " : "HDFS namenode ") + namenode;
    }
}
