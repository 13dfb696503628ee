package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import dev.factortwo.reports.RunSummary;
import dev.factortwo.reports.TextTable;
import java.util.List;
import java.util.function.Function;

/**
 * A per-run table whose first two columns are words and the rest figures (the format and checkpoint tables), one
 * section per run that has rows, none for a run without.
 */
final class TextTableSection implements Component {

    private final List<RunSummary> runs;
    private final String id;
    private final String title;
    private final String explanation;
    private final Function<RunSummary, TextTable> table;

    /** {@code id} prefixes each section's id (then the run's index); {@code title} is its heading. */
    TextTableSection(List<RunSummary> runs, String id, String title, String explanation, Function<RunSummary, TextTable> table) {
        this.runs = runs;
        this.id = id;
        this.title = title;
        this.explanation = explanation;
        this.table = table;
    }

    @Override
    public String html() {
        StringBuilder b = new StringBuilder();
        for (RunSummary run : runs) {
            TextTable t = table.apply(run);
            if (t.rows().isEmpty()) continue;
            b.append("<section id=\"").append(id).append('-').append(run.index()).append("\">\n<h2>").append(escape(title))
                    .append(runs.size() > 1 ? ": run " + (run.index() + 1) : "").append("</h2>\n<p>")
                    .append(escape(explanation)).append("</p>\n<table class=\"matrix\">\n<tr>");
            for (String h : t.headers()) b.append("<th>").append(escape(h)).append("</th>");
            b.append("</tr>\n");
            for (List<String> texts : t.rows()) {
                b.append("<tr><td>").append(escape(texts.get(0))).append("</td><td>").append(escape(texts.get(1))).append("</td>");
                for (String x : texts.subList(2, texts.size())) b.append("<td class=\"num\">").append(escape(x)).append("</td>");
                b.append("</tr>\n");
            }
            b.append("</table>\n</section>\n");
        }
        return b.toString();
    }
}
