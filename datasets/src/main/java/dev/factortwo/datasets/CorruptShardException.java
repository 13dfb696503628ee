package dev.factortwo.datasets;

import java.io.IOException;

/**
 * A shard whose bytes are not what its manifest promises: wrong SHA-256, wrong length (truncated or too
 * long), a bad header, or missing altogether. The message names the shard, where it was read, and the
 * expected and actual digest or length, e.g.
 * {@code shard part-00003.f2s of s3a://bench/fmnist: SHA-256 a1b2..., expected 9f8e...}.
 *
 * <p>Readers verify while streaming, so a consumer may already have seen records of the shard when this
 * is thrown; discard them.
 */
public final class CorruptShardException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String shard;
    private final String location;
    private final String expected;
    private final String actual;

    /**
     * @param shard    the shard's file name
     * @param location where it was read (directory URI or path)
     * @param expected expected digest or length
     * @param actual   actual digest or length
     * @param message  the whole message
     */
    public CorruptShardException(String shard, String location, String expected, String actual, String message) {
        super(message);
        this.shard = shard;
        this.location = location;
        this.expected = expected;
        this.actual = actual;
    }

    static CorruptShardException digest(ShardInfo shard, String location, String actualSha256, String detail) {
        return new CorruptShardException(shard.name(), location, shard.sha256(), actualSha256,
                "shard " + shard.name() + " of " + location + ": SHA-256 " + actualSha256 + ", expected " + shard.sha256()
                        + (detail == null ? "" : " (" + detail + ")"));
    }

    static CorruptShardException length(ShardInfo shard, String location, long actualBytes) {
        String problem = actualBytes < shard.bytes()
                ? "truncated: " + actualBytes + " bytes, expected " + shard.bytes() + " bytes"
                : actualBytes + " bytes, expected " + shard.bytes() + " bytes (" + (actualBytes - shard.bytes()) + " extra)";
        return new CorruptShardException(shard.name(), location, Long.toString(shard.bytes()), Long.toString(actualBytes),
                "shard " + shard.name() + " of " + location + ": " + problem);
    }

    static CorruptShardException checksum(ShardInfo shard, String location, IOException cause) {
        CorruptShardException e = new CorruptShardException(shard.name(), location, shard.sha256(), "checksum error",
                "shard " + shard.name() + " of " + location + ": the file system's checksum failed (" + cause.getMessage()
                        + "), expected SHA-256 " + shard.sha256());
        e.initCause(cause);
        return e;
    }

    static CorruptShardException missing(ShardInfo shard, String location) {
        return new CorruptShardException(shard.name(), location, Long.toString(shard.bytes()), "missing",
                "shard " + shard.name() + " of " + location + ": missing, expected " + shard.bytes()
                        + " bytes with SHA-256 " + shard.sha256());
    }

    /** The shard's file name. */
    public String shard() {
        return shard;
    }

    /** Where the shard was read. */
    public String location() {
        return location;
    }

    /** The expected SHA-256 (hex) or length (bytes, as text). */
    public String expected() {
        return expected;
    }

    /** The actual SHA-256 (hex), length (bytes, as text), {@code "missing"} or {@code "checksum error"}. */
    public String actual() {
        return actual;
    }
}
