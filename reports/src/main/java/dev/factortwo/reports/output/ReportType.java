package dev.factortwo.reports.output;

import dev.factortwo.reports.ReportFormat;
import dev.factortwo.reports.html.HtmlReport;
import dev.factortwo.reports.markdown.MarkdownSummary;

/** The report formats, with their usual file names. */
public enum ReportType {
    /** One self-contained HTML page with tables and charts; opens offline. */
    HTML("report.html"),
    /** The essentials in GitHub-flavoured Markdown, for CI job summaries and pull-request comments. */
    MARKDOWN("summary.md");

    private final String defaultFileName;

    ReportType(String defaultFileName) {
        this.defaultFileName = defaultFileName;
    }

    public String defaultFileName() {
        return defaultFileName;
    }

    public ReportFormat format() {
        return switch (this) {
            case HTML -> new HtmlReport();
            case MARKDOWN -> new MarkdownSummary();
        };
    }
}
