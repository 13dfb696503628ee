package dev.factortwo.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison. Run with {@code -Dgolden.update=true} to rewrite the golden files from the
 * current output (then review the diff with git before committing).
 */
public final class Golden {

    private Golden() {
    }

    /** Fails, naming the file and how to regenerate it, when {@code actual} differs from the golden file. */
    public static void assertMatches(String actual, String name) throws IOException {
        Path golden = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
            return;
        }
        if (!Files.exists(golden)) {
            fail("golden file " + golden.toAbsolutePath() + " is missing; create it with -Dgolden.update=true");
        }
        Path seen = Path.of("target/golden-actual", name);
        Files.createDirectories(seen.getParent());
        Files.writeString(seen, actual);
        assertEquals(Files.readString(golden), actual, "output differs from golden file " + golden
                + " (actual output written to " + seen + "; if the change is intended, rerun with -Dgolden.update=true)");
    }
}
