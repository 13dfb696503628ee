package dev.factortwo.reports.gate;

/** The gate's exit codes: a closed set, so CI scripts can rely on them. */
public enum ExitCode {
    /** Every check passed (warnings and information allowed). */
    PASS(0),
    /** Bad input or arguments: a file missing, unreadable, of another schema or another suite. */
    BAD_INPUT(1),
    /** At least one check failed: a regression, lost reproducibility, a missing cell, an accuracy drop. */
    REGRESSION(2);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }
}
