package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import dev.factortwo.reports.FormatTable;
import dev.factortwo.reports.RunSummary;
import java.util.List;

/** What the storage format costs the input on each tier: each cell's other format beside its shards. */
final class FormatSection implements Component {

    private final List<RunSummary> runs;

    FormatSection(List<RunSummary> runs) {
        this.runs = runs;
    }

    @Override
    public String html() {
        StringBuilder b = new StringBuilder();
        for (RunSummary run : runs) {
            FormatTable t = FormatTable.of(run);
            if (t.rows().isEmpty()) continue;
            b.append("<section id=\"formats-").append(run.index()).append("\">\n<h2>What the format costs on each tier")
                    .append(runs.size() > 1 ? ": run " + (run.index() + 1) : "").append("</h2>\n<p>")
                    .append(escape(FormatTable.explanation())).append("</p>\n<table class=\"matrix\">\n<tr>");
            for (String h : t.headers()) b.append("<th>").append(escape(h)).append("</th>");
            b.append("</tr>\n");
            for (FormatTable.Row r : t.rows()) {
                List<String> texts = t.texts(r);
                b.append("<tr><td>").append(escape(texts.get(0))).append("</td><td>").append(escape(texts.get(1))).append("</td>");
                for (String x : texts.subList(2, texts.size())) b.append("<td class=\"num\">").append(escape(x)).append("</td>");
                b.append("</tr>\n");
            }
            b.append("</table>\n</section>\n");
        }
        return b.toString();
    }
}
