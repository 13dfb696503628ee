package dev.factortwo.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import dev.factortwo.model.analysis.PriceOfReproducibility;
import dev.factortwo.reports.html.HtmlReport;
import dev.factortwo.reports.markdown.MarkdownSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Fastest" is claimed only where significant: a configuration not significantly slower than the best ties with it. */
class RankingTest {

    private static CellRow row(RunSummary run, String workload, String tier, String state) {
        return run.rows().stream().filter(r -> r.cell().key().workload().equals(workload) && r.cell().key().tier().equals(tier)
                && r.cell().key().state().equals(state)).findFirst().orElseThrow();
    }

    @Test
    void aNoisyConfigurationCloseToTheBestTiesAndAClearlySlowerOneDoesNot() {
        RunSummary run = RunSummary.all(ReportInput.of(Fixture.results())).get(0);
        CellRow best = row(run, "train-mlp", "memory", "local");       // 12,300 12,500 12,400
        CellRow noisy = row(run, "train-mlp", "hdfs", "local");        //  9,000 12,500 11,200: one-sided Welch p = 0.14
        CellRow slower = row(run, "train-mlp", "memory", "spark");     //  9,700  9,850  9,950: p < 0.001
        assertTrue(best.fastest() && !best.tiedForFastest());
        assertTrue(noisy.fastest() && noisy.tiedForFastest(), "noise must not pick the winner");
        assertFalse(slower.fastest());
        String md = new MarkdownSummary().render(ReportInput.of(Fixture.results()));
        assertTrue(md.contains("**88% (tied for fastest)**"), md);
    }

    @Test
    void aSingleMeasurementNeverTiesWithTheBest() {
        RunSummary run = RunSummary.all(ReportInput.of(Fixture.results())).get(0);
        List<CellRow> infer = run.rows().stream().filter(r -> r.cell().key().workload().equals("infer") && r.cell().ok()).toList();
        assertEquals(1, infer.stream().filter(CellRow::fastest).count(), "the 1-run hdfs cell and the slower s3 cell do not tie");
    }

    /** The fixture with the noisy train-mlp hdfs/local cell (tied for fastest) made recomputable. */
    static Results withTiedRecomputable() {
        Results r = Fixture.results();
        CellResult recomputable = r.cells().stream().filter(c -> c.key().workload().equals("train-mlp") && c.key().tier().equals("memory")
                && c.key().state().equals("spark")).findFirst().orElseThrow();
        CellResult noisy = r.cells().stream().filter(c -> c.key().workload().equals("train-mlp") && c.key().tier().equals("hdfs"))
                .findFirst().orElseThrow();
        return r.with(noisy.withReproducibility(recomputable.reproducibility()));
    }

    @Test
    void thePriceAndTheFastestColumnUseOneTieRule() {
        for (Results results : List.of(Fixture.results(), withTiedRecomputable())) {
            RunSummary run = RunSummary.all(ReportInput.of(results)).get(0);
            for (PriceOfReproducibility p : run.prices()) {
                if (!p.known() || p.fastestReproducible() == p.fastest()) continue;
                CellRow repro = run.rows().stream().filter(x -> x.cell() == p.fastestReproducible()).findFirst().orElseThrow();
                assertEquals(repro.fastest(), p.tied(), p.workload() + ": " + p.sentence());
            }
        }
        PriceOfReproducibility mlp = RunSummary.all(ReportInput.of(withTiedRecomputable())).get(0).prices().get(0);
        assertTrue(mlp.tied(), "the planted tie: " + mlp.sentence());
        assertTrue(mlp.sentence().startsWith("the fastest recomputable configuration (hdfs · local · single · cpu) ties for fastest "
                + "with memory · local · single · cpu"), mlp.sentence());
        String md = new MarkdownSummary().render(ReportInput.of(withTiedRecomputable()));
        assertTrue(md.contains("hdfs · local · single · cpu, 10,900 samples/s (recomputable), **ties for fastest** |"), md);
        String html = new HtmlReport().render(ReportInput.of(withTiedRecomputable()));
        assertTrue(html.contains("\">ties for fastest</span></dd>"), "the card marks the tie");
        assertTrue(html.contains("(price 1.14x, a tie for fastest)") || html.contains("\"price\":\"1.14x, a tie for fastest\""),
                "the chart data carries the tie");
        assertFalse(RunSummary.all(ReportInput.of(Fixture.results())).get(0).prices().get(0).tied(),
                "train-mlp's recomputable memory/spark cell is significantly slower: no tie");
    }
}
