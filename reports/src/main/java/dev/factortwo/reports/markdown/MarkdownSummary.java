package dev.factortwo.reports.markdown;

import static dev.factortwo.reports.markdown.MarkdownText.escape;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import dev.factortwo.model.analysis.PriceOfReproducibility;
import dev.factortwo.reports.BaselineComparison;
import dev.factortwo.reports.CellLabel;
import dev.factortwo.reports.CellRow;
import dev.factortwo.reports.NumberFormats;
import dev.factortwo.reports.ReportFormat;
import dev.factortwo.reports.ReportInput;
import dev.factortwo.reports.RunSummary;
import dev.factortwo.reports.TimeSplitTable;
import dev.factortwo.reports.Verdict;
import dev.factortwo.reports.gate.GateOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The essentials of a report in GitHub-flavoured Markdown, for CI job summaries and pull-request
 * comments: the headline, the price of reproducibility per workload, one table row per cell, where each
 * training cell's time goes, what each storage format costs the input per tier (a run of several formats), what
 * checkpoints cost per tier (a run with {@code --checkpoint-every}), and the baseline comparison when there is one.
 * Every value from the results is escaped. Stateless.
 *
 * <pre>{@code
 * ReportWriter.write(ReportType.MARKDOWN, List.of(results), Optional.empty(), Path.of("target/summary.md")); // reports.output
 * }</pre>
 */
public final class MarkdownSummary implements ReportFormat {


    @Override
    public String render(ReportInput input) {
        StringBuilder md = new StringBuilder();
        for (RunSummary run : RunSummary.all(input)) {
            headline(md, run);
            prices(md, run);
            cells(md, run, input.severalRuns());
            runsToTrust(md, run);
            communication(md, run);
            timeSplit(md, run);
            scale(md, run);
            formats(md, run);
            checkpoints(md, run);
            if (input.baseline().isPresent()) baseline(md, run, input.baseline().get(), input.rule());
        }
        legend(md);
        return md.toString();
    }

    private static void headline(StringBuilder md, RunSummary run) {
        md.append("## factortwo: ").append(escape(run.name())).append("\n\n");
        md.append("**Is reproducibility worth it here?** ").append(escape(run.answer())).append("\n\n");
        md.append("- **What ran:** ").append(escape(run.what())).append("\n");
        md.append("- **Where:** ").append(escape(run.where())).append("\n\n");
    }

    private static void prices(StringBuilder md, RunSummary run) {
        md.append("### Price of reproducibility\n\n");
        md.append("| workload | price | in words | fastest | fastest recomputable |\n");
        md.append("|---|---|---|---|---|\n");
        for (PriceOfReproducibility p : run.prices()) {
            md.append("| ").append(escape(p.workload()))
                    .append(" | ").append(p.known() ? "**" + escape(PriceOfReproducibility.format(p.price())) + "**" : "-")
                    .append(" | ").append(escape(p.sentence()))
                    .append(" | ").append(describe(p.fastest()))
                    .append(" | ").append(describe(p.fastestReproducible())).append(p.tied() ? ", **ties for fastest**" : "")
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void runsToTrust(StringBuilder md, RunSummary run) {
        java.util.List<dev.factortwo.model.analysis.RunsToTrust> rows = dev.factortwo.model.analysis.RunsToTrust.all(run.results().cells());
        if (rows.isEmpty()) return;
        md.append("### Time to a trustworthy result\n\n").append(escape(dev.factortwo.reports.RunsToTrustText.explanation())).append("\n\n");
        md.append("| cell | repeats | accuracy sd | runs to trust | seconds to trust |\n|---|---|--:|--:|--:|\n");
        for (var r : rows) {
            md.append("| ").append(escape(r.cell())).append(" | ").append(r.bitwise() ? "bitwise" : "differ")
                    .append(" | ").append(String.format("%.4f", r.accuracySd())).append(" | ").append(r.runsForAccuracy())
                    .append(" | ").append(String.format("%.1f", r.secondsToTrust())).append(" |\n");
        }
        md.append('\n');
        for (var e : dev.factortwo.model.analysis.RunsToTrust.priceOnTimeToTrust(rows).entrySet()) {
            md.append("- ").append(escape(dev.factortwo.reports.RunsToTrustText.price(e.getKey(), e.getValue()))).append('\n');
        }
        md.append('\n');
    }

    private static void communication(StringBuilder md, RunSummary run) {
        java.util.List<dev.factortwo.reports.CommunicationRows> rows = dev.factortwo.reports.CommunicationRows.of(run.results().cells());
        if (rows.isEmpty()) return;
        md.append("### Communication and time to the target\n\n");
        md.append("| cell | strategy | communication s | communication MB | time to target s | samples/s |\n|---|---|--:|--:|--:|--:|\n");
        for (var r : rows) {
            md.append("| ").append(escape(r.cell())).append(" | ").append(escape(r.strategy()))
                    .append(" | ").append(String.format(java.util.Locale.ROOT, "%.3f", r.communicationSeconds()))
                    .append(" | ").append(String.format(java.util.Locale.ROOT, "%.1f", r.communicationBytes() / 1e6))
                    .append(" | ").append(escape(r.timeToTarget()))
                    .append(" | ").append(NumberFormats.rate(r.samplesPerSecond())).append(" |\n");
        }
        md.append('\n');
    }

    private static void timeSplit(StringBuilder md, RunSummary run) {
        TimeSplitTable t = TimeSplitTable.of(run);
        if (t.rows().isEmpty()) return;
        md.append("### Where the time goes\n\n").append(escape(TimeSplitTable.explanation())).append("\n\n");
        List<String> headers = t.headers();
        md.append("| ").append(String.join(" | ", headers.stream().map(MarkdownText::escape).toList())).append(" |\n|---|")
                .append("--:|".repeat(headers.size() - 1)).append('\n');
        for (TimeSplitTable.Row r : t.rows()) {
            md.append("| ").append(String.join(" | ", t.texts(r).stream().map(MarkdownText::escape).toList())).append(" |\n");
        }
        md.append('\n').append(escape(t.noBare() ? t.noBareText() : TimeSplitTable.bareFootnote())).append('\n');
        if (t.leftOut() > 0) md.append('\n').append(escape(t.leftOutText())).append('\n');
        md.append('\n');
    }

    private static void scale(StringBuilder md, RunSummary run) {
        dev.factortwo.reports.ScaleTable t = dev.factortwo.reports.ScaleTable.of(run);
        if (t.curves().isEmpty()) return;
        md.append("### How many accelerators each tier feeds\n\n").append(escape(dev.factortwo.reports.ScaleTable.explanation())).append("\n\n");
        List<String> headers = t.headers();
        md.append("| ").append(String.join(" | ", headers.stream().map(MarkdownText::escape).toList())).append(" |\n|---|")
                .append("--:|".repeat(headers.size() - 1)).append('\n');
        for (var c : t.curves()) {
            md.append("| ").append(String.join(" | ", t.texts(c).stream().map(MarkdownText::escape).toList())).append(" |\n");
        }
        md.append('\n');
        for (String s : t.sentences()) md.append("- ").append(escape(s)).append('\n');
        if (!t.machineText().isEmpty()) md.append('\n').append(escape(t.machineText())).append('\n');
        md.append('\n');
    }

    private static void formats(StringBuilder md, RunSummary run) {
        textTable(md, "What the format costs on each tier", dev.factortwo.reports.FormatTable.explanation(),
                dev.factortwo.reports.FormatTable.of(run).text());
    }

    private static void checkpoints(StringBuilder md, RunSummary run) {
        textTable(md, "What checkpoints cost on each tier", dev.factortwo.reports.CheckpointTable.explanation(),
                dev.factortwo.reports.CheckpointTable.of(run).text());
    }

    /** A section of {@code t} under {@code title}, its first two columns words, the rest figures; nothing without rows. */
    private static void textTable(StringBuilder md, String title, String explanation, dev.factortwo.reports.TextTable t) {
        if (t.rows().isEmpty()) return;
        md.append("### ").append(title).append("\n\n").append(escape(explanation)).append("\n\n");
        List<String> headers = t.headers();
        md.append("| ").append(String.join(" | ", headers.stream().map(MarkdownText::escape).toList())).append(" |\n|---|---|")
                .append("--:|".repeat(headers.size() - 2)).append('\n');
        for (List<String> texts : t.rows()) {
            md.append("| ").append(String.join(" | ", texts.stream().map(MarkdownText::escape).toList())).append(" |\n");
        }
        md.append('\n');
    }

    private static String describe(CellResult cell) {
        if (cell == null) return "-";
        return escape(CellLabel.withinWorkload(cell.key())) + ", " + NumberFormats.rate(cell.samplesPerSecond().mean())
                + " samples/s (" + escape(Verdict.of(cell).label()) + ")";
    }

    private static void cells(StringBuilder md, RunSummary run, boolean severalRuns) {
        md.append("### Cells\n\n");
        if (!run.overheads().isEmpty()) {
            md.append("The engine's limit, measured in the same run (a bare TensorFlow loop, no Spark, no storage):\n\n");
            for (String o : run.overheads()) md.append("- ").append(escape(o)).append('\n');
            md.append('\n');
        }
        md.append("| workload | dataset | tier | state | strategy | engine | device | samples/s ± 95% CI | % of fastest "
                + "| AU | p99 step | accuracy | reproducibility |\n");
        md.append("|---|---|---|---|---|---|---|--:|--:|--:|--:|--:|---|\n");
        for (CellRow row : run.rows()) {
            CellKey k = row.cell().key();
            md.append("| ").append(escape(k.workload()))
                    .append(" | ").append(escape(k.dataset()))
                    .append(" | ").append(escape(k.tier())).append(row.cached().isPresent() ? " (cache)" : "")
                    .append(" | ").append(escape(k.state()))
                    .append(" | ").append(escape(k.strategy()))
                    .append(" | ").append(escape(k.engine()))
                    .append(" | ").append(escape(k.deviceLabel()))
                    .append(row.emulated().map(e -> " (emulated " + escape(e) + (row.estimate() ? ", estimate" : "") + ")").orElse(""));
            if (!row.cell().ok()) {
                md.append(" | **failed**: ").append(escape(row.cell().error())).append(" | - | - | - | - | ")
                        .append(badge(row.verdict())).append(" |\n");
                continue;
            }
            md.append(" | ").append(row.throughputText())
                    .append(row.noisy() ? " ⚠️ " + escape(row.noisyText()) : "")
                    .append(" | ").append(row.fastest() ? (row.tiedForFastest() ? "**" + row.relativeText() + " (tied for fastest)**" : "**100% (fastest)**") + (Double.isFinite(row.relativeToBare())
                            ? ", " + NumberFormats.percent(row.relativeToBare()) + " of bare" : "") : escape(row.relativeWithBareText()))
                    .append(" | ").append(row.utilizationText())
                    .append(" | ").append(row.p99Text())
                    .append(" | ").append(row.accuracyText())
                    .append(" | ").append(badge(row.verdict()))
                    .append(" |\n");
        }
        md.append('\n');
        boolean anyNotes = run.rows().stream().anyMatch(r -> !r.cell().notes().isEmpty());
        if (anyNotes) {
            md.append("#### Notes on the cells\n\n");
            for (CellRow row : run.rows()) {
                for (String n : row.cell().notes()) md.append("- ").append(escape(row.cell().key().id())).append(": ").append(escape(n)).append('\n');
            }
            md.append('\n');
        }
    }

    private static void baseline(StringBuilder md, RunSummary run, Results baseline, GateOptions rule) {
        md.append("### Against the baseline (").append(escape(baseline.suite())).append(", ")
                .append(escape(baseline.createdAt())).append(")\n\n");
        md.append("Ratio is ").append(escape(BaselineComparison.rule(rule))).append(".\n\n");
        md.append("| cell | now / baseline [").append(NumberFormats.percent(rule.confidence()))
                .append(" CI] | adjusted p | change | reproducibility |\n");
        md.append("|---|--:|--:|---|---|\n");
        for (CellRow row : run.rows()) {
            md.append("| ").append(escape(CellLabel.full(row.cell().key()))).append(" | ");
            Optional<BaselineComparison> cmp = row.baseline();
            if (cmp.isEmpty()) {
                md.append("- | - | ").append(row.cell().ok() ? "not comparable (missing or failed in the baseline)" : "failed now")
                        .append(" | ").append(badge(row.verdict())).append(" |\n");
                continue;
            }
            BaselineComparison c = cmp.get();
            md.append(escape(c.ratioText())).append(" | ").append(NumberFormats.pValue(c.pValue())).append(" | ")
                    .append(c.significant() ? "**" + c.direction() + "**" : c.direction()).append(" | ")
                    .append(c.verdictChanged() ? badge(c.before()) + " → " + badge(c.after()) : badge(c.after()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void legend(StringBuilder md) {
        md.append("Price of reproducibility: throughput of the fastest configuration divided by that of the fastest "
                + "recomputable one (95% interval: paired by pass when both were measured in one run, widened to cover which configurations are fastest); 1.00x means reproducibility is free. A recomputable configuration "
                + "not significantly slower than the fastest (one-sided t-test at 5%, paired by pass when both were measured in one run, the rule of the fastest column) "
                + "ties for fastest; the words still follow the interval. ");
        md.append("Reproducibility: ");
        Verdict[] all = Verdict.values();
        for (int i = all.length - 1; i >= 0; i--) {
            md.append(badge(all[i])).append(" = ").append(escape(all[i].meaning())).append(i > 0 ? "; " : ".\n");
        }
    }

    private static String badge(Verdict v) {
        String mark = switch (v) {
            case RECOMPUTABLE -> "🟢";
            case REPEATS_ONLY, FAULT_MISSED, BITWISE_NOT_FAULT_PROOF, TOLERANCE -> "🟡";
            case DIVERGENT -> "🔴";
            case NOT_CHECKED, EMULATED -> "⚪";
            case FAILED -> "⛔";
        };
        return mark + " " + escape(v.label());
    }
}
