package dev.factortwo.datasets;

import java.io.IOException;

/**
 * A {@code manifest.json} that cannot be used: not JSON, another schema, a missing or wrong field, totals
 * or a digest that do not add up. The message names the file, the field and what was expected, e.g.
 * {@code file:/data/train/manifest.json: schema 'factortwo/shards/v0', expected 'factortwo/shards/v1'}.
 */
public final class ManifestFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A problem in the manifest at {@code location}; the message is prefixed with it. */
    public ManifestFormatException(String location, String problem) {
        super(location + ": " + problem);
    }

    /** A problem with a cause (e.g. a JSON parse error). */
    public ManifestFormatException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
    }
}
