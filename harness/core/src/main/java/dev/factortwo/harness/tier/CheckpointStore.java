package dev.factortwo.harness.tier;

import java.io.IOException;
import java.util.List;

/**
 * Named byte objects under one run's checkpoint directory, written and read through a tier's own client: local files
 * (local-disk), Hadoop's {@code FileSystem} API against HDFS (hdfs) or S3A (s3), and, for the memory tier, a map in
 * the driver JVM's memory ({@link #client()} says which). It moves bytes and nothing else: what a checkpoint is, its
 * manifest and digests, live above it ({@code checkpoint/Checkpoints}), so that timing a call here times only the
 * tier's client.
 *
 * <p>{@link #publish} is the one atomic write: once it returns the object is whole under its name, and a crash before
 * leaves no object at all (a rename on local files and HDFS, one PUT on S3). {@link #write} makes no such promise.
 * Driver only; not thread-safe.
 *
 * <pre>{@code
 * CheckpointStore s = tier.checkpoints("run-1");
 * s.write("round-000001/replica-0", bytes);
 * s.publish("round-000001/MANIFEST", manifest);   // last: the checkpoint exists from here on
 * }</pre>
 */
public interface CheckpointStore extends AutoCloseable {

    /** The client the bytes go through, for results: e.g. {@code HDFS FileSystem API (hdfs://127.0.0.1:PORT/...)}. */
    String client();

    /** Writes {@code bytes} under {@code name} (a relative path, {@code /}-separated), replacing what was there. */
    void write(String name, byte[] bytes) throws IOException;

    /** Writes {@code bytes} under {@code name} atomically: readers see the whole object or none. */
    void publish(String name, byte[] bytes) throws IOException;

    /**
     * The bytes under {@code name}.
     *
     * @throws java.io.FileNotFoundException naming {@code name} when there is none
     */
    byte[] read(String name) throws IOException;

    /** Every name under this store, sorted. */
    List<String> list() throws IOException;

    /** Removes everything under this store (the run's checkpoints); idempotent. */
    void deleteAll() throws IOException;

    /** Same as {@link #deleteAll}, best effort: the checkpoints of a finished run go with it. */
    @Override
    default void close() {
        try {
            deleteAll();
        } catch (IOException | RuntimeException e) {
            // best effort: a scratch directory or a test's store
        }
    }
}
