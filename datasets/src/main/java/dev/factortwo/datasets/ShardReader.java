package dev.factortwo.datasets;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads one shard ({@link ShardFormat}) from any Hadoop file system or stream, verifying its length,
 * header and SHA-256 against the manifest while reading.
 *
 * <p>Records reach the consumer as they are read; the digest can only be checked at the end, so on a
 * {@link CorruptShardException} the consumer may already have seen records of that shard and must
 * discard them. Stateless and thread-safe.
 *
 * <pre>{@code
 * Manifest m = Manifest.read(fs, dir);
 * for (ShardInfo shard : m.shards()) {
 *     ShardReader.read(fs, dir, shard, m.recordBytes(), (i, label, image) -> train(label, image));
 * }
 * }</pre>
 */
public final class ShardReader {

    private ShardReader() {
    }

    /**
     * Reads {@code dir/shard.name()} from {@code fs}, calling {@code consumer} for each record (index within
     * the shard, from 0).
     *
     * @return the number of records read
     * @throws CorruptShardException if the shard is missing, has the wrong length, header or SHA-256, or the
     *                               file system's own checksums fail ({@link ChecksumException})
     */
    public static long read(FileSystem fs, Path dir, ShardInfo shard, int recordBytes, RecordConsumer consumer) throws IOException {
        String location = fs.makeQualified(dir).toString();
        InputStream in;
        try {
            in = fs.open(new Path(dir, shard.name()));
        } catch (FileNotFoundException e) {
            throw CorruptShardException.missing(shard, location);
        }
        try (in) {
            return read(in, location, shard, recordBytes, consumer);
        } catch (ChecksumException e) {
            throw CorruptShardException.checksum(shard, location, e);
        }
    }

    /**
     * Reads a shard from a stream the caller opened (and closes); the caller may count bytes and requests
     * itself.
     *
     * @param shardLocation where the shard lives (e.g. its directory URI), for messages
     * @return the number of records read
     * @throws CorruptShardException if the stream has the wrong length, header or SHA-256
     */
    public static long read(InputStream in, String shardLocation, ShardInfo shard, int recordBytes, RecordConsumer consumer) throws IOException {
        if (recordBytes < 1 || shard.bytes() != ShardFormat.shardBytes(shard.records(), recordBytes)) {
            throw new IllegalArgumentException("shard " + shard.name() + ": " + shard.bytes() + " bytes do not fit "
                    + shard.records() + " records of " + recordBytes + " bytes (manifest and recordBytes disagree)");
        }
        MessageDigest md = Sha256.newDigest();
        InputStream buffered = new BufferedInputStream(in, 1 << 16);
        byte[] header = new byte[ShardFormat.HEADER_BYTES];
        long read = readHashed(buffered, header, header.length, md);
        if (read < header.length) {
            throw CorruptShardException.length(shard, shardLocation, read);
        }
        String headerProblem = ShardFormat.headerProblem(header, recordBytes, shard.records());
        if (headerProblem != null) {
            read += drainHashed(buffered, md);
            if (read != shard.bytes()) {
                throw CorruptShardException.length(shard, shardLocation, read);
            }
            throw CorruptShardException.digest(shard, shardLocation, Sha256.hex(md.digest()), headerProblem);
        }
        byte[] label = new byte[1];
        byte[] image = new byte[recordBytes - 1];
        for (long i = 0; i < shard.records(); i++) {
            long n = readHashed(buffered, label, 1, md) + readHashed(buffered, image, image.length, md);
            read += n;
            if (n < recordBytes) {
                throw CorruptShardException.length(shard, shardLocation, read + drainHashed(buffered, md));
            }
            consumer.accept(i, label[0] & 0xFF, image);
        }
        long extra = drainHashed(buffered, md);
        if (extra > 0) {
            throw CorruptShardException.length(shard, shardLocation, read + extra);
        }
        String actual = Sha256.hex(md.digest());
        if (!actual.equals(shard.sha256())) {
            throw CorruptShardException.digest(shard, shardLocation, actual, null);
        }
        return shard.records();
    }

    private static int readHashed(InputStream in, byte[] buffer, int length, MessageDigest md) throws IOException {
        int n = in.readNBytes(buffer, 0, length);
        md.update(buffer, 0, n);
        return n;
    }

    private static long drainHashed(InputStream in, MessageDigest md) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            md.update(buffer, 0, n);
            total += n;
        }
        return total;
    }
}
