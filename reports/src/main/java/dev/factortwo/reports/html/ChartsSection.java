package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The chart canvases and their captions; the page script draws into them from the embedded data.
 * Each canvas's id tells the script which chart it is: {@code chart-frontier}, {@code chart-throughput-N},
 * {@code chart-time}, {@code chart-latency-N}, {@code chart-faults}.
 */
final class ChartsSection implements Component {

    private final Map<String, Object> data;

    ChartsSection(Map<String, Object> data) {
        this.data = data;
    }

    @Override
    @SuppressWarnings("unchecked")
    public String html() {
        StringBuilder b = new StringBuilder("<section id=\"charts\">\n");
        b.append("<h2>Speed against reproducibility</h2>\n");
        b.append("<p class=\"hint\">Each point is one configuration: further right is faster (relative to the fastest of its workload), "
                + "higher is more reproducible. The dashed staircase is the frontier: the best speed available at each level of "
                + "reproducibility or above. The gap between the top step and 100% is the price of reproducibility.</p>\n");
        chart(b, "chart-frontier", null, 380, "wide");

        List<Map<String, Object>> throughput = (List<Map<String, Object>>) data.get("throughput");
        b.append("<h2>Throughput by storage tier and state</h2>\n");
        b.append("<p class=\"hint\">Bars are mean samples per second; whiskers are 95% confidence intervals. "
                + "The dot above each bar is its reproducibility badge colour.</p>\n<div class=\"grid\">\n");
        for (int i = 0; i < throughput.size(); i++) {
            chart(b, "chart-throughput-" + i, (String) throughput.get(i).get("group"), 300, "");
        }
        b.append("</div>\n");

        List<Object> timeLabels = (List<Object>) ((Map<String, Object>) data.get("time")).get("labels");
        b.append("<h2>Where the time goes</h2>\n<p class=\"hint\">Share of each configuration's wall time spent waiting for input, "
                + "computing on the device, and everything else (scheduling, synchronisation, state handling).</p>\n");
        chart(b, "chart-time", null, 60 + 26 * timeLabels.size(), "wide");

        List<Map<String, Object>> latency = (List<Map<String, Object>>) data.get("latency");
        b.append("<h2>Step latency</h2>\n<p class=\"hint\">Step latency at each percentile, from the recorded histograms "
                + "(log scales; the right end is the slowest step).</p>\n<div class=\"grid\">\n");
        for (int i = 0; i < latency.size(); i++) {
            chart(b, "chart-latency-" + i, (String) latency.get(i).get("group"), 300, "");
        }
        b.append("</div>\n");

        List<Object> faultLabels = (List<Object>) ((Map<String, Object>) data.get("faults")).get("labels");
        b.append("<h2>Fault recovery</h2>\n");
        if (faultLabels.isEmpty()) {
            b.append("<p class=\"hint\">No faults were injected in these runs.</p>\n");
        } else {
            b.append("<p class=\"hint\">Extra wall time each injected fault cost, coloured by what happened to the result.</p>\n");
            chart(b, "chart-faults", null, 60 + 26 * faultLabels.size(), "wide");
        }
        b.append("</section>\n");
        return b.toString();
    }

    private static void chart(StringBuilder b, String id, String title, int heightPx, String cls) {
        b.append("<figure class=\"chart ").append(cls).append("\">");
        if (title != null) b.append("<figcaption>").append(escape(title)).append("</figcaption>");
        b.append(String.format(Locale.ROOT, "<div class=\"canvas-box\" style=\"height:%dpx\"><canvas id=\"%s\"></canvas></div>", heightPx, id));
        b.append("</figure>\n");
    }
}
