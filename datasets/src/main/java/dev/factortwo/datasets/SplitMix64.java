package dev.factortwo.datasets;

/**
 * The SplitMix64 generator (Steele, Lea and Flood; Vigna's {@code splitmix64.c}) with fully specified
 * conversions, so the same seed gives the same numbers on every JDK and platform.
 *
 * <p>We use it instead of {@code java.util} generators because their streams are not guaranteed to be
 * stable across JDK versions (the {@code SplittableRandom} stream was seen to differ between JDK 17
 * and 25). Not thread-safe; cheap to create.
 *
 * <pre>{@code
 * SplitMix64 rng = new SplitMix64(42);
 * float u = rng.nextFloat();     // [0, 1), 24 random bits
 * int k = rng.nextInt(10);       // [0, 10)
 * }</pre>
 */
public final class SplitMix64 {

    /** The increment: 2^64 divided by the golden ratio, odd. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** A generator whose first output is {@code mix(seed + GOLDEN_GAMMA)}. */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** A float in [0, 1): the top 24 bits of {@link #nextLong()} times 2^-24. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** An int in [0, bound): the top 32 bits of {@link #nextLong()} scaled by {@code bound} (multiply-shift). */
    public int nextInt(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound " + bound + ", expected at least 1");
        }
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** SplitMix64's output function (a bijective 64-bit finalizer); also a good hash for seeds. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
