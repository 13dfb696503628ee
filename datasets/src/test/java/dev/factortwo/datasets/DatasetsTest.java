package dev.factortwo.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetsTest {

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.open("cifar-100", null, null));
        assertEquals("unknown dataset 'cifar-100', expected one of [fashion-mnist, mnist, synthetic]", e.getMessage());
    }

    @Test
    void missingArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Datasets.open("mnist", null, null))
                .getMessage().contains("needs the directory"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Datasets.open("synthetic", Path.of("/tmp"), null))
                .getMessage().contains("needs SyntheticOptions"));
    }

    @Test
    void syntheticOpensWithItsOptions() {
        DatasetSource src = Datasets.open("synthetic", null, SyntheticOptions.cifarLike(3).withSamples(100, 20));
        assertEquals(new DatasetSpec("synthetic", 32, 32, 3, 10, 100, 20, 3), src.spec());
        assertEquals(100, src.size("train"));
        assertEquals(20, src.size("test"));
    }

    @Test
    void classNames() {
        assertEquals("T-shirt/top", DatasetSpec.FASHION_MNIST.classNames().get(0));
        assertEquals("Ankle boot", DatasetSpec.FASHION_MNIST.classNames().get(9));
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), DatasetSpec.MNIST.classNames());
        assertEquals(List.of("class-0", "class-1", "class-2"), new SyntheticOptions(1, 1, 2, 2, 1, 3, 0).spec().classNames());
    }

    @Test
    void specChecksItsFields() {
        assertEquals(784, DatasetSpec.FASHION_MNIST.imageBytes());
        assertEquals("28x28x1", DatasetSpec.FASHION_MNIST.shape());
        assertEquals(10_000, DatasetSpec.FASHION_MNIST.samples("test"));
        assertEquals("unknown split 'val', expected 'train' or 'test'",
                assertThrows(IllegalArgumentException.class, () -> DatasetSpec.FASHION_MNIST.samples("val")).getMessage());
        assertEquals("x: classes 300, expected 1 to 256 (labels are one byte)",
                assertThrows(IllegalArgumentException.class, () -> new DatasetSpec("x", 1, 1, 1, 300, 0, 0, 0)).getMessage());
        assertEquals("x: height 0, expected at least 1",
                assertThrows(IllegalArgumentException.class, () -> new DatasetSpec("x", 0, 1, 1, 10, 0, 0, 0)).getMessage());
    }

    @Test
    void installedFashionMnistIsWhatWasPublished() throws IOException {
        assumeTrue(Datasets.fashionMnistInstalled(), "Fashion-MNIST not installed in " + Datasets.FASHION_MNIST_DIR);
        DatasetSource src = Datasets.open("fashion-mnist", null, null);
        assertEquals(DatasetSpec.FASHION_MNIST, src.spec());
        int[] perClass = new int[10];
        long[] sum = {0};
        src.forEach("test", 0, (i, label, image) -> {
            perClass[label]++;
            for (byte b : image) {
                sum[0] += b & 0xFF;
            }
        });
        for (int k = 0; k < 10; k++) {
            assertEquals(1000, perClass[k], "test images of class " + k);
        }
        double meanPixel = sum[0] / (10_000.0 * 784);
        assertTrue(meanPixel > 60 && meanPixel < 80, "mean test pixel " + meanPixel + ", published about 73");
        Split train = src.load("train", 100);
        assertEquals(100, train.size());
        assertEquals(9, train.label(0), "the first training image is an ankle boot");
    }
}
