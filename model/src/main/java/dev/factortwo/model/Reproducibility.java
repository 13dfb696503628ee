package dev.factortwo.model;

import java.util.List;

/**
 * Whether a cell's result can be recomputed: a repeat check plus zero or more fault checks.
 *
 * @param verdict               repeat verdict: {@code bitwise}, {@code tolerance}, {@code divergent},
 *                              or {@code not-checked} (a single run)
 * @param runs                  number of runs compared (repetitions with the same seed)
 * @param maxRelativeL2         largest relative L2 difference between any run's tensors and the first's
 * @param tolerance             the relative L2 tolerance applied for {@code tolerance}
 * @param faults                one outcome per injected fault
 * @param reproducible          true when the repeat verdict is bitwise and every fault was
 *                              recomputed identically (or did not apply)
 * @param explanation           the verdict in plain words
 */
public record Reproducibility(String verdict, int runs, double maxRelativeL2, double tolerance,
                              List<FaultOutcome> faults, boolean reproducible, String explanation) {

    public static final String BITWISE = "bitwise";
    public static final String TOLERANCE = "tolerance";
    public static final String DIVERGENT = "divergent";
    public static final String NOT_CHECKED = "not-checked";

    public Reproducibility {
        faults = faults == null ? List.of() : List.copyOf(faults);
    }
}
