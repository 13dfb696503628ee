package dev.factortwo.datasets;

import java.nio.ByteBuffer;
import java.util.regex.Pattern;

/**
 * The factortwo shard format, version 1: a directory of shard files plus {@code manifest.json}.
 *
 * <p><b>Shard file</b> ({@code part-00000.f2s}, {@code part-00001.f2s}, ...), all integers big-endian:
 * <pre>
 *   offset  size  field
 *   0       4     magic 0x46325348 ("F2SH")
 *   4       4     format version, 1
 *   8       4     record size in bytes, R = 1 + height * width * channels
 *   12      8     record count, N
 *   20      N*R   records: [label: 1 unsigned byte][image: height*width*channels unsigned bytes, row-major HWC]
 * </pre>
 * A shard therefore has exactly {@code 20 + N * R} bytes. Records are stored in split order: shard 0 holds
 * the first records, and shard sizes differ by at most one record.
 *
 * <p><b>Manifest</b> ({@code manifest.json}, schema {@value #SCHEMA}): the dataset spec, the split, the
 * record size, and per shard its file name, record count, byte length and the SHA-256 of the whole file
 * (header included); {@code digest} is the SHA-256 of the concatenated raw 32-byte shard digests, in
 * shard order. See {@link Manifest}. A directory without a manifest is not a (finished) shard directory:
 * writers write the manifest last.
 */
public final class ShardFormat {

    /** The magic number at the start of every shard: the ASCII bytes {@code F2SH}. */
    public static final int MAGIC = 0x46325348;
    /** The shard format version this code writes and reads. */
    public static final int VERSION = 1;
    /** Bytes before the first record. */
    public static final int HEADER_BYTES = 20;
    /** The manifest's schema name. */
    public static final String SCHEMA = "factortwo/shards/v1";
    /** The manifest's file name inside a shard directory. */
    public static final String MANIFEST = "manifest.json";
    /** The suffix of shard files. */
    public static final String SUFFIX = ".f2s";

    static final Pattern SHARD_FILE = Pattern.compile("part-\\d{5,}\\.f2s");

    private ShardFormat() {
    }

    /** The file name of shard {@code index}: {@code part-00000.f2s}, {@code part-00001.f2s}, ... */
    public static String shardName(int index) {
        return String.format("part-%05d%s", index, SUFFIX);
    }

    /** Bytes in a shard of {@code records} records of {@code recordBytes} bytes each, header included. */
    public static long shardBytes(long records, int recordBytes) {
        return HEADER_BYTES + records * recordBytes;
    }

    /** The 20-byte header of a shard. */
    static byte[] header(int recordBytes, long records) {
        return ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(VERSION).putInt(recordBytes).putLong(records).array();
    }

    /** What is wrong with {@code header} compared with the expected values, or null if nothing. */
    static String headerProblem(byte[] header, int recordBytes, long records) {
        ByteBuffer b = ByteBuffer.wrap(header);
        int magic = b.getInt();
        int version = b.getInt();
        int size = b.getInt();
        long count = b.getLong();
        if (magic != MAGIC) {
            return String.format("bad magic 0x%08X, expected 0x%08X (F2SH)", magic, MAGIC);
        }
        if (version != VERSION) {
            return "format version " + version + ", expected " + VERSION;
        }
        if (size != recordBytes) {
            return "header says records of " + size + " bytes, expected " + recordBytes;
        }
        if (count != records) {
            return "header says " + count + " records, expected " + records;
        }
        return null;
    }
}
