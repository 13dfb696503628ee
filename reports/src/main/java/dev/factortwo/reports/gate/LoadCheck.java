package dev.factortwo.reports.gate;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import dev.factortwo.model.analysis.Rounds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares the machine load both runs were measured under, from the per-repetition figures the harness records in
 * each cell: the cores taken from the run, {@code otherBusyCores} (CPU seconds of other processes per wall second)
 * plus {@code stealCores} (CPU time the hypervisor gave to other machines), and {@code loadAverage}. A baseline
 * measured under another build and a candidate on a quiet machine once made a planted 15% throttle look 93.5%
 * faster; on a machine quiet by load average the hypervisor once took 0.6-1.0 of 2 vCPUs from one build's run of a
 * round and not the other's. The gate warns when the two runs' mean cores taken differ by more than
 * {@link #MAX_DIFFERENCE_CORES}, and for results of {@code compare} ({@link Rounds#ROUNDS} rounds with equal
 * repetitions) names each round where they did. Runs that recorded no load give no row.
 */
public final class LoadCheck {

    static final String SUBJECT = "(machine load)";

    /** Difference of other processes' busy cores, mean over every repetition, above which the gate warns. */
    public static final double MAX_DIFFERENCE_CORES = 0.5;

    private LoadCheck() {
    }

    /** Mean over every repetition of every successful cell, or NaN when none recorded it. */
    static double mean(Results r, String attribute) {
        double sum = 0;
        int n = 0;
        for (CellResult c : r.cells()) {
            if (!c.ok() || c.attributes() == null) continue;
            String v = c.attributes().get(attribute);
            if (v == null || v.isBlank()) continue;
            for (String x : v.split(",")) {
                try {
                    double d = Double.parseDouble(x.trim());
                    if (Double.isFinite(d)) {
                        sum += d;
                        n++;
                    }
                } catch (NumberFormatException e) {
                    // a figure this version does not read: not counted
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Cores taken from a run by the rest of the machine: other processes' busy cores plus the hypervisor's steal, mean
     * over every repetition of every successful cell; NaN when the run recorded no load.
     */
    public static double coresTaken(Results r) {
        double busy = mean(r, CellAttribute.OTHER_BUSY_CORES.key());
        return Double.isNaN(busy) ? Double.NaN : busy + orZero(mean(r, CellAttribute.STEAL_CORES.key()));
    }

    static Optional<CheckResult> check(Results baseline, Results candidate) {
        double b = mean(baseline, CellAttribute.OTHER_BUSY_CORES.key()), c = mean(candidate, CellAttribute.OTHER_BUSY_CORES.key());
        if (Double.isNaN(b) || Double.isNaN(c)) return Optional.empty();
        double bs = orZero(mean(baseline, CellAttribute.STEAL_CORES.key())), cs = orZero(mean(candidate, CellAttribute.STEAL_CORES.key()));
        String text = String.format(Locale.ROOT, "other processes kept %.2f cores busy and steal took %.2f during the baseline, %.2f and"
                + " %.2f during the candidate (load average %.1f vs %.1f)", b, bs, c, cs, mean(baseline, CellAttribute.LOAD_AVERAGE.key()), mean(candidate, CellAttribute.LOAD_AVERAGE.key()));
        List<String> rounds = unevenRounds(baseline, candidate);
        if (Math.abs(b + bs - c - cs) > MAX_DIFFERENCE_CORES) {
            return Optional.of(new CheckResult(SUBJECT, Check.ENVIRONMENT, Status.WARN, Numbers.NONE,
                    "machine load differs: " + text + "; speed differences may come from the load alone"
                            + (rounds.isEmpty() ? " (measure both in one job: see the README's CI section)" : "; " + String.join("; ", rounds))));
        }
        if (!rounds.isEmpty()) {
            return Optional.of(new CheckResult(SUBJECT, Check.ENVIRONMENT, Status.WARN, Numbers.NONE,
                    "similar load overall (" + text + "), but not within every round: " + String.join("; ", rounds)
                            + ": those rounds' pairs compare load as much as builds; add rounds or rerun"));
        }
        return Optional.of(new CheckResult(SUBJECT, Check.ENVIRONMENT, Status.PASS, Numbers.NONE, "similar load: " + text));
    }

    private static double orZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /**
     * For two merged results of {@code compare} with the same number of rounds: each round in which the cores taken
     * from the two builds' runs (other processes plus steal, mean over the round's repetitions of every cell)
     * differ by more than {@link #MAX_DIFFERENCE_CORES}, in words. Empty otherwise.
     */
    static List<String> unevenRounds(Results baseline, Results candidate) {
        double[] b = perRound(baseline), c = perRound(candidate);
        List<String> out = new ArrayList<>();
        if (b == null || c == null || b.length != c.length) return out;
        for (int r = 0; r < b.length; r++) {
            if (Double.isFinite(b[r]) && Double.isFinite(c[r]) && Math.abs(b[r] - c[r]) > MAX_DIFFERENCE_CORES) {
                out.add(String.format(Locale.ROOT, "round %d: %.2f cores taken from the baseline's run, %.2f from the candidate's", r + 1, b[r], c[r]));
            }
        }
        return out;
    }

    /** Mean cores taken per round, or null when these are not {@code compare}'s merged results. */
    private static double[] perRound(Results r) {
        String n = r.config().get(CellAttribute.ROUNDS.key());
        if (n == null) return null;
        int rounds;
        try {
            rounds = Integer.parseInt(n.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (rounds < 1) return null;
        double[] sum = new double[rounds];
        int[] count = new int[rounds];
        for (CellResult c : r.cells()) {
            if (!c.ok() || !Integer.toString(rounds).equals(c.attributes().get(CellAttribute.ROUNDS.key()))) continue;
            double[] busy = c.numbers(CellAttribute.OTHER_BUSY_CORES.key()).orElse(null), steal = c.numbers(CellAttribute.STEAL_CORES.key()).orElse(null);
            if (busy == null || busy.length % rounds != 0 || steal != null && steal.length != busy.length) continue;
            int per = busy.length / rounds;
            for (int i = 0; i < busy.length; i++) {
                double v = busy[i] + (steal == null ? 0 : steal[i]);
                if (Double.isFinite(v)) {
                    sum[i / per] += v;
                    count[i / per]++;
                }
            }
        }
        double[] out = new double[rounds];
        for (int i = 0; i < rounds; i++) out[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        return out;
    }

}
