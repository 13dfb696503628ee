package dev.factortwo.reports.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Golden files in {@code src/test/resources/golden/}; rewrite them with {@code -Dgolden.update=true}. */
final class Golden {

    static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() {
    }

    static void assertMatches(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual);
            return;
        }
        if (!Files.exists(file)) throw new AssertionError(file + " missing: run with -Dgolden.update=true and review it");
        assertEquals(Files.readString(file), actual, name + " differs from its golden file (regenerate with -Dgolden.update=true if intended)");
    }
}
