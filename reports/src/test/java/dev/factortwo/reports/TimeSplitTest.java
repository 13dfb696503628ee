package dev.factortwo.reports;

import dev.factortwo.model.CellAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellResult;
import dev.factortwo.reports.html.HtmlReport;
import dev.factortwo.reports.markdown.MarkdownSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the time goes: medians of the per-repetition figures, and the shares of the bare loop, digit for digit. */
class TimeSplitTest {

    private static CellResult fixtureCell(String workload, String tier, String state) {
        return Fixture.results().cells().stream().filter(c -> c.key().workload().equals(workload) && c.key().tier().equals(tier)
                && c.key().state().equals(state)).findFirst().orElseThrow();
    }

    private static CellResult withAttributes(CellResult c, Map<String, String> a) {
        return new CellResult(c.key(), c.spec(), c.status(), c.error(), c.repetitions(), c.samplesPerSecond(), c.inputSeconds(),
                c.computeSeconds(), c.acceleratorUtilization(), c.bytesRead(), c.fingerprint(), c.testAccuracy(), c.latency(),
                c.reproducibility(), c.io(), c.notes(), a);
    }

    @Test
    void mediansSkipNaNAndUnreadableEntriesAndAMissingKeyIsNaN() {
        assertEquals(0.20, TimeSplit.median("0.10,0.30,0.20"), 1e-12);
        assertEquals(0.45, TimeSplit.median("NaN,0.40,0.50"), 1e-12, "even count: mean of the middle two, NaN skipped");
        assertEquals(2.0, TimeSplit.median(" 1.0 , not reached ,3.0"), 1e-12);
        assertTrue(Double.isNaN(TimeSplit.median("NaN,NaN")));
        assertTrue(Double.isNaN(TimeSplit.median((String) null)));

        CellResult base = fixtureCell("infer", "memory", "spark");
        assertTrue(TimeSplit.of(base).isEmpty(), "no attributes, no split");
        TimeSplit only = TimeSplit.of(withAttributes(base, Map.of(CellAttribute.FIRST_ROUND_SECONDS.key(), "2.0,4.0,3.0,NaN"))).orElseThrow();
        assertEquals(3.0, only.firstRoundSeconds(), 1e-12);
        assertTrue(Double.isNaN(only.setupSeconds()) && Double.isNaN(only.steadySamplesPerSecond()), only.toString());
        assertTrue(TimeSplit.of(CellResult.failed(base.key(), base.spec(), "boom")).isEmpty());
    }

    @Test
    void theFixtureSplitIsTheMedianOfEachFigure() {
        TimeSplit s = TimeSplit.of(fixtureCell("train-mlp", "memory", "spark")).orElseThrow();
        assertEquals(new TimeSplit(0.0402, 0.3250, 0.2445, 0.0598, 12269.9, 0.861), s);
    }

    @Test
    void sharesOfTheBareLoopAreSteadyAndEndToEndMediansOverTheBareMean() {
        RunSummary run = RunSummary.all(ReportInput.of(BareReferenceTest.withBare(20000, 20000, 20000))).get(0);
        TimeSplitTable t = TimeSplitTable.of(run);
        assertEquals(5, t.rows().size());
        assertEquals(7, t.leftOut(), "12 cells besides the bare reference, 5 with a split");
        assertTrue(t.rows().stream().noneMatch(r -> r.cell().key().bare()), "the bare loop is the reference, not a row");
        TimeSplitTable.Row local = t.rows().get(1);
        assertEquals("train-mlp · memory · local · single · cpu", local.label());
        assertEquals(18181.8 / 20000, local.steadyOfBare(), 1e-12);
        assertEquals(12400.0 / 20000, local.endToEndOfBare(), 1e-12, "median of 12,300 12,500 12,400 over the bare mean");
        assertEquals(List.of("train-mlp · memory · local · single · cpu", "20.5 ms", "299 ms", "165 ms", "12.1 ms", "18,182", "94%",
                "12,400", "91%", "62%"), t.texts(local));
        assertEquals(List.of("49%"), t.texts(t.rows().get(0)).subList(9, 10), "9,850 of 20,000 end to end");
        TimeSplitTable.Row cnn = t.rows().get(3);
        assertTrue(Double.isNaN(cnn.endToEndOfBare()), "no bare reference for train-cnn");
        assertEquals(List.of("-", "-"), t.texts(cnn).subList(8, 10));

        String md = new MarkdownSummary().render(ReportInput.of(BareReferenceTest.withBare(20000, 20000, 20000)));
        assertTrue(md.contains("| train-mlp · memory · local · single · cpu | 20.5 ms | 299 ms | 165 ms | 12.1 ms | 18,182 | 94% "
                + "| 12,400 | 91% | 62% |"), md);
        assertTrue(md.contains("so its mean is already its steady figure"), "the footnote on steady % of bare");
        assertFalse(md.contains("No % of bare"), md);
        String html = new HtmlReport().render(ReportInput.of(BareReferenceTest.withBare(20000, 20000, 20000)));
        assertTrue(html.contains("<tr><td>train-mlp · memory · local · single · cpu</td><td class=\"num\">20.5 ms</td>"
                + "<td class=\"num\">299 ms</td><td class=\"num\">165 ms</td><td class=\"num\">12.1 ms</td><td class=\"num\">18,182</td>"
                + "<td class=\"num\">94%</td><td class=\"num\">12,400</td><td class=\"num\">91%</td><td class=\"num\">62%</td></tr>"),
                "the html row");
    }

    @Test
    void withoutABareReferenceThePercentColumnsAreLeftOutAndTheReportSaysWhy() {
        String md = new MarkdownSummary().render(ReportInput.of(Fixture.results()));
        assertTrue(md.contains("| cell | set-up | first round | steady round (mean) | Spark overhead per round | steady samples/s "
                + "| steady AU | end-to-end samples/s |\n"), md);
        assertTrue(md.contains("No % of bare: this run measured no bare reference"), md);
        assertTrue(md.contains("7 of 12 cells are left out: they recorded no per-round times"), md);
        String html = new HtmlReport().render(ReportInput.of(Fixture.results()));
        String section = html.substring(html.indexOf("<section id=\"time-split-0\">"), html.indexOf("</section>", html.indexOf("<section id=\"time-split-0\">")));
        assertFalse(section.contains("% of bare</th>"), section);
        assertTrue(section.contains("No % of bare"), section);
        assertTrue(section.contains("<td class=\"num\">3.95 s</td><td class=\"num\">-</td>"), "one round: no steady figures");
    }

    @Test
    void resultsWithoutASplitHaveNoSection() {
        var old = Fixture.results();
        for (CellResult c : List.copyOf(old.cells())) {
            if (TimeSplit.of(c).isPresent()) old = old.with(withAttributes(c, Map.of()));
        }
        assertFalse(new MarkdownSummary().render(ReportInput.of(old)).contains("Where the time goes"));
        assertFalse(new HtmlReport().render(ReportInput.of(old)).contains("time-split"));
    }
}
