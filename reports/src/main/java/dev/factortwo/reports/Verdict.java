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
    /** Repeated runs disagree beyond the tolerance. */
    DIVERGENT(1, "divergent", "repeated runs gave different results"),
    /** Repeated runs agree within a relative tolerance, not bit for bit. */
    TOLERANCE(2, "within tolerance", "repeated runs agree within a tolerance, not bit for bit"),
    /** Repeats were bit-identical, but a fault changed, restarted or failed the result. */
    BITWISE_NOT_FAULT_PROOF(3, "bitwise, fault broke it",
            "repeated runs were bit-identical, but an injected fault changed, restarted or lost the result"),
    /** Bit-identical repeats, and every fault was recomputed to the identical result. */
    RECOMPUTABLE(4, "recomputable", "bit-identical on every repeat, and recomputed identically after every fault");

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
        Reproducibility r = cell.reproducibility();
        if (r == null) return NOT_CHECKED;
        if (r.reproducible()) return RECOMPUTABLE;
        return switch (r.verdict()) {
            case Reproducibility.BITWISE -> BITWISE_NOT_FAULT_PROOF;
            case Reproducibility.TOLERANCE -> TOLERANCE;
            case Reproducibility.DIVERGENT -> DIVERGENT;
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
        if (!Reproducibility.NOT_CHECKED.equals(r.verdict())) {
            lines.add(String.format(Locale.ROOT, "repeat check: %s over %d runs, max relative L2 difference %.3g%s",
                    r.verdict(), r.runs(), r.maxRelativeL2(),
                    Reproducibility.TOLERANCE.equals(r.verdict()) || Reproducibility.DIVERGENT.equals(r.verdict())
                            ? String.format(Locale.ROOT, " (tolerance %.3g)", r.tolerance()) : ""));
        }
        for (FaultOutcome f : r.faults()) {
            lines.add("fault " + f.fault() + ": " + f.outcome()
                    + (FaultOutcome.NOT_APPLICABLE.equals(f.outcome()) ? "" : ", recovery " + NumberFormats.seconds(f.recoverySeconds()))
                    + (f.explanation() == null || f.explanation().isBlank() ? "" : " (" + f.explanation() + ")"));
        }
        return lines;
    }
}
