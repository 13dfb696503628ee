package dev.factortwo.reports.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.Results;
import dev.factortwo.reports.Fixture;
import dev.factortwo.reports.Golden;
import dev.factortwo.reports.ReportInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownSummaryTest {

    @Test
    void summaryMatchesGoldenFile() throws Exception {
        String md = new MarkdownSummary().render(new ReportInput(List.of(Fixture.results()), Optional.of(Fixture.baseline())));
        Golden.assertMatches(md, "summary.md");
    }

    @Test
    void summaryStatesThePriceAndOneRowPerCell() {
        Results results = Fixture.results();
        String md = new MarkdownSummary().render(ReportInput.of(results));
        assertTrue(md.contains("| train-mlp | **1.26x \\[1.23, 1.29\\]** |"), md);
        assertTrue(md.contains("reproducibility is free here"), md);
        assertTrue(md.contains("| **failed**: s3a://bench/fashion-mnist/shard-00003"), md);
        long rows = md.lines().filter(l -> l.startsWith("| ") && l.contains(" | tensorflow | ")).count();
        assertEquals(results.cells().size(), rows);
        // every table row has the header's number of columns: no unescaped pipe from data splits a row
        md.lines().filter(l -> l.contains(" | tensorflow | "))
                .forEach(l -> assertEquals(14, l.replace("\\|", "").chars().filter(c -> c == '|').count(), l));
    }

    @Test
    void hostileNamesAreShownAsText() {
        String md = new MarkdownSummary().render(ReportInput.of(Fixture.hostile()));
        assertFalse(md.contains("<script"), "raw <script in markdown");
        assertFalse(md.contains("<img"), "raw <img in markdown");
        assertFalse(md.contains("<b>"), "raw <b> in markdown");
        assertTrue(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), md);
        assertTrue(md.contains("\\| \\*bold\\* \\[link\\](http://evil) \\`code\\` \\# heading"), md);
        md.lines().filter(l -> l.contains(" | tensorflow | "))
                .forEach(l -> assertEquals(14, l.replace("\\|", "").chars().filter(c -> c == '|').count(), l));
    }

    @Test
    void writeCreatesTheFileAndRefusesADirectory(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("nested/summary.md");
        dev.factortwo.reports.output.ReportWriter.write(dev.factortwo.reports.output.ReportType.MARKDOWN, List.of(Fixture.results()), Optional.empty(), out);
        assertTrue(Files.readString(out).startsWith("## factortwo: quick on cpu, emulate:h100"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> dev.factortwo.reports.output.ReportWriter.write(dev.factortwo.reports.output.ReportType.MARKDOWN, List.of(Fixture.results()), Optional.empty(), dir));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }
}
