package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import dev.factortwo.model.Environment;
import dev.factortwo.reports.NumberFormats;
import dev.factortwo.reports.RunSummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Where each run was measured, including every recorded nondeterminism knob. */
final class EnvironmentSection implements Component {

    private final List<RunSummary> runs;

    EnvironmentSection(List<RunSummary> runs) {
        this.runs = runs;
    }

    @Override
    public String html() {
        StringBuilder b = new StringBuilder("<section id=\"environment\">\n<h2>Environment</h2>\n<div class=\"grid\">\n");
        for (RunSummary run : runs) {
            Environment e = run.results().environment();
            b.append("<div class=\"kv\"><h3>").append(escape(runs.size() > 1 ? "Run " + (run.index() + 1) + ": " + run.name() : run.name()))
                    .append("</h3>\n<table>\n");
            if (e == null) {
                row(b, "environment", "not recorded");
            } else {
                row(b, "JDK", e.jdk());
                row(b, "OS", e.os());
                row(b, "CPU", e.cpuModel());
                row(b, "cores", String.valueOf(e.cores()));
                row(b, "memory", NumberFormats.bytes(e.memoryBytes()));
                row(b, "GPU", e.gpu());
                row(b, "TensorFlow", e.tensorflowVersion());
                row(b, "Spark", e.sparkVersion());
                row(b, "Hadoop", e.hadoopVersion());
                row(b, "TF intra-op threads", switch (e.intraOpSetting()) {
                case "workload" -> "workload (per cell: each model's measured choice)";
                case "auto" -> "auto (per cell: cores / tasks at once)";
                default -> e.intraOpSetting();
            });
                row(b, "TF inter-op threads", String.valueOf(e.tfInterOpThreads()));
                row(b, "TF_ENABLE_ONEDNN_OPTS", e.onednn());
                row(b, "git commit", e.gitCommit() + (e.gitDirty() ? " (uncommitted changes)" : ""));
                for (Map.Entry<String, String> x : new TreeMap<>(e.extra()).entrySet()) row(b, x.getKey(), x.getValue());
            }
            row(b, "started", run.results().createdAt());
            row(b, "schema", run.results().schema());
            b.append("</table></div>\n");
        }
        b.append("</div>\n</section>\n");
        return b.toString();
    }

    static void row(StringBuilder b, String key, String value) {
        b.append("<tr><th>").append(escape(key)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }
}
