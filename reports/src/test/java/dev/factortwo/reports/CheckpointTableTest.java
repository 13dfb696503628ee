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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-tier checkpoint section and run's closing line: every checkpointed cell's figures, only in a run that has one. */
class CheckpointTableTest {

    /** A checkpointed local-sgd cell on {@code tier}: two repetitions' checkpoint attributes as run records them. */
    static CellResult cell(String tier, String written, String bytes, String writeSeconds, String writeGBps, String readSeconds,
                           String readGBps, String share) {
        CellKey key = new CellKey("train-mlp", "synthetic", tier, "local", "local-sgd-end", "tensorflow", "cpu", 0, "shards", 1, "mlp-32-16");
        List<Repetition> reps = List.of(new Repetition(0, 1000, 10, 100, 1, 9, 0, "sha256:00", 0.8),
                new Repetition(1, 1000, 10, 100, 1, 9, 0, "sha256:00", 0.8));
        return new CellResult(key, new CellSpec(key, 1, 3, 64, 0.03, 2, 0, 0, 2, 0, 0), CellResult.Status.OK, null, reps,
                Statistics.standard().summarize(new double[] {100, 100.5}, 0.95), 1, 9, 0.5, 0, "sha256:00", 0.8, null,
                null, List.of(), List.of(), Map.of(CellAttribute.CHECKPOINTS_WRITTEN.key(), written,
                        CellAttribute.CHECKPOINT_BYTES_WRITTEN.key(), bytes, CellAttribute.CHECKPOINT_WRITE_SECONDS.key(), writeSeconds,
                        CellAttribute.CHECKPOINT_WRITE_GBPS.key(), writeGBps, CellAttribute.CHECKPOINT_READ_SECONDS.key(), readSeconds,
                        CellAttribute.CHECKPOINT_READ_GBPS.key(), readGBps, CellAttribute.CHECKPOINT_SHARE.key(), share));
    }

    /** The fixture's run with checkpointed cells on memory and s3. */
    static Results withCheckpoints() {
        return Fixture.results()
                .with(cell("memory", "2,2", "400000000,400000000", "0.100000,0.300000", "4.0000,1.3333", "0.050000,0.050000", "4.0000,4.0000", "0.0100,0.0300"))
                .with(cell("s3", "2,2", "400000000,400000000", "2.000000,4.000000", "0.2000,0.1000", "1.000000,3.000000", "0.2000,0.0667", "0.2000,0.4000"));
    }

    @Test
    void eachCheckpointedCellHasItsTiersMediansPerRepetition() {
        CheckpointTable t = CheckpointTable.of(withCheckpoints());
        assertEquals(2, t.rows().size(), "memory and s3; the fixture's cells did not checkpoint");
        assertEquals(List.of("tier", "configuration", "checkpoints", "size of one", "write", "write GB/s", "read", "read GB/s",
                "share of training"), t.headers());
        assertEquals(List.of("memory", "train-mlp+mlp-32-16 · synthetic · local · local-sgd-end+checkpoint-every-1 · cpu", "2", "190.7 MiB",
                "200 ms", "2.67", "50.0 ms", "4.00", "2%"), t.texts(t.rows().get(0)));
        assertEquals(List.of("s3", "train-mlp+mlp-32-16 · synthetic · local · local-sgd-end+checkpoint-every-1 · cpu", "2", "190.7 MiB",
                "3.00 s", "0.15", "2.00 s", "0.13", "30%"), t.texts(t.rows().get(1)));
        assertEquals(Optional.of("checkpoints (medians per repetition, train-mlp+mlp-32-16 · synthetic · local · local-sgd-end+checkpoint-every-1 · cpu): "
                + "memory 2 × 190.7 MiB, written at 2.67 GB/s, read at 4.00 GB/s, 2% of training; "
                + "s3 2 × 190.7 MiB, written at 0.15 GB/s, read at 0.13 GB/s, 30% of training"), t.consoleLine());
        assertEquals(Optional.empty(), CheckpointTable.of(Fixture.results()).consoleLine(), "no checkpointed cell, no line");
    }

    @Test
    void theHtmlAndTheMarkdownShowTheSectionOnlyWhenARunCheckpointed() {
        String html = new HtmlReport().render(ReportInput.of(withCheckpoints()));
        int at = html.indexOf("<section id=\"checkpoints-0\">");
        assertTrue(at > 0, "the section is there");
        String section = html.substring(at, html.indexOf("</section>", at));
        assertTrue(section.contains("<h2>What checkpoints cost on each tier</h2>"), section);
        assertTrue(section.contains("<tr><td>s3</td><td>train-mlp+mlp-32-16 · synthetic · local · local-sgd-end+checkpoint-every-1 · cpu</td>"
                + "<td class=\"num\">2</td><td class=\"num\">190.7 MiB</td><td class=\"num\">3.00 s</td><td class=\"num\">0.15</td>"), section);
        String md = new MarkdownSummary().render(ReportInput.of(withCheckpoints()));
        assertTrue(md.contains("### What checkpoints cost on each tier"), md);
        assertTrue(md.contains("| tier | configuration | checkpoints | size of one | write | write GB/s | read | read GB/s | share of training |\n"
                + "|---|---|--:|--:|--:|--:|--:|--:|--:|\n"), md);
        assertTrue(md.contains("| memory | train-mlp+mlp-32-16 · synthetic · local · local-sgd-end+checkpoint-every-1 · cpu | 2 | 190.7 MiB | 200 ms | 2.67 | 50.0 ms | 4.00 | 2% |\n"), md);

        assertFalse(new HtmlReport().render(ReportInput.of(Fixture.results())).contains("checkpoints-0"), "no checkpoints, no section");
        assertFalse(new MarkdownSummary().render(ReportInput.of(Fixture.results())).contains("What checkpoints cost"));
    }
}
