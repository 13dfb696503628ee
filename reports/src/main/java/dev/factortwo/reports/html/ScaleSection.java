package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import dev.factortwo.model.analysis.ScaleCurve;
import dev.factortwo.reports.RunSummary;
import dev.factortwo.reports.ScaleTable;
import java.util.List;

/** How many emulated accelerators each tier feeds: utilization per number of accelerators, the largest held at 90%. */
final class ScaleSection implements Component {

    private final List<RunSummary> runs;

    ScaleSection(List<RunSummary> runs) {
        this.runs = runs;
    }

    @Override
    public String html() {
        StringBuilder b = new StringBuilder();
        for (RunSummary run : runs) {
            ScaleTable t = ScaleTable.of(run);
            if (t.curves().isEmpty()) continue;
            b.append("<section id=\"scale-").append(run.index()).append("\">\n<h2>How many accelerators each tier feeds")
                    .append(runs.size() > 1 ? ": run " + (run.index() + 1) : "").append("</h2>\n<p>")
                    .append(escape(ScaleTable.explanation())).append("</p>\n<table class=\"matrix\">\n<tr>");
            for (String h : t.headers()) b.append("<th>").append(escape(h)).append("</th>");
            b.append("</tr>\n");
            for (ScaleCurve c : t.curves()) {
                List<String> texts = t.texts(c);
                b.append("<tr><td>").append(escape(texts.get(0))).append("</td>");
                for (String x : texts.subList(1, texts.size())) b.append("<td class=\"num\">").append(escape(x)).append("</td>");
                b.append("</tr>\n");
            }
            b.append("</table>\n<ul>\n");
            for (String s : t.sentences()) b.append("<li>").append(escape(s)).append("</li>\n");
            b.append("</ul>\n");
            if (!t.machineText().isEmpty()) b.append("<p class=\"note\">").append(escape(t.machineText())).append("</p>\n");
            b.append("</section>\n");
        }
        return b.toString();
    }
}
