package dev.factortwo.reports;

import dev.factortwo.model.Results;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The reports a run or {@code factortwo report} writes: the HTML page and, where asked, the Markdown summary. */
public final class Reports {

    private Reports() {
    }

    public static void write(List<Results> runs, Optional<Results> baseline, Path html, Optional<Path> markdown) {
        ReportWriter.write(ReportType.HTML, runs, baseline, html);
        if (markdown.isPresent()) ReportWriter.write(ReportType.MARKDOWN, runs, baseline, markdown.get());
    }
}
