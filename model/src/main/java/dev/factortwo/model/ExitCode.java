package dev.factortwo.model;

/**
 * The closed set of exit codes of every factortwo command, in the full CLI and in the light CI jar alike, so
 * that CI scripts can rely on them.
 *
 * <pre>{@code
 * 0 OK, 1 BAD_INPUT, 2 REGRESSION, 3 UNHEALTHY, 4 CELLS_FAILED, 70 INTERNAL_ERROR
 * }</pre>
 */
public enum ExitCode {
    /** Success: the run measured every cell, the gate passed, doctor found the stack healthy. */
    OK(0, "ok"),
    /** Bad arguments or bad input files (one line names the flag, file or field; no stack trace). */
    BAD_INPUT(1, "bad arguments or input"),
    /** The gate found a regression: a slowdown, an accuracy drop, lost reproducibility or a missing cell. */
    REGRESSION(2, "regression (gate)"),
    /** Doctor found a problem with the stack. */
    UNHEALTHY(3, "unhealthy (doctor)"),
    /** {@code run} finished, but some cells failed while running (each is recorded with its error). */
    CELLS_FAILED(4, "cells failed while running (run)"),
    /** A bug or an unexpected failure (a stack trace is printed). */
    INTERNAL_ERROR(70, "internal error (a bug; a stack trace is printed)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** A few words for {@code --help}, e.g. {@code regression (gate)}. */
    public String meaning() {
        return meaning;
    }
}
