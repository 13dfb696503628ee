package dev.factortwo.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * MNIST-style data in IDX files: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each plain or gzip-compressed (with or
 * without a {@code .gz} suffix; compression is detected by the gzip magic bytes, not the name).
 *
 * <p>IDX layout (big-endian): images start with magic {@code 0x00000803}, count, rows, columns, then
 * {@code count * rows * columns} unsigned bytes; labels start with magic {@code 0x00000801}, count, then
 * {@code count} unsigned bytes. Opening reads all four headers and checks magic numbers, the image size,
 * that label and image counts match, and (for plain files) the file lengths; streaming checks for
 * truncation and labels outside {@code 0 .. classes-1}. Every failure is an {@link IdxFormatException}
 * naming the file.
 *
 * <p>Immutable, thread-safe and serializable (it keeps paths as strings).
 */
public final class IdxSource implements DatasetSource {

    private static final long serialVersionUID = 1L;

    /** Magic number of IDX unsigned-byte 3-D data (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of IDX unsigned-byte 1-D data (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int IMAGES_HEADER_BYTES = 16;
    private static final int LABELS_HEADER_BYTES = 8;

    private final DatasetSpec spec;
    private final String trainImages;
    private final String trainLabels;
    private final String testImages;
    private final String testLabels;

    private IdxSource(DatasetSpec spec, String trainImages, String trainLabels, String testImages, String testLabels) {
        this.spec = spec;
        this.trainImages = trainImages;
        this.trainLabels = trainLabels;
        this.testImages = testImages;
        this.testLabels = testLabels;
    }

    /**
     * Opens the four IDX files in {@code dir} and checks their headers.
     *
     * @param name    dataset name for the spec, e.g. {@code "mnist"}
     * @param height  expected image height (28 for MNIST)
     * @param width   expected image width (28 for MNIST)
     * @param classes number of classes; labels must be below it
     * @throws FileNotFoundException if a file is missing
     * @throws IdxFormatException    if a header is wrong
     */
    public static IdxSource open(String name, Path dir, int height, int width, int classes) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new FileNotFoundException(dir + ": no such directory (expected MNIST IDX files for " + name + ")");
        }
        Path trainImages = find(dir, "train-images-idx3-ubyte");
        Path trainLabels = find(dir, "train-labels-idx1-ubyte");
        Path testImages = find(dir, "t10k-images-idx3-ubyte");
        Path testLabels = find(dir, "t10k-labels-idx1-ubyte");
        int trainCount = checkPair(trainImages, trainLabels, name, height, width);
        int testCount = checkPair(testImages, testLabels, name, height, width);
        return new IdxSource(new DatasetSpec(name, height, width, 1, classes, trainCount, testCount, 0),
                trainImages.toString(), trainLabels.toString(), testImages.toString(), testLabels.toString());
    }

    private static Path find(Path dir, String base) throws FileNotFoundException {
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new FileNotFoundException(dir + ": no " + base + " or " + base + ".gz (MNIST IDX files expected: "
                + "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each optionally .gz)");
    }

    /** Checks both headers and, for plain files, their lengths; returns the record count. */
    private static int checkPair(Path images, Path labels, String name, int height, int width) throws IOException {
        int imageCount;
        try (DataInputStream in = new DataInputStream(open(images))) {
            int[] header = readHeader(in, images, IMAGES_MAGIC, "IDX unsigned-byte 3-D images", 3);
            imageCount = header[0];
            if (header[1] != height || header[2] != width) {
                throw new IdxFormatException(images.toString(), "images are " + header[1] + "x" + header[2]
                        + ", expected " + height + "x" + width + " (" + name + ")");
            }
        }
        int labelCount;
        try (DataInputStream in = new DataInputStream(open(labels))) {
            labelCount = readHeader(in, labels, LABELS_MAGIC, "IDX unsigned-byte 1-D labels", 1)[0];
        }
        if (labelCount != imageCount) {
            throw new IdxFormatException(labels.toString(), labelCount + " labels, expected " + imageCount
                    + " to match the images in " + images);
        }
        checkPlainLength(images, IMAGES_HEADER_BYTES + (long) imageCount * height * width,
                IMAGES_HEADER_BYTES + "-byte header + " + imageCount + " images of " + height + "x" + width);
        checkPlainLength(labels, LABELS_HEADER_BYTES + (long) labelCount,
                LABELS_HEADER_BYTES + "-byte header + " + labelCount + " labels");
        return imageCount;
    }

    private static int[] readHeader(DataInputStream in, Path file, int magic, String what, int dims) throws IOException {
        try {
            int found = in.readInt();
            if (found != magic) {
                throw new IdxFormatException(file.toString(), String.format("bad magic 0x%08X, expected 0x%08X (%s)", found, magic, what));
            }
            int[] sizes = new int[dims];
            for (int d = 0; d < dims; d++) {
                sizes[d] = in.readInt();
                if (sizes[d] < 0 || (d > 0 && sizes[d] == 0)) {
                    throw new IdxFormatException(file.toString(), "dimension " + d + " is " + sizes[d] + ", expected a positive size");
                }
            }
            return sizes;
        } catch (EOFException e) {
            throw new IdxFormatException(file.toString(), "truncated header: expected " + 4 * (dims + 1) + " bytes (" + what + ")", e);
        } catch (ZipException e) {
            throw new IdxFormatException(file.toString(), "corrupt gzip data: " + e.getMessage(), e);
        }
    }

    private static void checkPlainLength(Path file, long expected, String layout) throws IOException {
        if (isGzip(file)) {
            return;
        }
        long actual = Files.size(file);
        if (actual < expected) {
            throw new IdxFormatException(file.toString(), "truncated: " + actual + " bytes, expected " + expected + " (" + layout + ")");
        }
        if (actual > expected) {
            throw new IdxFormatException(file.toString(), actual + " bytes, expected " + expected + " (" + layout
                    + "); " + (actual - expected) + " extra bytes at the end");
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1F && in.read() == 0x8B;
        }
    }

    /** Opens {@code file}, decompressing if it starts with the gzip magic bytes. */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1F && in.read() == 0x8B;
        in.reset();
        if (!gzip) {
            return in;
        }
        try {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        } catch (IOException e) {
            in.close();
            throw new IdxFormatException(file.toString(), "corrupt gzip header: " + e.getMessage(), e);
        }
    }

    @Override
    public DatasetSpec spec() {
        return spec;
    }

    @Override
    public long size(String split) {
        return spec.samples(split);
    }

    /** The images file backing {@code split}. */
    public Path imagesFile(String split) {
        return Path.of(DatasetSpec.TRAIN.equals(DatasetSpec.checkSplit(split)) ? trainImages : testImages);
    }

    /** The labels file backing {@code split}. */
    public Path labelsFile(String split) {
        return Path.of(DatasetSpec.TRAIN.equals(DatasetSpec.checkSplit(split)) ? trainLabels : testLabels);
    }

    @Override
    public void forEachInRange(String split, long from, long to, RecordConsumer consumer) throws IOException {
        long size = size(split);
        if (from < 0 || to < from || to > size) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside " + spec.name() + "/" + split
                    + " of " + size + " records");
        }
        Path imagesFile = imagesFile(split);
        Path labelsFile = labelsFile(split);
        int imageBytes = spec.imageBytes();
        String imagesLayout = size + " images of " + spec.height() + "x" + spec.width() + " after the "
                + IMAGES_HEADER_BYTES + "-byte header";
        String labelsLayout = size + " labels after the " + LABELS_HEADER_BYTES + "-byte header";
        byte[] image = new byte[imageBytes];
        byte[] label = new byte[1];
        try (InputStream images = open(imagesFile); InputStream labels = open(labelsFile)) {
            skip(images, imagesFile, IMAGES_HEADER_BYTES + from * imageBytes, from, imagesLayout);
            skip(labels, labelsFile, LABELS_HEADER_BYTES + from, from, labelsLayout);
            for (long i = from; i < to; i++) {
                read(labels, labelsFile, label, i, labelsLayout);
                int value = label[0] & 0xFF;
                if (value >= spec.classes()) {
                    throw new IdxFormatException(labelsFile.toString(), "label " + value + " at index " + i
                            + ", expected 0 to " + (spec.classes() - 1));
                }
                read(images, imagesFile, image, i, imagesLayout);
                consumer.accept(i, value, image);
            }
        }
    }

    private static void read(InputStream in, Path file, byte[] buffer, long index, String layout) throws IOException {
        int n;
        try {
            n = in.readNBytes(buffer, 0, buffer.length);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(file.toString(), "corrupt or truncated gzip data at record " + index
                    + " (" + e.getMessage() + "), expected " + layout, e);
        }
        if (n != buffer.length) {
            throw new IdxFormatException(file.toString(), "truncated at record " + index + ", expected " + layout);
        }
    }

    private static void skip(InputStream in, Path file, long bytes, long records, String layout) throws IOException {
        try {
            in.skipNBytes(bytes);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(file.toString(), "truncated or corrupt before record " + records
                    + ", expected " + layout, e);
        }
    }

    @Override
    public String toString() {
        return "IdxSource[" + spec.name() + ", " + Path.of(trainImages).getParent() + "]";
    }
}
