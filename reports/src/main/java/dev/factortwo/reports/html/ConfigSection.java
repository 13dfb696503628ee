package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import dev.factortwo.reports.RunSummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The suite configuration of each run, as flags and values. */
final class ConfigSection implements Component {

    private final List<RunSummary> runs;

    ConfigSection(List<RunSummary> runs) {
        this.runs = runs;
    }

    @Override
    public String html() {
        StringBuilder b = new StringBuilder("<section id=\"config\">\n<h2>Suite configuration</h2>\n<div class=\"grid\">\n");
        for (RunSummary run : runs) {
            b.append("<div class=\"kv\"><h3>").append(escape(runs.size() > 1 ? "Run " + (run.index() + 1) + ": " + run.name() : run.name()))
                    .append("</h3>\n<table>\n");
            Map<String, String> config = new TreeMap<>(run.results().config());
            if (config.isEmpty()) EnvironmentSection.row(b, "configuration", "not recorded");
            for (Map.Entry<String, String> e : config.entrySet()) EnvironmentSection.row(b, e.getKey(), e.getValue());
            b.append("</table></div>\n");
        }
        b.append("</div>\n</section>\n");
        return b.toString();
    }
}
