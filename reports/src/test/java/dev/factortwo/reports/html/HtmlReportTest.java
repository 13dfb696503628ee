package dev.factortwo.reports.html;

import dev.factortwo.reports.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.reports.Fixture;
import dev.factortwo.reports.ReportInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    private static final Pattern SCRIPT_OPEN = Pattern.compile("<script\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"factortwo-data\">(.*?)</script>", Pattern.DOTALL);

    static String render() {
        return new HtmlReport().render(new ReportInput(List.of(Fixture.results()), Optional.of(Fixture.baseline())));
    }

    @Test
    void oneMatrixRowPerCellAndTheFailedCellShowsItsError() {
        String html = render();
        String tbody = html.substring(html.indexOf("<table id=\"matrix\""), html.indexOf("</table>", html.indexOf("<table id=\"matrix\"")));
        assertEquals(12, count(tbody, "<tr class="));
        assertEquals(1, count(tbody, "<tr class=\"failed\""));
        assertTrue(tbody.contains("<strong>failed:</strong> s3a://bench/fashion-mnist/shard-00003: checksum a1b2c3 expected 9f8e7d"), tbody);
        assertEquals(4, count(tbody, "<span class=\"tag fastest\""), "one fastest cell per workload, and one tied with it");
        assertEquals(1, count(tbody, "\">tied for fastest</span>"), "the noisy train-mlp cell is not significantly slower than the best");
        assertTrue(tbody.contains("<span class=\"tag emulated\""), "emulated accelerator marked");
        assertTrue(tbody.contains("<span class=\"tag noisy\" title=\"noisy: cv 16%"), "noisy cell marked");
    }

    @Test
    void headlineAnswersWithThePricePerWorkload() {
        String html = render();
        int at = html.indexOf("<p class=\"answer\">");
        assertTrue(html.contains("<strong>Is reproducibility worth it here?</strong> 2 of 3 workloads get a recomputable result"
                + " for less than Bottou&#39;s factor of two (largest price 2.00x [1.70, 2.30], train-cnn)."), html.substring(at, Math.min(html.length(), at + 600)));
        assertTrue(html.contains("<div class=\"price\">1.26x</div>"));
        assertTrue(html.contains("<div class=\"price\">2.00x</div>"));
        assertTrue(html.contains("<div class=\"price\">1.00x</div>"));
        assertTrue(html.contains("Reproducibility costs 1.26x [1.23, 1.29] in samples/s here: less than Bottou&#39;s factor of two."));
        assertTrue(html.contains("price of reproducibility, samples/s"), "results without per-repetition times are priced on throughput");
    }

    @Test
    void badgeTooltipListsTheFaults() {
        String html = render();
        assertTrue(html.contains("title=\"recomputable: bit-identical on every repeat, and recomputed identically after every fault, each with evidence that it hit&#10;"
                + "all 3 runs produced bit-identical weights&#10;repeat check: bitwise over 3 runs, max relative L2 difference 0.00&#10;"
                + "fault executor-kill: recomputed-identical, recovery 3.4 s (executor killed: partitions recomputed from local disk in 3.4 s, identical); evidence: bytesReread 1500000\""),
                "tooltip of train-cnn local-disk");
    }

    @Test
    void baselineComparisonHasRatioAndSignificance() {
        String html = render();
        String section = html.substring(html.indexOf("<section id=\"baseline\">"));
        assertTrue(section.contains("<td>train-mlp · memory · spark · single · cpu</td><td class=\"num\">9,145</td>"
                + "<td class=\"num\">9,833</td><td class=\"num\">1.08x [1.02, 1.13]</td><td class=\"num\">0.001</td>"
                + "<td class=\"change\">faster</td>"), section.substring(0, 3000));
        assertTrue(section.contains("<td class=\"change\">not significant</td>"));
    }

    @Test
    void chartDataIsEmbeddedAndParses() throws Exception {
        Matcher m = DATA.matcher(render());
        assertTrue(m.find());
        JsonNode data = ResultsCodec.mapper().readTree(m.group(1));
        assertEquals(12, data.get("cellCount").asInt());
        assertEquals(3, data.get("throughput").size());
        assertEquals(3, data.get("latency").size());
        assertEquals(9, data.get("faults").get("labels").size(), "every fault except the not-applicable one");
        // the frontier of train-mlp: recomputable at 79%, then the bitwise-but-not-fault-proof cell at 100%
        JsonNode line = data.get("frontier").get(0).get("line");
        assertEquals(79.3, line.get(0).get("x").asDouble(), 0.1);
        assertEquals(Verdict.RECOMPUTABLE.level(), line.get(0).get("y").asInt());
        JsonNode brokenByAFault = null;
        for (JsonNode point : line) if (point.get("y").asInt() == Verdict.BITWISE_NOT_FAULT_PROOF.level()) brokenByAFault = point;
        assertEquals(100.0, brokenByAFault.get("x").asDouble(), 1e-9, line.toString());
    }

    @Test
    void pageLoadsNothingFromTheNetwork() {
        String html = render();
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"));
        assertFalse(Pattern.compile("\\s(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html.replace(chartJs(), "")).find(),
                "no src or href attribute outside the inlined Chart.js");
        assertTrue(html.contains("Chart.js v4.5.1"), "Chart.js inlined");
        assertFalse(html.contains("sourceMappingURL"));
    }

    @Test
    void hostileNamesNeverBecomeMarkup() throws Exception {
        String html = new HtmlReport().render(ReportInput.of(Fixture.hostile()));
        String outsideChartJs = html.replace(chartJs(), "");
        assertFalse(outsideChartJs.contains("<script>alert"), "raw script tag from data");
        assertFalse(outsideChartJs.contains("<img"), "raw img tag from data");
        assertFalse(outsideChartJs.contains("<b>"), "raw b tag from data");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "dataset shown as text");
        // exactly the page's own four script elements, each closed once: no name ended one early
        assertEquals(4, SCRIPT_OPEN.matcher(outsideChartJs).results().count());
        assertEquals(4, count(outsideChartJs, "</script>"));
        Matcher m = DATA.matcher(html);
        assertTrue(m.find());
        JsonNode data = ResultsCodec.mapper().readTree(m.group(1));
        assertEquals("train-cnn</script><script>alert(2)</script>", data.get("throughput").get(1).get("group").asText(),
                "names survive the JSON escaping intact");
    }

    @Test
    void writeFailsFastOnAnUnwritablePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dev.factortwo.reports.output.ReportWriter.write(dev.factortwo.reports.output.ReportType.HTML, List.of(Fixture.results()), Optional.empty(), file.resolve("report.html")));
        assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
        Path ok = dir.resolve("out/report.html");
        dev.factortwo.reports.output.ReportWriter.write(dev.factortwo.reports.output.ReportType.HTML, List.of(Fixture.results()), Optional.empty(), ok);
        assertTrue(Files.size(ok) > 200_000, "chart.js inlined");
    }

    private static String chartJs() {
        return Html.inlineScript(HtmlReport.chartJs());
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
