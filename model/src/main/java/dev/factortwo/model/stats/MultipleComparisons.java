package dev.factortwo.model.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Adjusted p-values for a family of tests. NaN entries are not part of the family and stay NaN. */
final class MultipleComparisons {

    private MultipleComparisons() {
    }

    /** Holm's step-down adjustment: controls the family-wise error rate. */
    static double[] holm(double[] p) {
        int[] order = order(p);
        int m = order.length;
        double[] adjusted = nanArray(p.length);
        double running = 0;
        for (int i = 0; i < m; i++) {
            double a = Math.min(1, (m - i) * p[order[i]]);
            running = Math.max(running, a);
            adjusted[order[i]] = running;
        }
        return adjusted;
    }

    /** Benjamini-Hochberg step-up adjustment: controls the false discovery rate. */
    static double[] benjaminiHochberg(double[] p) {
        int[] order = order(p);
        int m = order.length;
        double[] adjusted = nanArray(p.length);
        double running = 1;
        for (int i = m - 1; i >= 0; i--) {
            double a = Math.min(1, p[order[i]] * m / (i + 1));
            running = Math.min(running, a);
            adjusted[order[i]] = running;
        }
        return adjusted;
    }

    private static int[] order(double[] p) {
        for (double v : p) {
            if (!Double.isNaN(v) && (v < 0 || v > 1)) throw new IllegalArgumentException("p-value outside [0,1]: " + v);
        }
        return IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).mapToInt(Integer::intValue).toArray();
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
