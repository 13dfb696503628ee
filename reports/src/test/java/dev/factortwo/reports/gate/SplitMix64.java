package dev.factortwo.reports.gate;

/** A fully specified RNG (SplitMix64, Box-Muller): the same numbers on every JDK, unlike java.util.Random's streams. */
final class SplitMix64 {

    private long state;

    SplitMix64(long seed) {
        state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in (0, 1), never 0. */
    double uniform() {
        return ((nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    }

    /** Standard normal (Box-Muller, one value per pair of uniforms, for simplicity and reproducibility). */
    double gaussian() {
        return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    }

    /** n values from N(mean, (cv * mean)^2). */
    double[] normal(int n, double mean, double cv) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = mean * (1 + cv * gaussian());
        return x;
    }
}
