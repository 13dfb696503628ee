package dev.factortwo.reports.gate;

import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.Reproducibility.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cell that was reproducible must stay so. "Reproducible" is per aspect: the repeat verdict
 * {@code bitwise}, and each fault {@code recomputed-identical}. An aspect that the candidate shows lost
 * (another verdict or outcome) always fails; one the candidate did not check any more warns.
 */
final class ReproducibilityCheck {

    private ReproducibilityCheck() {
    }

    /** Empty when the baseline had nothing reproducible to keep. */
    static Optional<CheckResult> check(String subject, Reproducibility baseline, Reproducibility candidate) {
        if (baseline == null) return Optional.empty();
        List<String> kept = new ArrayList<>(), lost = new ArrayList<>(), unchecked = new ArrayList<>();
        if (baseline.verdict() == Verdict.BITWISE) {
            Verdict cv = candidate == null ? null : candidate.verdict();
            if (cv == null || cv == Verdict.NOT_CHECKED) unchecked.add("repeat not checked");
            else if (cv == Verdict.BITWISE) kept.add("repeat bitwise");
            else lost.add("repeat " + cv.word() + " (was bitwise" + relativeL2(candidate) + ")");
        }
        for (FaultOutcome f : baseline.faults()) {
            if (!f.identical()) continue;
            Optional<FaultOutcome> c = candidate == null ? Optional.empty()
                    : candidate.faults().stream().filter(x -> x.fault().equals(f.fault())).findFirst();
            if (c.isEmpty() || c.get().notApplicable()) {
                unchecked.add(f.fault() + " not checked");
            } else if (c.get().identical()) {
                kept.add(f.fault() + " recomputed identical");
            } else {
                String why = c.get().explanation() == null || c.get().explanation().isBlank() ? "" : ": " + c.get().explanation();
                lost.add(f.fault() + " " + c.get().outcome().word() + " (was recomputed-identical)" + why);
            }
        }
        if (kept.isEmpty() && lost.isEmpty() && unchecked.isEmpty()) return Optional.empty();
        if (!lost.isEmpty()) {
            return Optional.of(new CheckResult(subject, Check.REPRODUCIBILITY, Status.FAIL, Numbers.NONE,
                    "reproducibility lost: " + String.join("; ", lost)));
        }
        if (!unchecked.isEmpty()) {
            return Optional.of(new CheckResult(subject, Check.REPRODUCIBILITY, Status.WARN, Numbers.NONE,
                    "was reproducible, candidate did not check: " + String.join("; ", unchecked)));
        }
        return Optional.of(new CheckResult(subject, Check.REPRODUCIBILITY, Status.PASS, Numbers.NONE,
                "still reproducible: " + String.join("; ", kept)));
    }

    private static String relativeL2(Reproducibility r) {
        return r.maxRelativeL2() > 0 ? ", max relative L2 " + SlowdownTest.num(r.maxRelativeL2()) : "";
    }
}
