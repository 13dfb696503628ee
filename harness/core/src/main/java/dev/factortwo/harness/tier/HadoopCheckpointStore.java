package dev.factortwo.harness.tier;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Checkpoints through Hadoop's {@code FileSystem} API: HDFS's client for the hdfs tier, S3A (the AWS SDK underneath)
 * for the s3 tier, the clients their data is read with. {@link #publish} is atomic either way: on HDFS a temporary file
 * renamed over the target (a rename is atomic in the namenode); on S3 one PUT, which S3A sends when the stream closes,
 * so the object appears whole or not at all (an S3A rename would be a copy, not atomic).
 */
final class HadoopCheckpointStore implements CheckpointStore {

    private final Path dir;
    private final Configuration conf;
    private final boolean renameIsAtomic;
    private final String clientName;

    HadoopCheckpointStore(Path dir, Configuration conf, boolean renameIsAtomic, String clientName) {
        this.dir = dir;
        this.conf = conf;
        this.renameIsAtomic = renameIsAtomic;
        this.clientName = clientName;
    }

    private FileSystem fs() throws IOException {
        return dir.getFileSystem(conf);
    }

    @Override
    public String client() {
        return clientName + " (" + dir + ")";
    }

    @Override
    public void write(String name, byte[] bytes) throws IOException {
        try (FSDataOutputStream out = fs().create(new Path(dir, name), true)) {
            out.write(bytes);
        }
    }

    @Override
    public void publish(String name, byte[] bytes) throws IOException {
        Path target = new Path(dir, name);
        if (!renameIsAtomic) {
            write(name, bytes);
            return;
        }
        FileSystem fs = fs();
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(bytes);
            out.hsync();
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) throw new IOException("could not rename " + tmp + " to " + target);
    }

    @Override
    public byte[] read(String name) throws IOException {
        Path p = new Path(dir, name);
        try (var in = fs().open(p)) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(p + ": no such checkpoint object");
        }
    }

    @Override
    public List<String> list() throws IOException {
        FileSystem fs = fs();
        if (!fs.exists(dir)) return List.of();
        List<String> names = new ArrayList<>();
        String base = fs.makeQualified(dir).toUri().getPath().replaceAll("/+$", "") + "/";
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
        while (it.hasNext()) {
            String path = it.next().getPath().toUri().getPath();
            if (path.startsWith(base)) names.add(path.substring(base.length()));
        }
        return names.stream().sorted().toList();
    }

    @Override
    public void deleteAll() throws IOException {
        fs().delete(dir, true);
    }
}
