package dev.factortwo.model;

/**
 * A mistake in what the user gave: a flag value, a file, a field in a file, a name. Both CLIs print its message
 * as one line, with no stack trace, and exit {@link ExitCode#BAD_INPUT}. The message names what was given and
 * where, and what was expected:
 *
 * <pre>{@code
 * throw new UserError("--tiers " + t + ": unknown tier; expected one of " + Tiers.names());
 * }</pre>
 *
 * <p>A plain {@link IllegalArgumentException} is not a user error: it is a broken precondition inside the code (or
 * a library's), and the CLIs print its stack trace and exit {@link ExitCode#INTERNAL_ERROR}. This class extends
 * it so that callers and tests that catch an {@code IllegalArgumentException} see both alike.
 */
public class UserError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** {@code message}: one line naming the flag, file, field or name, and what was expected. */
    public UserError(String message) {
        super(message);
    }

    /** As {@link #UserError(String)}, keeping {@code cause} (e.g. a parser's exception) for whoever logs it. */
    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
