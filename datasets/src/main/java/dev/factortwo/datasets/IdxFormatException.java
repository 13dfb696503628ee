package dev.factortwo.datasets;

import java.io.IOException;

/**
 * An MNIST IDX file that is not what it should be: bad magic number, unexpected image size, label and
 * image counts that differ, a truncated file, or a label outside the class range. The message names the
 * file, what was found and what was expected, e.g.
 * {@code /x/train-images-idx3-ubyte.gz: bad magic 0x00000802, expected 0x00000803 (IDX unsigned-byte 3-D images)}.
 */
public final class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;

    /** An error in {@code file}; the message is prefixed with the file. */
    public IdxFormatException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** An error in {@code file} caused by {@code cause} (e.g. corrupt gzip data). */
    public IdxFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that is malformed. */
    public String file() {
        return file;
    }
}
