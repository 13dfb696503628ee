package dev.factortwo.harness.tier;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checkpoints as local files ({@code java.nio.file}): the local-disk tier's client. {@link #publish} writes a temporary
 * file beside the target, forces it to disk and renames it over the target ({@code ATOMIC_MOVE}).
 */
final class LocalFileCheckpointStore implements CheckpointStore {

    private final Path dir;

    LocalFileCheckpointStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public String client() {
        return "local files, java.nio (" + dir + ")";
    }

    @Override
    public void write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    @Override
    public void publish(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Path tmp = p.resolveSibling("." + p.getFileName() + ".tmp");
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public byte[] read(String name) throws IOException {
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException(dir.resolve(name) + ": no such checkpoint object");
        }
    }

    @Override
    public List<String> list() throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    @Override
    public void deleteAll() throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
