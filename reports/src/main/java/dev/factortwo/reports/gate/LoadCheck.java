package dev.factortwo.reports.gate;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares the machine load both runs were measured under, from the per-repetition figures the harness records in
 * each cell ({@code otherBusyCores}: CPU seconds of other processes per wall second; {@code loadAverage}). A
 * baseline measured under another build and a candidate on a quiet machine once made a planted 15% throttle look
 * 93.5% faster: the gate warns when the two runs' mean other-process load differs by more than
 * {@link #MAX_DIFFERENCE_CORES}. Runs that recorded no load give no row.
 */
final class LoadCheck {

    static final String SUBJECT = "(machine load)";

    /** Difference of other processes' busy cores, mean over every repetition, above which the gate warns. */
    static final double MAX_DIFFERENCE_CORES = 0.5;

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

    static Optional<CheckResult> check(Results baseline, Results candidate) {
        double b = mean(baseline, "otherBusyCores"), c = mean(candidate, "otherBusyCores");
        if (Double.isNaN(b) || Double.isNaN(c)) return Optional.empty();
        String text = String.format(Locale.ROOT, "other processes kept %.2f cores busy during the baseline, %.2f during the candidate "
                + "(load average %.1f vs %.1f)", b, c, mean(baseline, "loadAverage"), mean(candidate, "loadAverage"));
        if (Math.abs(b - c) > MAX_DIFFERENCE_CORES) {
            return Optional.of(new CheckResult(SUBJECT, Check.ENVIRONMENT, Status.WARN, Numbers.NONE,
                    "machine load differs: " + text + "; speed differences may come from the load alone"
                            + " (measure both in one job: see the README's CI section)"));
        }
        return Optional.of(new CheckResult(SUBJECT, Check.ENVIRONMENT, Status.PASS, Numbers.NONE, "similar load: " + text));
    }
}
