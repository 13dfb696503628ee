package dev.factortwo.harness.checkpoint;

/**
 * A checkpoint that a restore refuses: a part whose SHA-256 is not the manifest's, a part missing, a manifest that
 * cannot be read, or one written for another run (seed, replicas). The message is one line naming the checkpoint, the
 * part and where it lives, e.g. {@code checkpoint round-000001 at HDFS FileSystem API (hdfs://...): part replica-1:
 * SHA-256 3f2a… expected 9c1e…}.
 */
public final class CorruptCheckpointException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public CorruptCheckpointException(String message) {
        super(message);
    }

    public CorruptCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
