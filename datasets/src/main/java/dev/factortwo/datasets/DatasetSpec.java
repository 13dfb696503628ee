package dev.factortwo.datasets;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What a dataset is: its name, image shape, number of classes, samples per split and generator seed.
 *
 * <p>Images are unsigned bytes in row-major HWC order ({@code height x width x channels}); labels are
 * class indices {@code 0 .. classes-1}. {@code seed} is the generator seed for synthetic data and 0 for
 * real data. Immutable and thread-safe.
 *
 * <pre>{@code
 * DatasetSpec spec = DatasetSpec.FASHION_MNIST;   // 28x28x1, 10 classes, 60000/10000
 * int bytes = spec.imageBytes();                  // 784
 * }</pre>
 *
 * @param name         dataset name, e.g. {@code "fashion-mnist"}
 * @param height       image height in pixels, at least 1
 * @param width        image width in pixels, at least 1
 * @param channels     channels per pixel, at least 1
 * @param classes      number of classes, 1 to 256 (labels are one byte)
 * @param trainSamples samples in the {@code train} split
 * @param testSamples  samples in the {@code test} split
 * @param seed         generator seed (synthetic data), 0 for real data
 */
public record DatasetSpec(String name, int height, int width, int channels, int classes,
                          int trainSamples, int testSamples, long seed) implements Serializable {

    /** The name of the training split. */
    public static final String TRAIN = "train";
    /** The name of the test split. */
    public static final String TEST = "test";

    /** Fashion-MNIST as published: 28x28 grey, 10 classes, 60,000 train and 10,000 test images. */
    public static final DatasetSpec FASHION_MNIST = new DatasetSpec("fashion-mnist", 28, 28, 1, 10, 60_000, 10_000, 0);

    /** MNIST digits as published: 28x28 grey, 10 classes, 60,000 train and 10,000 test images. */
    public static final DatasetSpec MNIST = new DatasetSpec("mnist", 28, 28, 1, 10, 60_000, 10_000, 0);

    /** Fashion-MNIST's class names, indexed by label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    public DatasetSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dataset name must not be blank");
        }
        requirePositive(name, "height", height);
        requirePositive(name, "width", width);
        requirePositive(name, "channels", channels);
        if (classes < 1 || classes > 256) {
            throw new IllegalArgumentException(name + ": classes " + classes + ", expected 1 to 256 (labels are one byte)");
        }
        if (trainSamples < 0 || testSamples < 0) {
            throw new IllegalArgumentException(name + ": samples must be >= 0, got train " + trainSamples + ", test " + testSamples);
        }
        if ((long) height * width * channels > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException(name + ": image " + height + "x" + width + "x" + channels + " is larger than 2^31-2 bytes");
        }
    }

    // static: in the compact constructor the field 'name' is not assigned yet, so it read null
    private static void requirePositive(String name, String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": " + field + " " + value + ", expected at least 1");
        }
    }

    /** Bytes in one image: {@code height * width * channels}. */
    public int imageBytes() {
        return height * width * channels;
    }

    /** Samples in the named split ({@code "train"} or {@code "test"}). */
    public int samples(String split) {
        return TRAIN.equals(checkSplit(split)) ? trainSamples : testSamples;
    }

    /** The shape as text, {@code HxWxC}, e.g. {@code 28x28x1}. */
    public String shape() {
        return height + "x" + width + "x" + channels;
    }

    /**
     * Human-readable class names, indexed by label: Fashion-MNIST's garment names, the digits for MNIST,
     * {@code class-0 ..} otherwise.
     */
    public List<String> classNames() {
        if (name.equals(FASHION_MNIST.name()) && classes == FASHION_MNIST_CLASSES.size()) {
            return FASHION_MNIST_CLASSES;
        }
        List<String> names = new ArrayList<>(classes);
        for (int k = 0; k < classes; k++) {
            names.add(name.equals(MNIST.name()) ? Integer.toString(k) : "class-" + k);
        }
        return List.copyOf(names);
    }

    /**
     * Returns {@code split} if it names a split, else throws.
     *
     * @throws IllegalArgumentException unless {@code split} is {@code "train"} or {@code "test"}
     */
    public static String checkSplit(String split) {
        if (!TRAIN.equals(split) && !TEST.equals(split)) {
            throw new IllegalArgumentException("unknown split '" + split + "', expected '" + TRAIN + "' or '" + TEST + "'");
        }
        return split;
    }
}
