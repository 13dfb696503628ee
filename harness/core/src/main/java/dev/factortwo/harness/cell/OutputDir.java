package dev.factortwo.harness.cell;

import dev.factortwo.model.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A run's output directory, checked for writability before any work starts. */
public final class OutputDir {

    private OutputDir() {
    }

    /**
     * Creates {@code dir} if needed and proves it is writable by writing and deleting a probe file.
     *
     * @throws UserError naming the directory and the reason
     */
    public static Path prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
            return dir;
        } catch (IOException | SecurityException e) {
            throw new UserError("output directory " + dir + " is not writable: " + e.getMessage());
        }
    }
}
