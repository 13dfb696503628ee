package dev.factortwo.reports.output;

import dev.factortwo.model.Results;
import dev.factortwo.reports.ReportInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The reports a run or {@code factortwo report} writes: the HTML page and, where asked, the Markdown summary. */
public final class Reports {

    private Reports() {
    }

    /** The reports of {@code runs}, compared with {@code baseline} (if any) by the gate's default rule. */
    public static void write(List<Results> runs, Optional<Results> baseline, Path html, Optional<Path> markdown) {
        write(new ReportInput(runs, baseline), html, markdown);
    }

    /** The HTML report of {@code input} to {@code html}, and the Markdown summary where asked. */
    public static void write(ReportInput input, Path html, Optional<Path> markdown) {
        ReportWriter.write(ReportType.HTML, input, html);
        if (markdown.isPresent()) ReportWriter.write(ReportType.MARKDOWN, input, markdown.get());
    }
}
