package dev.factortwo.reports.gate;

import dev.factortwo.model.ExitCode;
import java.util.List;
import java.util.Locale;

/**
 * The gate as GitHub-flavoured Markdown, for {@code $GITHUB_STEP_SUMMARY} or a pull-request comment:
 * the verdict, the failures and warnings first, every check in a collapsed section.
 */
public final class GateMarkdown implements GateFormat {

    @Override
    public String render(GateReport r) {
        StringBuilder b = new StringBuilder();
        boolean failed = r.exitCode() == ExitCode.REGRESSION;
        b.append("## factortwo gate: ").append(failed ? "❌ " : "✅ ").append(esc(r.verdict())).append("\n\n");
        b.append("Baseline `").append(r.baseline()).append("`, candidate `").append(r.candidate()).append("` (")
                .append(esc(r.kind())).append(", suite `").append(r.suite()).append("`).\n");
        b.append(esc(optionsLine(r))).append("\n\n");
        List<CheckResult> failures = r.withStatus(Status.FAIL);
        List<CheckResult> warnings = r.withStatus(Status.WARN);
        if (!failures.isEmpty()) table(b, "### Failures", failures);
        if (!warnings.isEmpty()) table(b, "### Warnings", warnings);
        b.append("<details><summary>All ").append(r.checks().size()).append(" checks</summary>\n\n");
        table(b, null, r.checks());
        b.append("</details>\n");
        return b.toString();
    }

    /** The options in one line, e.g. {@code max slowdown 5%, confidence 0.99, Holm, moderated t, ...}. */
    static String optionsLine(GateReport r) {
        GateOptions o = r.options();
        String prior = r.prior().degreesOfFreedom() > 0
                ? String.format(Locale.ROOT, " (noise prior: %.1f%% cv, %s df from %d cells)",
                Math.sqrt(r.prior().variance()) * 100, SlowdownTest.num(r.prior().degreesOfFreedom()), r.prior().groups())
                : "";
        return "Regression = slower than " + SlowdownTest.trim(o.maxSlowdown() * 100) + "% and significant at "
                + SlowdownTest.trim(o.alpha()) + " after " + (o.correction() == GateOptions.Correction.HOLM ? "Holm" : "Benjamini-Hochberg")
                + " correction; test " + o.test().name().toLowerCase(Locale.ROOT).replace('_', '-') + prior
                + "; accuracy drop limit " + SlowdownTest.trim(o.maxAccuracyDrop())
                + "; environment " + (o.strictEnvironment() ? "must match" : "change allowed") + ".";
    }

    private static void table(StringBuilder b, String title, List<CheckResult> rows) {
        if (title != null) b.append(title).append("\n\n");
        b.append("| status | check | subject | baseline | candidate | ratio [CI] | p adj | message |\n");
        b.append("|---|---|---|---:|---:|---|---:|---|\n");
        for (CheckResult c : rows) {
            Numbers n = c.numbers();
            b.append("| ").append(icon(c.status())).append(' ').append(c.status().label())
                    .append(" | ").append(c.check().label())
                    .append(" | `").append(c.subject().replace("`", "'")).append('`')
                    .append(" | ").append(Cells.value(n.baseline()))
                    .append(" | ").append(Cells.value(n.candidate()))
                    .append(" | ").append(Cells.ratio(n, c.check()))
                    .append(" | ").append(Cells.p(n))
                    .append(" | ").append(esc(c.message())).append(" |\n");
        }
        b.append('\n');
    }

    private static String icon(Status s) {
        return switch (s) {
            case PASS -> "✅";
            case INFO -> "ℹ️";
            case WARN -> "⚠️";
            case FAIL -> "❌";
        };
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("*", "\\*").replace("_", "\\_").replace("\n", " ");
    }
}
