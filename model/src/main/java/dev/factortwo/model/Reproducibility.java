package dev.factortwo.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * Whether a cell's result can be recomputed: a repeat check plus zero or more fault checks. Two claims, named apart:
 * <ul>
 *   <li><b>repeatable</b> ({@link #repeatable()}): repeats with the same seed gave the same bits;</li>
 *   <li><b>recomputable</b> ({@link #recomputable()}): repeatable, at least one fault was injected for real, and every
 *       fault that applies hit, with evidence ({@link FaultOutcome#evidenced()}), and recomputed the identical result.</li>
 * </ul>
 * The first never stands in for the second: a run with {@code --faults none} is at best repeatable.
 *
 * @param verdict               repeat verdict ({@link Verdict})
 * @param runs                  number of runs compared (repetitions with the same seed)
 * @param maxRelativeL2         largest relative L2 difference between any run's tensors and the first's
 * @param tolerance             the relative L2 tolerance applied for {@code tolerance}
 * @param faults                one outcome per injected fault
 * @param reproducible          stored for compatibility ({@code factortwo/results/v1}): true when the repeat verdict is
 *                              bitwise and every fault was recomputed identically (or did not apply); it must equal
 *                              {@link #derivedReproducible()}, and nothing judges a cell by it
 * @param explanation           the verdict in plain words
 */
public record Reproducibility(Verdict verdict, int runs, double maxRelativeL2, double tolerance,
                              List<FaultOutcome> faults, boolean reproducible, String explanation) {

    /**
     * What repeats with the same seed gave. Written to {@code results.json} as its {@link #word()}, e.g.
     * {@code "verdict" : "not-checked"}; {@link #toString()} is the word too. Immutable, so thread-safe.
     */
    public enum Verdict {
        /** Every repeat gave the same bits. */
        BITWISE("bitwise"),
        /** Repeats differ, within the relative L2 tolerance. */
        TOLERANCE("tolerance"),
        /** Repeats differ beyond the tolerance. */
        DIVERGENT("divergent"),
        /** A single run: nothing to compare. */
        NOT_CHECKED("not-checked");

        private final String word;

        Verdict(String word) {
            this.word = word;
        }

        /** The word in {@code results.json}, e.g. {@code not-checked}. */
        @JsonValue
        public String word() {
            return word;
        }

        /**
         * The verdict written as {@code word}.
         *
         * @throws IllegalArgumentException naming {@code word} and the words expected
         */
        @JsonCreator
        public static Verdict of(String word) {
            return Words.parse("verdict", word, values(), Verdict::word);
        }

        @Override
        public String toString() {
            return word;
        }
    }

    public Reproducibility {
        faults = faults == null ? List.of() : List.copyOf(faults);
    }

    /** A verdict whose stored flag is derived from the verdict and the fault outcomes. */
    public static Reproducibility of(Verdict verdict, int runs, double maxRelativeL2, double tolerance, List<FaultOutcome> faults,
                                     String explanation) {
        List<FaultOutcome> f = faults == null ? List.of() : faults;
        return new Reproducibility(verdict, runs, maxRelativeL2, tolerance, f, derive(verdict, f), explanation);
    }

    /** Repeats with the same seed gave bit-identical results. Says nothing about faults. */
    public boolean repeatable() {
        return verdict == Verdict.BITWISE;
    }

    /** At least one fault was really injected (neither not applicable nor impossible to inject). */
    public boolean faultTested() {
        return faults.stream().anyMatch(f -> !f.notApplicable() && !f.notInjected());
    }

    /**
     * Repeatable, tested against at least one fault, and every fault that applies hit with evidence and recomputed the
     * identical result. Derived from the verdict and the outcomes alone, never from the stored flag.
     */
    public boolean recomputable() {
        return repeatable() && faultTested()
                && faults.stream().filter(f -> !f.notApplicable()).allMatch(FaultOutcome::recomputedWithEvidence);
    }

    /** What {@link #reproducible} must be: bitwise repeats and every fault identical or not applicable. */
    public boolean derivedReproducible() {
        return derive(verdict, faults);
    }

    private static boolean derive(Verdict verdict, List<FaultOutcome> faults) {
        return verdict == Verdict.BITWISE && faults.stream().allMatch(f -> f.identical() || f.notApplicable());
    }
}
