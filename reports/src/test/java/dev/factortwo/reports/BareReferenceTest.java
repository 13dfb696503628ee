package dev.factortwo.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import dev.factortwo.model.stats.Statistics;
import dev.factortwo.reports.html.HtmlReport;
import dev.factortwo.reports.markdown.MarkdownSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bare reference is the engine's limit: shown against every cell, never ranked or priced as a configuration. */
class BareReferenceTest {

    /** The fixture's train-mlp/memory/local cell (12,400 samples/s) copied as a bare reference at {@code rates}. */
    static Results withBare(double... rates) {
        Results r = Fixture.results();
        CellResult c = r.cells().stream().filter(x -> x.key().workload().equals("train-mlp") && x.key().state().equals("local")
                && x.key().tier().equals("memory")).findFirst().orElseThrow();
        CellKey k = c.key();
        CellKey bare = new CellKey(k.workload(), k.dataset(), "memory", "none", CellKey.BARE_STRATEGY, k.engine(), k.device());
        CellResult b = new CellResult(bare, c.spec(), CellResult.Status.OK, null, c.repetitions(), Statistics.standard().summarize(rates, 0.95),
                c.inputSeconds(), c.computeSeconds(), c.acceleratorUtilization(), c.bytesRead(), c.fingerprint(), c.testAccuracy(),
                c.latency(), c.reproducibility(), c.io(), c.notes(), c.attributes());
        return r.with(b);
    }

    @Test
    void everyCellIsShownAsAShareOfTheBareLoopAndTheBareLoopIsNotTheFastest() {
        RunSummary run = RunSummary.all(ReportInput.of(withBare(20000, 20000, 20000))).get(0);
        CellRow bare = run.rows().stream().filter(x -> x.cell().key().bare()).findFirst().orElseThrow();
        assertFalse(bare.fastest(), "the limit is not a configuration");
        assertTrue(Double.isNaN(bare.relativeToFastest()));
        CellRow local = run.rows().stream().filter(x -> x.cell().key().workload().equals("train-mlp") && x.cell().key().state().equals("local")
                && x.cell().key().tier().equals("memory")).findFirst().orElseThrow();
        assertTrue(local.fastest(), "the fastest configuration is still the fastest cell");
        assertEquals(0.62, local.relativeToBare(), 1e-9);
        assertEquals("100%, 62% of bare", local.relativeWithBareText());
        CellRow cnn = run.rows().stream().filter(x -> x.cell().key().workload().equals("train-cnn")).findFirst().orElseThrow();
        assertTrue(Double.isNaN(cnn.relativeToBare()), "no bare reference for train-cnn in this run");
        assertEquals(List.of("train-mlp on fashion-mnist: bare loop 20,000 samples/s; the cells reach 46%-62% of it "
                + "(best: memory · local · single · cpu, harness overhead 38%)"), run.overheads());
        assertTrue(run.prices().stream().allMatch(p -> p.fastest() == null || !p.fastest().key().bare()));
    }

    @Test
    void reportsStateTheOverheadOnlyWhenThereIsABareReference() {
        String md = new MarkdownSummary().render(ReportInput.of(withBare(20000, 20000, 20000)));
        assertTrue(md.contains("- train-mlp on fashion-mnist: bare loop 20,000 samples/s"), md);
        assertTrue(md.contains("**100% (fastest)**, 62% of bare"), md);
        String noBare = TimeSplitTable.of(RunSummary.all(ReportInput.of(Fixture.results())).get(0)).noBareText();
        assertFalse(noBare.isEmpty());
        assertFalse(new MarkdownSummary().render(ReportInput.of(Fixture.results())).replace(noBare, "").contains("bare"),
                "no share of bare anywhere, only the line that says why");
        String html = new HtmlReport().render(ReportInput.of(withBare(20000, 20000, 20000)));
        assertTrue(html.contains("harness overhead 38%"), "overhead in the html");
    }
}
