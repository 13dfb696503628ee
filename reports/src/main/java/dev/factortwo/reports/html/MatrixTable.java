package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import dev.factortwo.model.CellKey;
import dev.factortwo.reports.CellRow;
import dev.factortwo.reports.RunSummary;
import dev.factortwo.reports.Verdict;
import java.util.List;
import java.util.Locale;

/** One row per cell, sortable by clicking a header; failed cells are rows that show their error. */
final class MatrixTable implements Component {

    private final List<RunSummary> runs;
    private final boolean severalRuns;

    MatrixTable(List<RunSummary> runs, boolean severalRuns) {
        this.runs = runs;
        this.severalRuns = severalRuns;
    }

    @Override
    public String html() {
        StringBuilder b = new StringBuilder();
        b.append("<section id=\"matrix-section\">\n<h2>Every configuration</h2>\n");
        b.append("<p class=\"hint\">Click a column header to sort. Hover a reproducibility badge for the checks and faults behind it. "
                + "The bar under % of fastest compares each configuration with the fastest one of the same workload; "
                + "a configuration not significantly slower than it (one-sided t-test at 5%, paired by pass between cells of one run) is tagged as tied for fastest.</p>\n");
        List<String> overheads = runs.stream().flatMap(r -> r.overheads().stream()).toList();
        if (!overheads.isEmpty()) {
            b.append("<p class=\"hint\">The engine's limit, measured in the same run (a bare TensorFlow loop over prebuilt batches, "
                    + "no Spark, no storage; its row is marked <em>bare</em>):</p>\n<ul class=\"overheads\">");
            for (String o : overheads) b.append("<li>").append(escape(o)).append("</li>");
            b.append("</ul>\n");
        }
        b.append("<div class=\"table-wrap\"><table id=\"matrix\" class=\"sortable\">\n<thead><tr>");
        if (severalRuns) th(b, "run", "run", "which results file");
        th(b, "workload", "workload", null);
        th(b, "dataset", "dataset", null);
        th(b, "tier", "tier", "where the training data is read from");
        th(b, "state", "state", "spark: Spark manages model state; local: each worker keeps it");
        th(b, "strategy", "strategy", null);
        th(b, "engine", "engine", null);
        th(b, "device", "device", null);
        th(b, "rate", "samples/s ± 95% CI", "mean throughput over repetitions, with the half-width of its 95% confidence interval");
        th(b, "relative", "% of fastest", "throughput relative to the fastest configuration of the same workload");
        th(b, "au", "AU", "accelerator utilization: compute time / wall time");
        th(b, "p99", "p99 step", "99th percentile step latency");
        th(b, "accuracy", "accuracy", "held-out test accuracy (training only)");
        th(b, "verdict", "reproducibility", "can the result be recomputed bit for bit, also after faults?");
        b.append("</tr></thead>\n<tbody>\n");
        for (RunSummary run : runs) for (CellRow row : run.rows()) row(b, row);
        b.append("</tbody></table></div>\n");
        legend(b);
        notes(b);
        b.append("</section>\n");
        return b.toString();
    }

    private static void th(StringBuilder b, String key, String label, String title) {
        b.append("<th data-key=\"").append(key).append("\"").append(title == null ? "" : " title=\"" + escape(title) + "\"")
                .append(">").append(escape(label)).append("</th>");
    }

    private void row(StringBuilder b, CellRow row) {
        CellKey k = row.cell().key();
        String cls = (row.cell().ok() ? "" : "failed") + (row.fastest() ? " fastest" : "");
        b.append("<tr class=\"").append(cls.trim()).append("\" data-cell=\"").append(escape(k.id())).append("\"");
        if (severalRuns) attr(b, "run", String.valueOf(row.run() + 1));
        attr(b, "workload", k.workload());
        attr(b, "dataset", k.dataset());
        attr(b, "tier", k.tier());
        attr(b, "state", k.state());
        attr(b, "strategy", k.strategy());
        attr(b, "engine", k.engine());
        attr(b, "device", k.device());
        attr(b, "rate", number(row.mean()));
        attr(b, "relative", number(row.relativeToFastest()));
        attr(b, "au", number(row.cell().ok() ? row.cell().acceleratorUtilization() : Double.NaN));
        attr(b, "p99", number(row.p99Ms()));
        attr(b, "accuracy", number(row.cell().ok() ? row.cell().testAccuracy() : Double.NaN));
        attr(b, "verdict", String.valueOf(row.verdict().level()));
        b.append(">");
        if (severalRuns) td(b, String.valueOf(row.run() + 1));
        td(b, escape(k.workload()));
        td(b, escape(k.dataset()));
        td(b, escape(k.tier()) + Badges.cached(row));
        td(b, escape(k.state()));
        td(b, escape(k.strategy()));
        td(b, escape(k.engine()));
        td(b, escape(k.deviceLabel()) + Badges.emulated(row));
        if (!row.cell().ok()) {
            b.append("<td colspan=\"5\" class=\"error\"><strong>failed:</strong> ").append(escape(row.cell().error())).append("</td>");
        } else {
            b.append("<td class=\"num\">").append(escape(row.throughputText())).append(Badges.noisy(row)).append(Badges.fastest(row)).append("</td>");
            b.append("<td class=\"num\"><span class=\"rel\">").append(escape(row.relativeWithBareText()))
                    .append("</span><span class=\"relbar\"><span style=\"width:")
                    .append(String.format(Locale.ROOT, "%.1f", Math.min(100, 100 * row.relativeToFastest())))
                    .append("%\"></span></span></td>");
            b.append("<td class=\"num\">").append(row.utilizationText()).append("</td>");
            b.append("<td class=\"num\">").append(row.p99Text()).append("</td>");
            b.append("<td class=\"num\">").append(row.accuracyText()).append("</td>");
        }
        td(b, Badges.verdict(row));
        b.append("</tr>\n");
    }

    private static void legend(StringBuilder b) {
        b.append("<ul class=\"legend\">");
        Verdict[] all = Verdict.values();
        for (int i = all.length - 1; i >= 0; i--) {
            b.append("<li>").append(Badges.verdict(all[i], all[i].meaning())).append(" ").append(escape(all[i].meaning())).append("</li>");
        }
        b.append("<li><span class=\"tag emulated\">emulated</span> compute time modelled, not real hardware</li>");
        b.append("<li><span class=\"tag emulated\">emulated (estimate)</span> an emulation whose profile is an estimate, not a measurement</li>");
        b.append("<li><span class=\"tag cached\">cache</span> a cache served epochs after the first: they measure memory, not the store</li>");
        b.append("<li><span class=\"tag noisy\">noisy</span> repetitions vary by more than 10% (cv)</li>");
        b.append("</ul>\n");
    }

    /** Every cell's notes, as the run recorded them: how it was measured and what to keep in mind. */
    private void notes(StringBuilder b) {
        StringBuilder items = new StringBuilder();
        for (RunSummary run : runs) {
            for (CellRow row : run.rows()) {
                if (row.cell().notes().isEmpty()) continue;
                items.append("<dt>").append(escape(row.cell().key().id())).append("</dt>");
                for (String n : row.cell().notes()) items.append("<dd>").append(escape(n)).append("</dd>");
            }
        }
        if (items.length() == 0) return;
        b.append("<details class=\"notes\" open><summary>Notes on the cells</summary><dl>").append(items).append("</dl></details>\n");
    }

    private static void attr(StringBuilder b, String key, String value) {
        b.append(" data-").append(key).append("=\"").append(escape(value)).append("\"");
    }

    private static void td(StringBuilder b, String html) {
        b.append("<td>").append(html).append("</td>");
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}
