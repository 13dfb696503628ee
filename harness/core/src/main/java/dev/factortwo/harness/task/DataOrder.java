package dev.factortwo.harness.task;

import dev.factortwo.datasets.SplitMix64;

/**
 * The order in which a partition's samples are visited in an epoch: a Fisher-Yates shuffle driven by
 * SplitMix64 seeded from (seed, epoch, partition), the same on every JDK and in every state mode.
 */
public final class DataOrder {

    private DataOrder() {
    }

    public static int[] permutation(int n, long seed, int epoch, int partition) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        long state = SplitMix64.mix(SplitMix64.mix(seed) ^ (epoch * 0x9E3779B97F4A7C15L)) ^ (partition * 0xC2B2AE3D27D4EB4FL);
        for (int i = n - 1; i > 0; i--) {
            state += 0x9E3779B97F4A7C15L;
            int j = (int) Long.remainderUnsigned(SplitMix64.mix(state), i + 1L);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

}
