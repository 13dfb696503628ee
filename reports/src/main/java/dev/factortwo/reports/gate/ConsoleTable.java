package dev.factortwo.reports.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The gate as a plain-text table for the terminal and CI logs: one row per check, the verdict last. */
public final class ConsoleTable implements GateFormat {

    private static final String[] HEAD = {"status", "check", "subject", "baseline", "candidate", "ratio [CI]", "p adj", "message"};

    @Override
    public String render(GateReport r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEAD);
        for (CheckResult c : r.checks()) {
            Numbers n = c.numbers();
            rows.add(new String[] {c.status().label().toUpperCase(Locale.ROOT), c.check().label(), c.subject(),
                    Cells.value(n.baseline()), Cells.value(n.candidate()), Cells.ratio(n, c.check()), Cells.p(n), c.message()});
        }
        int[] width = new int[HEAD.length - 1];
        for (String[] row : rows) {
            for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], row[i].length());
        }
        StringBuilder b = new StringBuilder();
        b.append("factortwo gate (").append(r.kind()).append(", suite ").append(r.suite()).append(")\n");
        b.append("  baseline:  ").append(r.baseline()).append('\n');
        b.append("  candidate: ").append(r.candidate()).append('\n');
        b.append("  ").append(GateMarkdown.optionsLine(r)).append("\n\n");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                line.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 2));
            }
            line.append(row[width.length]);
            b.append(line.toString().stripTrailing()).append('\n');
        }
        b.append('\n').append(r.verdict()).append('\n');
        return b.toString();
    }
}
