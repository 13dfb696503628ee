package dev.factortwo.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Copies a local shard directory to any Hadoop file system ({@code file://}, {@code hdfs://},
 * {@code s3a://}) and verifies the copy.
 *
 * <p>Works the same on file systems and object stores: the target's old manifest is deleted first, every
 * shard is written directly to its final name (no rename, which is a copy on S3A), and the manifest is
 * written last, so an interrupted stage leaves a directory without a manifest, which readers reject.
 * Local shards are checked against the local manifest while they are copied, and the copy is then re-read
 * and checked in full. File system instances come from {@link FileSystem#get(URI, Configuration)}'s cache
 * and are not closed here.
 *
 * <pre>{@code
 * Manifest staged = Stager.stage(Path.of("/data/fmnist/train"), URI.create("s3a://bench/fmnist/train"), conf);
 * }</pre>
 */
public final class Stager {

    private Stager() {
    }

    /**
     * Copies {@code localDir} (a shard directory with a manifest) to {@code target}, then verifies it.
     *
     * @return the manifest of the staged copy; its digest equals the local one
     * @throws CorruptShardException   if a local shard or the staged copy does not match the manifest
     * @throws ManifestFormatException if the local manifest is malformed
     */
    public static Manifest stage(java.nio.file.Path localDir, URI target, Configuration conf) throws IOException {
        java.nio.file.Path localManifest = localDir.resolve(ShardFormat.MANIFEST);
        Manifest manifest;
        try {
            manifest = Manifest.fromJson(Files.readString(localManifest, StandardCharsets.UTF_8), localManifest.toString());
        } catch (NoSuchFileException e) {
            throw new java.io.FileNotFoundException(localManifest + ": no manifest (not a shard directory, or writing did not finish)");
        }
        FileSystem fs = FileSystem.get(target, conf);
        Path dir = new Path(target);
        fs.mkdirs(dir);
        Path manifestPath = new Path(dir, ShardFormat.MANIFEST);
        if (fs.exists(manifestPath)) {
            fs.delete(manifestPath, false);
        }
        deleteStaleShards(fs, dir, manifest);
        for (ShardInfo shard : manifest.shards()) {
            copy(localDir, shard, fs, dir);
        }
        try (OutputStream out = fs.create(manifestPath, true)) {
            out.write(manifest.toJson().getBytes(StandardCharsets.UTF_8));
        }
        Manifest staged = verify(target, conf);
        if (!staged.digest().equals(manifest.digest())) {
            throw new IOException(target + ": staged digest " + staged.digest() + ", expected " + manifest.digest());
        }
        return staged;
    }

    /**
     * Re-reads every shard at {@code target} and checks its length and SHA-256 against the manifest there.
     *
     * @return the target's manifest
     * @throws java.io.FileNotFoundException if {@code target} has no manifest
     * @throws CorruptShardException         naming the first shard that does not match
     */
    public static Manifest verify(URI target, Configuration conf) throws IOException {
        FileSystem fs = FileSystem.get(target, conf);
        Path dir = new Path(target);
        Manifest manifest = Manifest.read(fs, dir);
        for (ShardInfo shard : manifest.shards()) {
            ShardReader.read(fs, dir, shard, manifest.recordBytes(), (i, label, image) -> { });
        }
        return manifest;
    }

    private static void copy(java.nio.file.Path localDir, ShardInfo shard, FileSystem fs, Path dir) throws IOException {
        java.nio.file.Path source = localDir.resolve(shard.name());
        Path destination = new Path(dir, shard.name());
        MessageDigest md = Sha256.newDigest();
        long copied = 0;
        InputStream in;
        try {
            in = Files.newInputStream(source);
        } catch (NoSuchFileException e) {
            throw CorruptShardException.missing(shard, localDir.toString());
        }
        try (in; OutputStream out = fs.create(destination, true)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
                out.write(buffer, 0, n);
                copied += n;
            }
        }
        String actual = Sha256.hex(md.digest());
        if (copied != shard.bytes() || !actual.equals(shard.sha256())) {
            fs.delete(destination, false);
            throw copied != shard.bytes()
                    ? CorruptShardException.length(shard, localDir.toString(), copied)
                    : CorruptShardException.digest(shard, localDir.toString(), actual, null);
        }
    }

    private static void deleteStaleShards(FileSystem fs, Path dir, Manifest manifest) throws IOException {
        Set<String> keep = new HashSet<>();
        manifest.shards().forEach(s -> keep.add(s.name()));
        for (FileStatus status : fs.listStatus(dir)) {
            String name = status.getPath().getName();
            if (status.isFile() && ShardFormat.SHARD_FILE.matcher(name).matches() && !keep.contains(name)) {
                fs.delete(status.getPath(), false);
            }
        }
    }
}
