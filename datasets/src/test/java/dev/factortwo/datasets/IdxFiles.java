package dev.factortwo.datasets;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Test support: writes small (possibly malformed) MNIST IDX files. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** Images: magic, count, rows, cols, then the pixels. */
    static byte[] images(int magic, int count, int rows, int cols, byte[] pixels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        out.write(pixels);
        return bytes.toByteArray();
    }

    /** Labels: magic, count, then the labels. */
    static byte[] labels(int magic, int count, byte[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        out.writeInt(count);
        out.write(labels);
        return bytes.toByteArray();
    }

    /** Pixels of {@code count} images of rows x cols where pixel j of image i is {@code (i * 31 + j) & 0xFF}. */
    static byte[] pixels(int count, int rows, int cols) {
        byte[] p = new byte[count * rows * cols];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < rows * cols; j++) {
                p[i * rows * cols + j] = (byte) (i * 31 + j);
            }
        }
        return p;
    }

    static byte[] labelsOf(int count, int classes) {
        byte[] l = new byte[count];
        for (int i = 0; i < count; i++) {
            l[i] = (byte) ((i * 7) % classes);
        }
        return l;
    }

    static Path write(Path dir, String name, byte[] content, boolean gzip) throws IOException {
        Path file = dir.resolve(gzip ? name + ".gz" : name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
        return file;
    }

    /** A well-formed 28x28 dataset with {@code train} and {@code test} images. */
    static void writeValid(Path dir, int train, int test, boolean gzip) throws IOException {
        write(dir, "train-images-idx3-ubyte", images(IdxSource.IMAGES_MAGIC, train, 28, 28, pixels(train, 28, 28)), gzip);
        write(dir, "train-labels-idx1-ubyte", labels(IdxSource.LABELS_MAGIC, train, labelsOf(train, 10)), gzip);
        write(dir, "t10k-images-idx3-ubyte", images(IdxSource.IMAGES_MAGIC, test, 28, 28, pixels(test, 28, 28)), gzip);
        write(dir, "t10k-labels-idx1-ubyte", labels(IdxSource.LABELS_MAGIC, test, labelsOf(test, 10)), gzip);
    }
}
