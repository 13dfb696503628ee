package dev.factortwo.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void matchesTheReferenceImplementation() {
        // Vigna's splitmix64.c seeded with 1234567 (the values rand_xoshiro's tests use)
        SplitMix64 rng = new SplitMix64(1234567);
        long[] expected = {6457827717110365317L, 3203168211198807973L, Long.parseUnsignedLong("9817491932198370423"),
                4593380528125082431L, Long.parseUnsignedLong("16408922859458223821")};
        long[] actual = new long[expected.length];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = rng.nextLong();
        }
        assertArrayEquals(expected, actual);
        assertEquals(0x157A3807A48FAA9DL, new SplitMix64(0x0123456789ABCDEFL).nextLong());
    }

    @Test
    void floatsUseTheTop24Bits() {
        long seed = 99;
        long bits = new SplitMix64(seed).nextLong();
        assertEquals((bits >>> 40) / 16777216.0f, new SplitMix64(seed).nextFloat());
        SplitMix64 rng = new SplitMix64(7);
        for (int i = 0; i < 100_000; i++) {
            float f = rng.nextFloat();
            assertTrue(f >= 0f && f < 1f, "float " + f + " outside [0, 1)");
        }
    }

    @Test
    void boundedIntsCoverTheRangeEvenly() {
        SplitMix64 rng = new SplitMix64(3);
        int[] counts = new int[10];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts[rng.nextInt(10)]++;
        }
        for (int k = 0; k < 10; k++) {
            assertTrue(Math.abs(counts[k] - n / 10) < 500, "bucket " + k + " has " + counts[k] + " of " + n);
        }
    }
}
