package dev.factortwo.harness.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Reads one partition of a Parquet split in a task with Parquet's own reader (parquet-hadoop, not Spark): the files
 * of shard directories {@code shard=p, shard=p+P, ...}, every row group, through the store's Hadoop file system, then
 * back in stored order ({@link ParquetRows}). Counts the bytes and read calls that pass through the files' streams.
 */
public final class ParquetPartitionReader {

    private ParquetPartitionReader() {
    }

    /** Partition {@code p} of {@code partitions}. */
    public static PartitionReader.Read read(StagedData staged, int p, int partitions) {
        long t0 = System.nanoTime();
        try {
            Configuration conf = PartitionReader.configuration(staged.hadoopConf());
            Path dir = new Path(URI.create(staged.uri()));
            FileSystem fs = FileSystem.get(dir.toUri(), conf);
            ParquetRows rows = new ParquetRows(staged.toString(), p);
            List<CountingInputStream> streams = new ArrayList<>();
            int files = 0;
            for (int s : shardsOf(fs, dir, p, partitions)) {
                for (FileStatus file : dataFiles(fs, new Path(dir, ParquetFormat.shardDirectory(s)))) {
                    files++;
                    InputFile in = counted(HadoopInputFile.fromStatus(file, conf), streams);
                    try (ParquetReader<Group> reader = new GroupReader(in).withConf(conf).build()) {
                        for (Group g = reader.read(); g != null; g = reader.read()) {
                            rows.add(s, g.getInteger(ParquetFormat.RECORD, 0), g.getInteger(ParquetFormat.LABEL, 0),
                                    g.getBinary(ParquetFormat.IMAGE, 0).getBytes());
                        }
                    }
                }
            }
            PartitionData data = rows.build();
            long bytes = streams.stream().mapToLong(c -> c.bytes).sum();
            long calls = streams.stream().mapToLong(c -> c.calls).sum();
            return new PartitionReader.Read(data, new IoCount(bytes, files, calls, System.nanoTime() - t0));
        } catch (IOException e) {
            throw new UncheckedIOException(staged + ", partition " + p + ": " + e.getMessage(), e);
        }
    }

    /** The shards of partition {@code p}: those whose number is {@code p} modulo {@code partitions}, ascending. */
    public static List<Integer> shardsOf(FileSystem fs, Path dir, int p, int partitions) throws IOException {
        String prefix = ParquetFormat.SHARD + "=";
        List<Integer> out = new ArrayList<>();
        for (FileStatus st : fs.listStatus(dir)) {
            String name = st.getPath().getName();
            if (!st.isDirectory() || !name.startsWith(prefix)) continue;
            int s = Integer.parseInt(name.substring(prefix.length()));
            if (s % partitions == p) out.add(s);
        }
        if (out.isEmpty()) throw new IOException(dir + ": no " + prefix + "N directory for partition " + p + " of " + partitions);
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The Parquet files of a directory, by name, leaving out the hidden and marker files Hadoop's committers write. */
    static List<FileStatus> dataFiles(FileSystem fs, Path dir) throws IOException {
        return Arrays.stream(fs.listStatus(dir))
                .filter(f -> f.isFile() && !f.getPath().getName().startsWith("_") && !f.getPath().getName().startsWith("."))
                .sorted(Comparator.comparing(f -> f.getPath().getName())).toList();
    }

    /** {@code file}, each stream it opens counted in {@code streams}. */
    private static InputFile counted(InputFile file, List<CountingInputStream> streams) {
        return new InputFile() {
            @Override
            public long getLength() throws IOException {
                return file.getLength();
            }

            @Override
            public SeekableInputStream newStream() throws IOException {
                SeekableInputStream raw = file.newStream();
                CountingInputStream counting = new CountingInputStream(raw);
                streams.add(counting);
                return new DelegatingSeekableInputStream(counting) {
                    @Override
                    public long getPos() throws IOException {
                        return raw.getPos();
                    }

                    @Override
                    public void seek(long newPos) throws IOException {
                        raw.seek(newPos);
                    }
                };
            }
        };
    }

    /** Parquet's example reader over an {@link InputFile}: records as {@link Group}s. */
    private static final class GroupReader extends ParquetReader.Builder<Group> {
        GroupReader(InputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
