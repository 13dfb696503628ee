package dev.factortwo.reports.cli;

/**
 * A mistake of the user's (a bad flag value, a missing file): either CLI prints its message in one line, no
 * stack trace, and exits {@link dev.factortwo.model.ExitCode#BAD_INPUT}.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
