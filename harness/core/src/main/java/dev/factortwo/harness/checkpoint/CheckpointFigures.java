package dev.factortwo.harness.checkpoint;

/**
 * What a run's checkpoints cost, counted by {@link Checkpoints}: the tier client's own time for writing and reading
 * (not encoding, hashing or verifying, which are ours), and the bytes. Immutable.
 *
 * @param writes        checkpoints written (each: its parts and its manifest)
 * @param writeNanos    time in the tier client's write calls
 * @param bytesWritten  bytes handed to them, manifests included
 * @param reads         checkpoints read back (restores and read-back checks)
 * @param readNanos     time in the tier client's read calls
 * @param bytesRead     bytes they returned, manifests included
 */
public record CheckpointFigures(int writes, long writeNanos, long bytesWritten, int reads, long readNanos, long bytesRead) {

    public static final CheckpointFigures NONE = new CheckpointFigures(0, 0, 0, 0, 0, 0);

    public CheckpointFigures plus(CheckpointFigures o) {
        return new CheckpointFigures(writes + o.writes, writeNanos + o.writeNanos, bytesWritten + o.bytesWritten,
                reads + o.reads, readNanos + o.readNanos, bytesRead + o.bytesRead);
    }

    /** Written bytes per second of the client's write time, in GB/s (10^9 bytes); NaN without writes. */
    public double writeGigabytesPerSecond() {
        return writeNanos == 0 ? Double.NaN : bytesWritten / (double) writeNanos;
    }

    /** Read bytes per second of the client's read time, in GB/s; NaN without reads. */
    public double readGigabytesPerSecond() {
        return readNanos == 0 ? Double.NaN : bytesRead / (double) readNanos;
    }
}
