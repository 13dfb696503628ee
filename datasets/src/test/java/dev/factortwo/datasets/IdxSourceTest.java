package dev.factortwo.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxSourceTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void readsPlainAndGzipFiles(boolean gzip) throws IOException {
        IdxFiles.writeValid(dir, 5, 3, gzip);
        DatasetSource src = Datasets.open("mnist", dir, null);
        assertEquals(new DatasetSpec("mnist", 28, 28, 1, 10, 5, 3, 0), src.spec());
        Split train = src.load("train", 0);
        assertEquals(5, train.size());
        assertArrayEquals(IdxFiles.pixels(5, 28, 28), train.images());
        assertArrayEquals(IdxFiles.labelsOf(5, 10), train.labels());
        Split test = src.load("test", 2);
        assertEquals(2, test.size());
        assertArrayEquals(Arrays.copyOf(IdxFiles.pixels(3, 28, 28), 2 * 784), test.images());
    }

    @Test
    void streamsARange() throws IOException {
        IdxFiles.writeValid(dir, 6, 1, true);
        DatasetSource src = Datasets.open("fashion-mnist", dir, null);
        byte[] all = IdxFiles.pixels(6, 28, 28);
        int[] seen = {0};
        src.forEachInRange("train", 2, 5, (i, label, image) -> {
            assertEquals((i * 7) % 10, label);
            assertArrayEquals(Arrays.copyOfRange(all, (int) i * 784, (int) (i + 1) * 784), image, "image " + i);
            seen[0]++;
        });
        assertEquals(3, seen[0]);
    }

    @Test
    void detectsGzipByContentNotName() throws IOException {
        IdxFiles.writeValid(dir, 2, 2, false);
        Path gz = IdxFiles.write(dir, "train-images-idx3-ubyte",
                IdxFiles.images(IdxSource.IMAGES_MAGIC, 2, 28, 28, IdxFiles.pixels(2, 28, 28)), true);
        Files.move(gz, dir.resolve("train-images-idx3-ubyte"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertArrayEquals(IdxFiles.pixels(2, 28, 28), Datasets.open("mnist", dir, null).load("train", 0).images());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void badImageMagicNamesFileAndExpectation(boolean gzip) throws IOException {
        IdxFiles.writeValid(dir, 2, 2, gzip);
        Path file = IdxFiles.write(dir, "train-images-idx3-ubyte", IdxFiles.images(0x00000802, 2, 28, 28, IdxFiles.pixels(2, 28, 28)), gzip);
        assertEquals(file + ": bad magic 0x00000802, expected 0x00000803 (IDX unsigned-byte 3-D images)", openFails().getMessage());
    }

    @Test
    void badLabelMagic() throws IOException {
        IdxFiles.writeValid(dir, 2, 2, true);
        Path file = IdxFiles.write(dir, "t10k-labels-idx1-ubyte", IdxFiles.labels(0x00000803, 2, IdxFiles.labelsOf(2, 10)), true);
        assertEquals(file + ": bad magic 0x00000803, expected 0x00000801 (IDX unsigned-byte 1-D labels)", openFails().getMessage());
    }

    @Test
    void wrongImageSize() throws IOException {
        IdxFiles.writeValid(dir, 2, 2, true);
        Path file = IdxFiles.write(dir, "t10k-images-idx3-ubyte", IdxFiles.images(IdxSource.IMAGES_MAGIC, 2, 32, 32, IdxFiles.pixels(2, 32, 32)), true);
        assertEquals(file + ": images are 32x32, expected 28x28 (mnist)", openFails().getMessage());
    }

    @Test
    void labelAndImageCountsMustMatch() throws IOException {
        IdxFiles.writeValid(dir, 4, 2, true);
        Path file = IdxFiles.write(dir, "train-labels-idx1-ubyte", IdxFiles.labels(IdxSource.LABELS_MAGIC, 3, IdxFiles.labelsOf(3, 10)), true);
        assertEquals(file + ": 3 labels, expected 4 to match the images in " + dir.resolve("train-images-idx3-ubyte.gz"),
                openFails().getMessage());
    }

    @Test
    void truncatedPlainFileFailsOnOpen() throws IOException {
        IdxFiles.writeValid(dir, 4, 2, false);
        byte[] full = IdxFiles.images(IdxSource.IMAGES_MAGIC, 4, 28, 28, IdxFiles.pixels(4, 28, 28));
        Path file = IdxFiles.write(dir, "train-images-idx3-ubyte", Arrays.copyOf(full, full.length - 100), false);
        assertEquals(file + ": truncated: 3052 bytes, expected 3152 (16-byte header + 4 images of 28x28)", openFails().getMessage());
    }

    @Test
    void truncatedGzipFileFailsWhileStreaming() throws IOException {
        IdxFiles.writeValid(dir, 4, 2, true);
        byte[] full = IdxFiles.images(IdxSource.IMAGES_MAGIC, 4, 28, 28, IdxFiles.pixels(4, 28, 28));
        Path file = IdxFiles.write(dir, "train-images-idx3-ubyte", Arrays.copyOf(full, full.length - 100), true);
        DatasetSource src = Datasets.open("mnist", dir, null);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> src.load("train", 0));
        assertEquals(file + ": truncated at record 3, expected 4 images of 28x28 after the 16-byte header", e.getMessage());
        assertEquals(file.toString(), e.file());
        assertEquals(3, src.load("train", 3).size(), "the complete records before the cut still read");
    }

    @Test
    void cutGzipStreamIsACorruptFile() throws IOException {
        IdxFiles.writeValid(dir, 4, 2, true);
        Path file = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] gz = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(gz, gz.length - 30));
        DatasetSource src = Datasets.open("mnist", dir, null);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> src.load("train", 0));
        assertTrue(e.getMessage().startsWith(file + ": corrupt or truncated gzip data at record"), e.getMessage());
    }

    @Test
    void extraBytesInPlainFile() throws IOException {
        IdxFiles.writeValid(dir, 2, 2, false);
        byte[] full = IdxFiles.labels(IdxSource.LABELS_MAGIC, 2, IdxFiles.labelsOf(2, 10));
        Path file = IdxFiles.write(dir, "t10k-labels-idx1-ubyte", Arrays.copyOf(full, full.length + 5), false);
        assertEquals(file + ": 15 bytes, expected 10 (8-byte header + 2 labels); 5 extra bytes at the end", openFails().getMessage());
    }

    @Test
    void labelOutOfRange() throws IOException {
        IdxFiles.writeValid(dir, 3, 2, true);
        Path file = IdxFiles.write(dir, "train-labels-idx1-ubyte", IdxFiles.labels(IdxSource.LABELS_MAGIC, 3, new byte[] {1, 12, 3}), true);
        DatasetSource src = Datasets.open("mnist", dir, null);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> src.forEach("train", 0, (i, l, img) -> { }));
        assertEquals(file + ": label 12 at index 1, expected 0 to 9", e.getMessage());
    }

    @Test
    void missingFileIsNamed() throws IOException {
        IdxFiles.writeValid(dir, 2, 2, true);
        Files.delete(dir.resolve("t10k-images-idx3-ubyte.gz"));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Datasets.open("mnist", dir, null));
        assertTrue(e.getCause() instanceof FileNotFoundException);
        assertTrue(e.getMessage().startsWith(dir + ": no t10k-images-idx3-ubyte or t10k-images-idx3-ubyte.gz"), e.getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        IdxFiles.writeValid(dir, 2, 2, true);
        Path file = IdxFiles.write(dir, "train-images-idx3-ubyte", new byte[] {0, 0, 8, 3, 0, 0}, true);
        assertEquals(file + ": truncated header: expected 16 bytes (IDX unsigned-byte 3-D images)", openFails().getMessage());
    }

    private IdxFormatException openFails() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Datasets.open("mnist", dir, null));
        assertTrue(e.getCause() instanceof IdxFormatException, "cause " + e.getCause());
        assertEquals(e.getCause().getMessage(), e.getMessage());
        return (IdxFormatException) e.getCause();
    }
}
