package dev.factortwo.datasets;

import java.io.Serializable;

/**
 * How to generate a synthetic dataset: samples per split, image shape, classes and seed.
 *
 * @param trainSamples samples in the train split, 0 to 2^31-1
 * @param testSamples  samples in the test split, 0 to 2^31-1
 * @param height       image height in pixels
 * @param width        image width in pixels
 * @param channels     channels per pixel
 * @param classes      number of classes, 2 to 256
 * @param seed         generator seed; the same seed gives the same bytes on any JDK
 */
public record SyntheticOptions(long trainSamples, long testSamples, int height, int width, int channels,
                               int classes, long seed) implements Serializable {

    public SyntheticOptions {
        for (long n : new long[] {trainSamples, testSamples}) {
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("synthetic samples per split " + n + ", expected 0 to " + Integer.MAX_VALUE);
            }
        }
        if (classes < 2 || classes > 256) {
            throw new IllegalArgumentException("synthetic classes " + classes + ", expected 2 to 256");
        }
    }

    /** Like Fashion-MNIST: 28x28x1, 10 classes, 60,000/10,000 samples. */
    public static SyntheticOptions mnistLike(long seed) {
        return new SyntheticOptions(60_000, 10_000, 28, 28, 1, 10, seed);
    }

    /** Like CIFAR-10: 32x32x3, 10 classes, 50,000/10,000 samples. */
    public static SyntheticOptions cifarLike(long seed) {
        return new SyntheticOptions(50_000, 10_000, 32, 32, 3, 10, seed);
    }

    /** The same options with other sample counts. */
    public SyntheticOptions withSamples(long train, long test) {
        return new SyntheticOptions(train, test, height, width, channels, classes, seed);
    }

    /** The spec of the dataset these options generate (name {@code "synthetic"}). */
    public DatasetSpec spec() {
        return new DatasetSpec("synthetic", height, width, channels, classes, (int) trainSamples, (int) testSamples, seed);
    }
}
