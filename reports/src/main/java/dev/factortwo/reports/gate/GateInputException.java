package dev.factortwo.reports.gate;

/** The two inputs cannot be compared (different suites, different formats). A user error: exit 1, no stack trace. */
public final class GateInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GateInputException(String message) {
        super(message);
    }
}
