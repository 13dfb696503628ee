package dev.factortwo.model.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * One-sided Mann-Whitney U test. Exact null distribution (counted by dynamic programming) when there
 * are no ties; normal approximation with tie and continuity correction otherwise.
 */
final class MannWhitney {

    private MannWhitney() {
    }

    /** P(U_a <= observed) under H0: the p-value for "a tends to be smaller than b". */
    static double pValueLess(double[] a, double[] b) {
        int n1 = a.length, n2 = b.length;
        if (n1 == 0 || n2 == 0) return 1.0;
        double[] all = new double[n1 + n2];
        System.arraycopy(a, 0, all, 0, n1);
        System.arraycopy(b, 0, all, n1, n2);
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(all);
        double rankSumA = 0;
        for (int i = 0; i < n1; i++) rankSumA += ranks[i];
        double u = rankSumA - n1 * (n1 + 1) / 2.0;
        boolean ties = Arrays.stream(all).distinct().count() < all.length;
        if (!ties) return exactCdf(n1, n2, (int) Math.round(u));
        int n = n1 + n2;
        double tieTerm = 0;
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) j++;
            double t = j - i;
            tieTerm += t * t * t - t;
            i = j;
        }
        double var = n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / (n * (n - 1.0)));
        if (var <= 0) return 1.0;
        double z = (u + 0.5 - n1 * (double) n2 / 2) / Math.sqrt(var);
        return new NormalDistribution().cumulativeProbability(z);
    }

    /** The smallest one-sided p-value the exact test can produce: {@code 1 / C(n1 + n2, n1)}. */
    static double smallestPValue(int n1, int n2) {
        if (n1 == 0 || n2 == 0) return 1.0;
        double c = 1;
        for (int i = 1; i <= n1; i++) c = c * (n2 + i) / i;
        return 1 / c;
    }

    /** P(U <= u) for sample sizes n1, n2 without ties. */
    private static double exactCdf(int n1, int n2, int u) {
        // counts[i][j][k]: arrangements of i a's and j b's with U = k; rolled over i.
        int max = n1 * n2;
        double[][] prev = new double[n2 + 1][max + 1];
        for (int j = 0; j <= n2; j++) prev[j][0] = 1;
        for (int i = 1; i <= n1; i++) {
            double[][] cur = new double[n2 + 1][max + 1];
            cur[0][0] = 1;
            for (int j = 1; j <= n2; j++) {
                for (int k = 0; k <= i * j; k++) {
                    // last element is an a (larger than all j b's: contributes j) or a b (contributes 0)
                    double fromA = k >= j ? prev[j][k - j] : 0;
                    double fromB = cur[j - 1][k];
                    cur[j][k] = fromA + fromB;
                }
            }
            prev = cur;
        }
        double total = 0, below = 0;
        for (int k = 0; k <= max; k++) {
            total += prev[n2][k];
            if (k <= u) below += prev[n2][k];
        }
        return below / total;
    }
}
