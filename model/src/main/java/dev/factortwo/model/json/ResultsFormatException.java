package dev.factortwo.model.json;

import java.nio.file.Path;

/** A results file that cannot be read: names the file and what was wrong. A user error, not a bug. */
public final class ResultsFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public ResultsFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ResultsFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
