package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import dev.factortwo.reports.RunSummary;
import dev.factortwo.reports.TimeSplitTable;
import java.util.List;

/** Where the time goes per training cell: set-up, first round, steady rounds, Spark's overhead, against the bare loop. */
final class TimeSplitSection implements Component {

    private final List<RunSummary> runs;

    TimeSplitSection(List<RunSummary> runs) {
        this.runs = runs;
    }

    @Override
    public String html() {
        StringBuilder b = new StringBuilder();
        for (RunSummary run : runs) {
            TimeSplitTable t = TimeSplitTable.of(run);
            if (t.rows().isEmpty()) continue;
            b.append("<section id=\"time-split-").append(run.index()).append("\">\n<h2>Where the time goes")
                    .append(runs.size() > 1 ? ": run " + (run.index() + 1) : "").append("</h2>\n<p>")
                    .append(escape(TimeSplitTable.explanation())).append("</p>\n<table class=\"matrix\">\n<tr>");
            for (String h : t.headers()) b.append("<th>").append(escape(h)).append("</th>");
            b.append("</tr>\n");
            for (TimeSplitTable.Row r : t.rows()) {
                List<String> texts = t.texts(r);
                b.append("<tr><td>").append(escape(texts.get(0))).append("</td>");
                for (String x : texts.subList(1, texts.size())) b.append("<td class=\"num\">").append(escape(x)).append("</td>");
                b.append("</tr>\n");
            }
            b.append("</table>\n");
            b.append("<p class=\"note\">").append(escape(t.noBare() ? t.noBareText() : TimeSplitTable.bareFootnote())).append("</p>\n");
            if (t.leftOut() > 0) b.append("<p class=\"note\">").append(escape(t.leftOutText())).append("</p>\n");
            b.append("</section>\n");
        }
        return b.toString();
    }
}
