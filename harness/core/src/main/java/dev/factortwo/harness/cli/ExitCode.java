package dev.factortwo.harness.cli;

/** The closed set of exit codes of every factortwo command. */
public enum ExitCode {
    /** Success; the gate passed; doctor found the stack healthy. */
    OK(0),
    /** Bad arguments or bad input files (the message names which). */
    BAD_INPUT(1),
    /** The gate found a regression. */
    REGRESSION(2),
    /** Doctor found a problem with the stack. */
    UNHEALTHY(3),
    /** A bug or an unexpected failure (a stack trace is printed). */
    INTERNAL_ERROR(70);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
