package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import dev.factortwo.model.analysis.RunsToTrust;
import dev.factortwo.reports.RunSummary;
import dev.factortwo.reports.RunsToTrustText;
import java.util.List;
import java.util.Map;

/** What non-determinism costs in practice: runs, and time, to a result that can be trusted. */
final class RunsToTrustSection implements Component {

    private final List<RunSummary> runs;

    RunsToTrustSection(List<RunSummary> runs) {
        this.runs = runs;
    }

    @Override
    public String html() {
        StringBuilder b = new StringBuilder();
        for (RunSummary run : runs) {
            List<RunsToTrust> rows = RunsToTrust.all(run.results().cells());
            if (rows.isEmpty()) continue;
            b.append("<section id=\"runs-to-trust\">\n<h2>Time to a trustworthy result</h2>\n<p>")
                    .append(escape(RunsToTrustText.explanation())).append("</p>\n<table class=\"matrix\">\n<tr><th>cell</th><th>repeats</th>"
                            + "<th>accuracy spread (sd)</th><th>runs to trust the accuracy</th><th>runs to see a 5% slowdown</th>"
                            + "<th>seconds per run</th><th>seconds to trust</th></tr>\n");
            for (RunsToTrust r : rows) {
                b.append("<tr><td>").append(escape(r.cell())).append("</td><td>").append(r.bitwise() ? "bitwise" : "differ")
                        .append("</td><td>").append(String.format("%.4f", r.accuracySd()))
                        .append("</td><td>").append(r.runsForAccuracy())
                        .append("</td><td>").append(r.runsForThroughput())
                        .append("</td><td>").append(String.format("%.2f", r.secondsPerRun()))
                        .append("</td><td>").append(String.format("%.1f", r.secondsToTrust())).append("</td></tr>\n");
            }
            b.append("</table>\n<p>");
            for (Map.Entry<String, Double> e : RunsToTrust.priceOnTimeToTrust(rows).entrySet()) {
                b.append(escape(RunsToTrustText.price(e.getKey(), e.getValue()))).append("<br>\n");
            }
            b.append("</p>\n</section>\n");
        }
        return b.toString();
    }
}
