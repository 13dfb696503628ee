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

    /**
     * A shuffle within consecutive windows of {@code window} samples, each window's samples visited before the next
     * window's: how a data loader shuffles a stream it reads in stored order (tf.data's shuffle buffer, DLIO's
     * sample shuffle within what its readers fetched). Window {@code w} holds samples {@code [w*window, (w+1)*window)},
     * shuffled as {@link #permutation} shuffles, seeded from (seed, epoch, partition, w).
     */
    public static int[] windowed(int n, int window, long seed, int epoch, int partition) {
        if (window < 1) throw new IllegalArgumentException("window " + window + ": at least 1 sample");
        int[] p = new int[n];
        for (int start = 0, w = 0; start < n; start += window, w++) {
            int len = Math.min(window, n - start);
            int[] within = permutation(len, SplitMix64.mix(seed ^ (w * 0xD6E8FEB86659FD93L)), epoch, partition);
            for (int i = 0; i < len; i++) p[start + i] = start + within[i];
        }
        return p;
    }

    /** The samples that must have arrived before position {@code position} of a {@link #windowed} order is visited. */
    public static int arrivedFor(int position, int window, int n) {
        return Math.min(n, (position / window + 1) * window);
    }
}
