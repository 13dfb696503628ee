package dev.factortwo.harness.nn;

import java.util.List;

/**
 * A model architecture, independent of the engine that runs it. Input images are {@code height x width x
 * channels} floats in [0, 1]; the output is {@code classes} logits.
 */
public sealed interface Architecture extends java.io.Serializable permits Architecture.Mlp, Architecture.Cnn {

    String name();

    /** Shapes of the trainable tensors in their fixed order (the fingerprint's order). */
    List<long[]> parameterShapes(InputShape in, int classes);

    /** Width of the penultimate layer (the features that inference extracts). */
    int featureWidth();

    /** Fully connected layers with ReLU: input, {@code hidden...}, classes. */
    record Mlp(List<Integer> hidden) implements Architecture {
        public Mlp {
            hidden = List.copyOf(hidden);
            if (hidden.isEmpty()) throw new IllegalArgumentException("an MLP needs at least one hidden layer");
        }

        /** 784-256-128-10 on Fashion-MNIST. */
        public static Mlp standard() {
            return new Mlp(List.of(256, 128));
        }

        @Override
        public String name() {
            return "mlp-" + String.join("-", hidden.stream().map(String::valueOf).toList());
        }

        @Override
        public List<long[]> parameterShapes(InputShape in, int classes) {
            java.util.ArrayList<long[]> shapes = new java.util.ArrayList<>();
            long width = in.pixels();
            for (int h : hidden) {
                shapes.add(new long[] {width, h});
                shapes.add(new long[] {h});
                width = h;
            }
            shapes.add(new long[] {width, classes});
            shapes.add(new long[] {classes});
            return shapes;
        }

        @Override
        public int featureWidth() {
            return hidden.get(hidden.size() - 1);
        }
    }

    /**
     * Two 5x5 convolutions (same padding, ReLU, 2x2 max-pool), then a dense ReLU layer and the classifier:
     * the shape of TensorFlow's tutorial CNN.
     */
    record Cnn(int filters1, int filters2, int dense) implements Architecture {

        /** 5x5x16, pool, 5x5x32, pool, dense 128. */
        public static Cnn standard() {
            return new Cnn(16, 32, 128);
        }

        @Override
        public String name() {
            return "cnn-" + filters1 + "-" + filters2 + "-" + dense;
        }

        @Override
        public List<long[]> parameterShapes(InputShape in, int classes) {
            long pooled = (long) ceilDiv(ceilDiv(in.height(), 2), 2) * ceilDiv(ceilDiv(in.width(), 2), 2) * filters2;
            return List.of(
                    new long[] {5, 5, in.channels(), filters1}, new long[] {filters1},
                    new long[] {5, 5, filters1, filters2}, new long[] {filters2},
                    new long[] {pooled, dense}, new long[] {dense},
                    new long[] {dense, classes}, new long[] {classes});
        }

        @Override
        public int featureWidth() {
            return dense;
        }

        private static int ceilDiv(int a, int b) {
            return (a + b - 1) / b;
        }
    }

    /** Image shape of the input. */
    record InputShape(int height, int width, int channels) implements java.io.Serializable {
        public int pixels() {
            return height * width * channels;
        }
    }
}
