package dev.factortwo.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
