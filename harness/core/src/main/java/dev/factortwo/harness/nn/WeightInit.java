package dev.factortwo.harness.nn;

import dev.factortwo.datasets.SplitMix64;

import java.util.ArrayList;
import java.util.List;

/**
 * Seeded Glorot-uniform initial weights (biases zero) from a fully specified generator, SplitMix64 with an
 * explicit float conversion, so the same seed gives the same bits on every JDK and machine.
 */
public final class WeightInit {

    private WeightInit() {
    }

    public static Weights glorotUniform(List<long[]> shapes, long seed) {
        long state = seed ^ 0x5DEECE66DL;
        List<float[]> tensors = new ArrayList<>(shapes.size());
        for (long[] shape : shapes) {
            int n = (int) product(shape);
            float[] t = new float[n];
            if (shape.length > 1) {
                long receptive = 1;
                for (int i = 0; i < shape.length - 2; i++) receptive *= shape[i];
                double fanIn = shape[shape.length - 2] * receptive, fanOut = shape[shape.length - 1] * receptive;
                float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < n; i++) {
                    state += 0x9E3779B97F4A7C15L;
                    float u = (SplitMix64.mix(state) >>> 40) * 0x1.0p-24f;
                    t[i] = (2f * u - 1f) * limit;
                }
            }
            tensors.add(t);
        }
        return new Weights(tensors);
    }

    public static long product(long[] shape) {
        long p = 1;
        for (long d : shape) p *= d;
        return p;
    }

}
