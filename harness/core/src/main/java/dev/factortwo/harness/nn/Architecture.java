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

    /**
     * The TensorFlow intra-op threads a task of this model runs with when {@code tasksAtOnce} tasks share
     * {@code cores} cores, chosen by measurement ({@code --tf-intra-op-threads workload}; docs/measurement.md).
     */
    int intraOpThreads(int tasksAtOnce, int cores);

    /** Fully connected layers with ReLU: input, {@code hidden...}, classes. */
    record Mlp(List<Integer> hidden) implements Architecture {
        public Mlp {
            hidden = List.copyOf(hidden);
            if (hidden.isEmpty()) throw new IllegalArgumentException("an MLP needs at least one hidden layer");
            for (int h : hidden) if (h < 1) throw new IllegalArgumentException("an MLP's hidden layers are 1 or more wide, was " + hidden);
        }

        /** 784-256-128-10 on Fashion-MNIST: {@link dev.factortwo.model.Defaults#MLP_HIDDEN}. */
        public static Mlp standard() {
            return new Mlp(java.util.Arrays.stream(dev.factortwo.model.Defaults.MLP_HIDDEN.split(",")).map(Integer::valueOf).toList());
        }

        /** What a name from {@link #name()} names the prefix of. */
        public static final String NAME_PREFIX = "mlp-";

        /**
         * The MLP {@link #name()} names: {@code mlp-16384-1024} is hidden layers of 16,384 and 1,024.
         *
         * @throws IllegalArgumentException when {@code name} is not such a name
         */
        public static Mlp parseName(String name) {
            if (!name.matches("mlp(-[1-9][0-9]{0,8})+")) {
                throw new IllegalArgumentException("'" + name + "' does not name an MLP (mlp-W1-W2..., widths 1 or more)");
            }
            return new Mlp(java.util.Arrays.stream(name.substring(NAME_PREFIX.length()).split("-")).map(Integer::valueOf).toList());
        }

        @Override
        public String name() {
            return NAME_PREFIX + String.join("-", hidden.stream().map(String::valueOf).toList());
        }

        /**
         * One: its ops are too small to split. Measured on 2 cores (Fashion-MNIST, 3,000 samples, 2 epochs, 10
         * repetitions): with 2 threads the bare loop ran at 35,249 samples/s (CV 22%), single at 20,633 (22%); with
         * 1 thread 40,852 (9%) and 23,794 (15%). The fingerprints do not change with the count.
         */
        @Override
        public int intraOpThreads(int tasksAtOnce, int cores) {
            return 1;
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

        /**
         * Its share of the cores ({@link TfSettings#share}): convolutions split well. Measured on 2 cores
         * (Fashion-MNIST, 3,000 samples, 2 epochs, 6 repetitions): the bare loop ran at 1,974 samples/s with 2
         * threads and 1,377 with 1; model averaging's two tasks at 1,900 with 2 threads each and 2,145 with 1. The
         * count changes the bits, so it is recorded in every cell ({@code tfIntraOpThreads}).
         */
        @Override
        public int intraOpThreads(int tasksAtOnce, int cores) {
            return TfSettings.share(tasksAtOnce, cores);
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
