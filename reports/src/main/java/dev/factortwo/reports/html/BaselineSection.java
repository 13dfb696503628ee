package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import dev.factortwo.model.Results;
import dev.factortwo.reports.BaselineComparison;
import dev.factortwo.reports.CellLabel;
import dev.factortwo.reports.CellRow;
import dev.factortwo.reports.NumberFormats;
import dev.factortwo.reports.RunSummary;
import dev.factortwo.reports.gate.GateOptions;
import java.util.List;
import java.util.Optional;

/**
 * Each cell against the same cell of the baseline: throughput ratio, its interval, the adjusted p-value and the
 * change as the gate's rule decides it ({@link BaselineComparison}), and any verdict change.
 */
final class BaselineSection implements Component {

    private final List<RunSummary> runs;
    private final Results baseline;
    private final GateOptions rule;

    BaselineSection(List<RunSummary> runs, Results baseline, GateOptions rule) {
        this.runs = runs;
        this.baseline = baseline;
        this.rule = rule;
    }

    @Override
    public String html() {
        StringBuilder b = new StringBuilder("<section id=\"baseline\">\n<h2>Against the baseline</h2>\n");
        b.append("<p class=\"hint\">Baseline: suite ").append(escape(baseline.suite())).append(", started ")
                .append(escape(baseline.createdAt()))
                .append(baseline.environment() == null ? "" : ", commit " + escape(baseline.environment().gitCommit()))
                .append(". Ratio is ").append(escape(BaselineComparison.rule(rule))).append(".</p>\n");
        b.append("<div class=\"table-wrap\"><table id=\"baseline-table\" class=\"sortable\">\n<thead><tr>")
                .append("<th data-key=\"cell\">configuration</th><th data-key=\"before\">baseline samples/s</th>")
                .append("<th data-key=\"now\">now samples/s</th><th data-key=\"ratio\">now / baseline</th>")
                .append("<th data-key=\"p\">adjusted p</th><th data-key=\"change\">change</th><th data-key=\"verdict\">reproducibility</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (RunSummary run : runs) {
            for (CellRow row : run.rows()) {
                String label = (runs.size() > 1 ? "run " + (run.index() + 1) + " · " : "") + CellLabel.full(row.cell().key());
                Optional<BaselineComparison> cmp = row.baseline();
                double beforeMean = baseline.cells().stream()
                        .filter(c -> c.key().equals(row.cell().key()) && c.ok() && c.samplesPerSecond() != null)
                        .mapToDouble(c -> c.samplesPerSecond().mean()).findFirst().orElse(Double.NaN);
                String before = NumberFormats.rate(beforeMean);
                if (cmp.isEmpty()) {
                    b.append("<tr class=\"nochange\" data-cell=\"").append(escape(label)).append("\" data-before=\"\" data-now=\"\" data-ratio=\"\" data-p=\"\" data-change=\"\" data-verdict=\"")
                            .append(row.verdict().level()).append("\"><td>").append(escape(label)).append("</td><td class=\"num\">").append(before)
                            .append("</td><td class=\"num\">").append(row.cell().ok() ? NumberFormats.rate(row.mean()) : "failed")
                            .append("</td><td colspan=\"3\">").append(row.cell().ok() ? "not comparable: missing or failed in the baseline" : "failed now")
                            .append("</td><td>").append(Badges.verdict(row)).append("</td></tr>\n");
                    continue;
                }
                BaselineComparison c = cmp.get();
                String cls = switch (c.decision().change()) {
                    case SLOWER -> "slower";
                    case FASTER -> "faster";
                    default -> "nochange";
                };
                b.append("<tr class=\"").append(cls).append("\" data-cell=\"").append(escape(label))
                        .append("\" data-before=\"").append(beforeMean).append("\" data-now=\"").append(row.mean()).append("\" data-ratio=\"").append(c.ratio().estimate())
                        .append("\" data-p=\"").append(c.pValue()).append("\" data-change=\"").append(escape(c.direction()))
                        .append("\" data-verdict=\"").append(row.verdict().level()).append("\">");
                b.append("<td>").append(escape(label)).append("</td>");
                b.append("<td class=\"num\">").append(before).append("</td>");
                b.append("<td class=\"num\">").append(NumberFormats.rate(row.mean())).append("</td>");
                b.append("<td class=\"num\">").append(escape(c.ratioText())).append("</td>");
                b.append("<td class=\"num\">").append(escape(NumberFormats.pValue(c.pValue()))).append("</td>");
                b.append("<td class=\"change\">").append(escape(c.direction())).append("</td>");
                b.append("<td>");
                if (c.verdictChanged()) {
                    b.append(Badges.verdict(c.before(), "baseline: " + c.before().meaning())).append(" → ");
                }
                b.append(Badges.verdict(row)).append("</td></tr>\n");
            }
        }
        b.append("</tbody></table></div>\n</section>\n");
        return b.toString();
    }
}
