package dev.factortwo.reports.gate;

/** Outcome of one check, ordered from harmless to failing. */
public enum Status {
    /** The check passed. */
    PASS,
    /** Something worth knowing that is not a problem (e.g. a cell new in the candidate). */
    INFO,
    /** Possibly a problem, does not fail the gate (e.g. too few repetitions to test, environment differs). */
    WARN,
    /** The check failed: the gate exits with {@link dev.factortwo.model.ExitCode#REGRESSION}. */
    FAIL;

    /** Lower-case label used in every output. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
