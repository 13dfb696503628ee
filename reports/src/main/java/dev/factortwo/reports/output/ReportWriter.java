package dev.factortwo.reports.output;

import dev.factortwo.model.Results;
import dev.factortwo.model.UserError;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.reports.ReportFormat;
import dev.factortwo.reports.ReportInput;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Writes a report to a file: checks the output path first, renders, then writes atomically (a
 * temporary file and a rename), so a reader never sees half a report.
 *
 * <pre>{@code
 * ReportWriter.write(ReportType.HTML, List.of(results), Optional.empty(), Path.of("target/report.html"));
 * }</pre>
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /**
     * @throws UserError when {@code out} is a directory or its parent is a file
     * @throws UncheckedIOException     when the file cannot be written
     */
    public static void write(ReportType type, List<Results> runs, Optional<Results> baseline, Path out) {
        write(type, new ReportInput(runs, baseline), out);
    }

    /**
     * @throws UserError when {@code out} is a directory or its parent is a file
     * @throws UncheckedIOException     when the file cannot be written
     */
    public static void write(ReportType type, ReportInput input, Path out) {
        checkWritable(out);
        ResultsCodec.writeAtomically(out, type.format().render(input));
    }

    /** Fails fast, naming the path, when {@code out} cannot be a report file. */
    public static void checkWritable(Path out) {
        if (Files.isDirectory(out)) {
            throw new UserError("report output " + out + " is a directory; expected a file path");
        }
        Path parent = out.toAbsolutePath().getParent();
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new UserError("report output " + out + ": " + p + " is a file, not a directory");
            }
        }
    }
}
