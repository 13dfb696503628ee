package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import dev.factortwo.reports.CommunicationRows;
import dev.factortwo.reports.NumberFormats;
import dev.factortwo.reports.RunSummary;
import java.util.List;
import java.util.Locale;

/** The training cells side by side on communication time and bytes, and on time to the accuracy target. */
final class CommunicationSection implements Component {

    private final List<RunSummary> runs;

    CommunicationSection(List<RunSummary> runs) {
        this.runs = runs;
    }

    @Override
    public String html() {
        StringBuilder b = new StringBuilder();
        for (RunSummary run : runs) {
            List<CommunicationRows> rows = CommunicationRows.of(run.results().cells());
            if (rows.isEmpty()) continue;
            b.append("<section id=\"communication\">\n<h2>Communication and time to the target</h2>\n<p>")
                    .append("Time and bytes spent moving model state per repetition, as each strategy measured them: "
                            + "spark-allreduce and direct-allreduce differ only in this.")
                    .append("</p>\n<table class=\"matrix\">\n<tr><th>cell</th><th>strategy</th><th>communication s</th>"
                            + "<th>communication MB</th><th>time to target s</th><th>samples/s</th></tr>\n");
            for (CommunicationRows r : rows) {
                b.append("<tr><td>").append(escape(r.cell())).append("</td><td>").append(escape(r.strategy()))
                        .append("</td><td>").append(String.format(Locale.ROOT, "%.3f", r.communicationSeconds()))
                        .append("</td><td>").append(String.format(Locale.ROOT, "%.1f", r.communicationBytes() / 1e6))
                        .append("</td><td>").append(escape(r.timeToTarget()))
                        .append("</td><td>").append(NumberFormats.rate(r.samplesPerSecond())).append("</td></tr>\n");
            }
            b.append("</table>\n</section>\n");
        }
        return b.toString();
    }
}
