package dev.factortwo.model.analysis;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Reproducibility;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * What non-determinism costs in practice: how many runs a configuration needs before its result can be
 * believed, and the time that takes. A bitwise-reproducible configuration needs one run to confirm a
 * result; a non-reproducible one needs enough runs to tell a real change of {@code accuracyDelta} in test
 * accuracy from its run-to-run spread, at the gate's confidence and power (two-sample normal approximation:
 * {@code n = 2 ((z(1-a/2) + z(power)) sd / delta)^2} per side). The same is computed for a {@code throughputDelta}
 * relative change of throughput from its coefficient of variation, which no configuration escapes.
 *
 * @param cell                the cell's id
 * @param workload            its workload
 * @param bitwise             true when its repeats were bit-identical
 * @param runs                repetitions the spread was estimated from
 * @param accuracySd          sample standard deviation of test accuracy across repeats (0 when bitwise)
 * @param runsForAccuracy     runs needed to trust an accuracy result (1 when bitwise)
 * @param runsForThroughput   runs needed to detect a {@code throughputDelta} change of throughput
 * @param secondsPerRun       mean wall time of one run
 * @param secondsToTrust      {@code runsForAccuracy x secondsPerRun}
 */
public record RunsToTrust(String cell, String workload, boolean bitwise, int runs, double accuracySd,
                          int runsForAccuracy, int runsForThroughput, double secondsPerRun, double secondsToTrust) {

    /** Defaults, as the issue states them: half an accuracy point, 5% throughput, the gate's 0.99 and 95% power. */
    public static final double ACCURACY_DELTA = 0.005, THROUGHPUT_DELTA = 0.05, CONFIDENCE = 0.99, POWER = 0.95;

    /** For a training cell with at least one repetition; null otherwise. */
    public static RunsToTrust of(CellResult c, double accuracyDelta, double throughputDelta, double confidence, double power) {
        if (!c.ok() || c.repetitions().isEmpty() || Double.isNaN(c.testAccuracy())) return null;
        boolean bitwise = c.reproducibility() != null && c.reproducibility().verdict() == Reproducibility.Verdict.BITWISE;
        double[] acc = c.repetitions().stream().mapToDouble(Repetition::testAccuracy).toArray();
        double sd = bitwise ? 0 : sd(acc);
        double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2)
                + new NormalDistribution(null, 0, 1).inverseCumulativeProbability(power);
        int forAccuracy = bitwise ? 1 : Math.max(2, (int) Math.ceil(2 * Math.pow(z * sd / accuracyDelta, 2)));
        double cv = c.samplesPerSecond() == null ? 0 : c.samplesPerSecond().cv();
        int forThroughput = Math.max(2, (int) Math.ceil(2 * Math.pow(z * cv / throughputDelta, 2)));
        double perRun = c.repetitions().stream().mapToDouble(Repetition::wallSeconds).average().orElse(0);
        return new RunsToTrust(c.id(), c.key().workload(), bitwise, acc.length, sd, forAccuracy, forThroughput, perRun, forAccuracy * perRun);
    }

    public static RunsToTrust of(CellResult c) {
        return of(c, ACCURACY_DELTA, THROUGHPUT_DELTA, CONFIDENCE, POWER);
    }

    /** Every training cell's figures, in order. */
    public static List<RunsToTrust> all(Collection<CellResult> cells) {
        List<RunsToTrust> out = new ArrayList<>();
        for (CellResult c : cells) {
            RunsToTrust r = of(c);
            if (r != null) out.add(r);
        }
        return out;
    }

    /**
     * Per workload, the price of reproducibility on time to a trustworthy result: the shortest time-to-trust
     * of a bitwise cell divided by the shortest of any cell (1.0 when the quickest to trust is reproducible).
     * NaN when no cell of the workload is bitwise.
     */
    public static Map<String, Double> priceOnTimeToTrust(List<RunsToTrust> all) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String w : all.stream().map(RunsToTrust::workload).distinct().toList()) {
            double best = all.stream().filter(r -> r.workload().equals(w)).mapToDouble(RunsToTrust::secondsToTrust).min().orElse(Double.NaN);
            double bestBitwise = all.stream().filter(r -> r.workload().equals(w) && r.bitwise()).mapToDouble(RunsToTrust::secondsToTrust).min().orElse(Double.NaN);
            out.put(w, bestBitwise / best);
        }
        return out;
    }

    static double sd(double[] x) {
        if (x.length < 2) return 0;
        double m = 0;
        for (double v : x) m += v;
        m /= x.length;
        double ss = 0;
        for (double v : x) ss += (v - m) * (v - m);
        return Math.sqrt(ss / (x.length - 1));
    }
}
