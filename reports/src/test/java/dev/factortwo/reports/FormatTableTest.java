package dev.factortwo.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Results;
import dev.factortwo.model.stats.Statistics;
import dev.factortwo.reports.html.HtmlReport;
import dev.factortwo.reports.markdown.MarkdownSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-format section: each Parquet cell beside its shards cell per tier, only in a run that has both. */
class FormatTableTest {

    /** A cell on {@code tier} in {@code format}: {@code input} and {@code compute} seconds a repetition, decode per repetition. */
    static CellResult cell(String tier, String format, double input, double compute, String decodeNanos, long tierBytes) {
        CellKey key = new CellKey("train-mlp", "synthetic", tier, "spark", "model-averaging", "tensorflow", "cpu", 0, format);
        List<Repetition> reps = List.of(new Repetition(0, 1000, 10, 100, input, compute, 0, "sha256:00", 0.8),
                new Repetition(1, 1000, 10, 100, input, compute, 0, "sha256:00", 0.8));
        return new CellResult(key, new CellSpec(key, 1, 1, 64, 0.03, 2, 0, 0, 2, 0, 0), CellResult.Status.OK, null, reps,
                Statistics.standard().summarize(new double[] {100, 100.5}, 0.95), input, compute, 0.5, 0, "sha256:00", 0.8, null,
                null, List.of(), List.of(), Map.of(CellAttribute.DECODE_NANOS_PER_SAMPLE.key(), decodeNanos,
                        CellAttribute.TIER_BYTES.key(), String.valueOf(tierBytes)));
    }

    /** The fixture's run with memory and s3 cells in both formats, and a Parquet cell on hdfs without its shards cell. */
    static Results withFormats() {
        Results r = Fixture.results();
        for (CellResult c : List.of(
                cell("memory", "shards", 1, 9, "1000,3000,2000", 2_000_000), cell("memory", "parquet", 2, 8, "5000,7000", 1_500_000),
                cell("s3", "shards", 3, 7, "20000", 2_000_000), cell("s3", "parquet", 5, 5, "NaN", 1_048_576),
                cell("hdfs", "parquet", 1, 1, "1", 1))) {
            r = r.with(c);
        }
        return r;
    }

    @Test
    void eachParquetCellStandsBesideItsShardsCellWithItsInputCosts() {
        FormatTable t = FormatTable.of(RunSummary.all(ReportInput.of(withFormats())).get(0));
        assertEquals(2, t.rows().size(), "memory and s3; hdfs has no shards cell to compare with");
        assertEquals(List.of("configuration", "format", "input share, shards", "input share, parquet", "µs a sample, shards",
                "µs a sample, parquet", "on the tier, shards", "on the tier, parquet"), t.headers());
        assertEquals(List.of("train-mlp · synthetic · memory · spark · model-averaging · cpu", "parquet", "10%", "20%", "2.00", "6.00",
                "1.9 MiB", "1.4 MiB"), t.texts(t.rows().get(0)), "medians over repetitions");
        assertEquals(List.of("train-mlp · synthetic · s3 · spark · model-averaging · cpu", "parquet", "30%", "50%", "20.00", "-",
                "1.9 MiB", "1.0 MiB"), t.texts(t.rows().get(1)), "a decode time not recorded is a dash");
    }

    @Test
    void theHtmlAndTheMarkdownShowTheSectionOnlyWhenARunHasBothFormats() {
        String html = new HtmlReport().render(ReportInput.of(withFormats()));
        int at = html.indexOf("<section id=\"formats-0\">");
        assertTrue(at > 0, "the section is there");
        String section = html.substring(at, html.indexOf("</section>", at));
        assertTrue(section.contains("<h2>What the format costs on each tier</h2>"), section);
        assertTrue(section.contains("<tr><td>train-mlp · synthetic · s3 · spark · model-averaging · cpu</td><td>parquet</td>"
                + "<td class=\"num\">30%</td><td class=\"num\">50%</td>"), section);
        String md = new MarkdownSummary().render(ReportInput.of(withFormats()));
        assertTrue(md.contains("### What the format costs on each tier"), md);
        assertTrue(md.contains("| configuration | format | input share, shards | input share, parquet | µs a sample, shards | µs a sample, parquet"
                + " | on the tier, shards | on the tier, parquet |\n|---|---|--:|--:|--:|--:|--:|--:|\n"), md);
        assertTrue(md.contains("| train-mlp · synthetic · memory · spark · model-averaging · cpu | parquet | 10% | 20% | 2.00 | 6.00 | 1.9 MiB | 1.4 MiB |\n"), md);

        assertFalse(new HtmlReport().render(ReportInput.of(Fixture.results())).contains("formats-0"), "one format, no section");
        assertFalse(new MarkdownSummary().render(ReportInput.of(Fixture.results())).contains("What the format costs"));
    }
}
