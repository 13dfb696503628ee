package dev.factortwo.reports;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.Reproducibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cell's reproducibility as a badge: one of a few ordered levels, from a failed cell up to a
 * result that was recomputed bit for bit through every injected fault.
 */
public enum Verdict {
    /** The cell did not produce a result. */
    FAILED(-1, "failed", "the cell failed: no result"),
    /** No repeat was compared (a single run). */
    NOT_CHECKED(0, "not checked", "reproducibility was not checked"),
    /** Emulated compute: no model ran, so there is no result to compare. */
    EMULATED(0, "not checked (emulated compute)", "compute was replaced by a calibrated wait: no model ran, so nothing was checked"),
    /** Repeated runs disagree beyond the tolerance. */
    DIVERGENT(1, "divergent", "repeated runs gave different results"),
    /** Repeated runs agree within a relative tolerance, not bit for bit. */
    TOLERANCE(2, "within tolerance", "repeated runs agree within a tolerance, not bit for bit"),
    /** Repeats were bit-identical, but a fault changed, restarted or failed the result. */
    BITWISE_NOT_FAULT_PROOF(3, "bitwise, fault broke it",
            "repeated runs were bit-identical, but an injected fault changed, restarted or lost the result"),
    /** Repeats were bit-identical, but a fault hit nothing or could not be injected, so it proved nothing. */
    FAULT_MISSED(4, "bitwise, a fault missed",
            "repeated runs were bit-identical, but an injected fault hit nothing (missed), recorded no evidence that it hit, or could not be injected (not-injected), so it proves nothing"),
    /** Repeats were bit-identical and no fault was injected: repeatable, not known to be recomputable. */
    REPEATS_ONLY(5, "repeatable, not fault-tested", "bit-identical on every repeat (repeatable); no fault was injected, so it is not known to be recomputable"),
    /** Bit-identical repeats, and every applicable fault hit and was recomputed to the identical result. */
    RECOMPUTABLE(6, "recomputable", "bit-identical on every repeat, and recomputed identically after every fault, each with evidence that it hit");

    private final int level;
    private final String label;
    private final String meaning;

    Verdict(int level, String label, String meaning) {
        this.level = level;
        this.label = label;
        this.meaning = meaning;
    }

    /** Order on the reproducibility ladder: higher is more reproducible; -1 for a failed cell. */
    public int level() {
        return level;
    }

    /** Short badge text. */
    public String label() {
        return label;
    }

    /** What the badge means, in one sentence. */
    public String meaning() {
        return meaning;
    }

    /** Lower-case, hyphenated name for CSS classes and data attributes. */
    public String cssName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Verdict of(CellResult cell) {
        if (!cell.ok()) return FAILED;
        if (cell.key().deviceEmulated()) return EMULATED;
        Reproducibility r = cell.reproducibility();
        if (r == null) return NOT_CHECKED;
        // derived from the verdict and the fault outcomes the file records, never from its stored flag
        if (r.recomputable()) return RECOMPUTABLE;
        if (r.repeatable()) {
            if (!r.faultTested() && r.faults().stream().noneMatch(FaultOutcome::notInjected)) return REPEATS_ONLY;
            // an identical result after a fault that shows no hit (no evidence, missed, not injected) proves nothing
            return r.faults().stream().filter(f -> !f.notApplicable())
                    .allMatch(f -> f.identical() || f.notInjected() || f.outcome() == FaultOutcome.Outcome.MISSED) ? FAULT_MISSED : BITWISE_NOT_FAULT_PROOF;
        }
        return switch (r.verdict()) {
            case TOLERANCE -> TOLERANCE;
            case DIVERGENT -> DIVERGENT;
            default -> NOT_CHECKED;
        };
    }

    /** The badge's explanation, one line per fact: meaning, the repeat check, each fault. */
    public static List<String> explain(CellResult cell) {
        Verdict v = of(cell);
        List<String> lines = new ArrayList<>();
        if (v == FAILED) {
            lines.add("failed: " + (cell.error() == null ? "no error recorded" : cell.error()));
            return lines;
        }
        lines.add(v.label + ": " + v.meaning);
        Reproducibility r = cell.reproducibility();
        if (r == null) return lines;
        if (r.explanation() != null && !r.explanation().isBlank()) lines.add(r.explanation());
        if (r.verdict() != Reproducibility.Verdict.NOT_CHECKED) {
            lines.add(String.format(Locale.ROOT, "repeat check: %s over %d runs, max relative L2 difference %.3g%s",
                    r.verdict().word(), r.runs(), r.maxRelativeL2(),
                    r.verdict() == Reproducibility.Verdict.TOLERANCE || r.verdict() == Reproducibility.Verdict.DIVERGENT
                            ? String.format(Locale.ROOT, " (tolerance %.3g)", r.tolerance()) : ""));
        }
        for (FaultOutcome f : r.faults()) {
            lines.add("fault " + f.fault() + ": " + (f.notApplicable() ? "not applicable" : f.notInjected() ? "not injected" : f.outcome().word() + ", recovery " + recovery(f))
                    + (f.explanation() == null || f.explanation().isBlank() ? "" : " (" + f.explanation() + ")")
                    + (f.evidence().isEmpty() ? "" : "; evidence: " + evidence(f)));
        }
        return lines;
    }

    /** {@code +1.20 s [+0.4, +2.0]}, {@code within noise (+0.10 s [-0.5, +0.7])}, or the estimate alone. */
    static String recovery(FaultOutcome f) {
        var i = f.recovery();
        if (i == null || !i.bounded()) return NumberFormats.seconds(f.recoverySeconds());
        String interval = String.format(Locale.ROOT, " [%+.2f, %+.2f] s", i.low(), i.high());
        return f.recoveryWithinNoise() ? "within noise (" + NumberFormats.seconds(f.recoverySeconds()) + interval + ")"
                : NumberFormats.seconds(f.recoverySeconds()) + interval;
    }

    /** {@code blocksRemoved 2, bytesReread 1048576, ...}: what was counted where the fault happened. */
    static String evidence(FaultOutcome f) {
        return f.evidence().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "));
    }
}
