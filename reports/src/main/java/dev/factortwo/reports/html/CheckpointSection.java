package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import dev.factortwo.reports.CheckpointTable;
import dev.factortwo.reports.RunSummary;
import java.util.List;

/** What checkpoints cost on each tier: every checkpointed cell's writes and reads through the tier's client. */
final class CheckpointSection implements Component {

    private final List<RunSummary> runs;

    CheckpointSection(List<RunSummary> runs) {
        this.runs = runs;
    }

    @Override
    public String html() {
        StringBuilder b = new StringBuilder();
        for (RunSummary run : runs) {
            CheckpointTable t = CheckpointTable.of(run);
            if (t.rows().isEmpty()) continue;
            b.append("<section id=\"checkpoints-").append(run.index()).append("\">\n<h2>What checkpoints cost on each tier")
                    .append(runs.size() > 1 ? ": run " + (run.index() + 1) : "").append("</h2>\n<p>")
                    .append(escape(CheckpointTable.explanation())).append("</p>\n<table class=\"matrix\">\n<tr>");
            for (String h : t.headers()) b.append("<th>").append(escape(h)).append("</th>");
            b.append("</tr>\n");
            for (CheckpointTable.Row r : t.rows()) {
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
