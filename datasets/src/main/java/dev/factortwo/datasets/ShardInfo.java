package dev.factortwo.datasets;

import java.io.Serializable;

/**
 * One shard file as the manifest describes it.
 *
 * @param name    file name inside the shard directory, e.g. {@code part-00000.f2s}
 * @param records number of records in the shard
 * @param bytes   file length in bytes, header included ({@code 20 + records * recordBytes})
 * @param sha256  SHA-256 of the whole file, 64 lowercase hex digits
 */
public record ShardInfo(String name, long records, long bytes, String sha256) implements Serializable {

    public ShardInfo {
        if (name == null || sha256 == null) {
            throw new IllegalArgumentException("shard name and sha256 must not be null");
        }
        if (records < 0 || bytes < 0) {
            throw new IllegalArgumentException("shard " + name + ": records " + records + " and bytes " + bytes + " must be >= 0");
        }
    }
}
