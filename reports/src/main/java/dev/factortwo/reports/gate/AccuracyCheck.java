package dev.factortwo.reports.gate;

import java.util.Optional;

/**
 * Test accuracy may drop by at most {@link GateOptions#maxAccuracyDrop} (absolute); a candidate that recorded none
 * where the baseline did warns. Beside {@link ReproducibilityCheck}, {@link EnvironmentCheck} and {@link LoadCheck}.
 */
final class AccuracyCheck {

    private AccuracyCheck() {
    }

    /** Empty when the baseline recorded no test accuracy (inference). */
    static Optional<CheckResult> check(String id, double b, double c, GateOptions o) {
        if (Double.isNaN(b)) return Optional.empty();
        Numbers n = new Numbers(b, c, c - b, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, "accuracy");
        if (Double.isNaN(c)) {
            return Optional.of(new CheckResult(id, Check.ACCURACY, Status.WARN, n, "the candidate recorded no test accuracy"));
        }
        double drop = b - c;
        String text = String.format(java.util.Locale.ROOT, "test accuracy %.4f -> %.4f (%+.4f, limit -%s)",
                b, c, c - b, SlowdownTest.trim(o.maxAccuracyDrop()));
        if (drop > o.maxAccuracyDrop() + 1e-12) {
            return Optional.of(new CheckResult(id, Check.ACCURACY, Status.FAIL, n, "accuracy dropped: " + text));
        }
        return Optional.of(new CheckResult(id, Check.ACCURACY, Status.PASS, n, text));
    }
}
