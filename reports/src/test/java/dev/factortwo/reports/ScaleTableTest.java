package dev.factortwo.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Results;
import dev.factortwo.model.stats.Statistics;
import dev.factortwo.reports.html.HtmlReport;
import dev.factortwo.reports.markdown.MarkdownSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scale section: utilization per number of accelerators per tier, the largest held at 90%, and the machine it ran on. */
class ScaleTableTest {

    /** A scale cell: 10 s repetitions with utilization {@code au[i]}, input {@code input} of the wall time, {@code cpu} cores busy. */
    static CellResult scaleCell(String tier, int n, double input, double cpu, double... au) {
        CellKey key = new CellKey("train-mlp", "synthetic", tier, "spark", "model-averaging", "tensorflow", "emulate:h100", n);
        List<Repetition> reps = new ArrayList<>();
        for (int i = 0; i < au.length; i++) reps.add(new Repetition(i, 1000, 10, 100, input * 10, au[i] * 10, 0, "sha256:00", Double.NaN, cpu * 10, 150));
        return new CellResult(key, new CellSpec(key, 1, 1, 64, 0.03, n, 0, 0, au.length, 0, 0), CellResult.Status.OK, null, reps,
                Statistics.standard().summarize(new double[] {100, 100.5, 99.5}, 0.95), input * 10, 9, 0.9, 0, "sha256:00", Double.NaN, null,
                null, List.of(), List.of(), Map.of());
    }

    /** The fixture's run (measured on 2 cores) with a sweep of 1, 2 and 4 emulated H100s on memory and on s3. */
    static Results withSweep() {
        Results r = Fixture.results();
        for (CellResult c : List.of(
                scaleCell("memory", 1, 0.01, 0.3, 0.97, 0.98, 0.97), scaleCell("memory", 2, 0.02, 0.6, 0.95, 0.96, 0.95),
                scaleCell("memory", 4, 0.05, 1.9, 0.70, 0.71, 0.72),
                scaleCell("s3", 1, 0.02, 0.2, 0.96, 0.97, 0.96), scaleCell("s3", 2, 0.40, 0.5, 0.55, 0.56, 0.57),
                scaleCell("s3", 4, 0.60, 0.6, 0.35, 0.36, 0.37))) {
            r = r.with(c);
        }
        return r;
    }

    @Test
    void oneRowPerTierWithUtilizationByNumberTheLargestHeldAndTheBound() {
        ScaleTable t = ScaleTable.of(RunSummary.all(ReportInput.of(withSweep())).get(0));
        assertEquals(2, t.curves().size(), "memory and s3");
        assertEquals(List.of(1, 2, 4), t.sweep());
        assertEquals(List.of("configuration", "AU at 1", "AU at 2", "AU at 4", "largest N at ≥ 90%", "bounded by"), t.headers());
        List<String> memory = t.texts(t.curves().get(0));
        assertEquals("train-mlp · memory · spark · model-averaging · emulate:h100", memory.get(0));
        assertTrue(memory.get(1).startsWith("0.97 [") && memory.get(1).endsWith("] ✓"), memory.toString());
        assertTrue(memory.get(3).endsWith("✗"), memory.toString());
        assertEquals(List.of("2", "CPU"), memory.subList(4, 6), "1.9 of 2 cores busy at 4");
        assertEquals(List.of("1", "tier"), t.texts(t.curves().get(1)).subList(4, 6), "input 40% of the time at 2, cores idle");
        assertTrue(t.sentences().get(0).contains("this machine's 2 cores ran out before the tier"), t.sentences().get(0));
        assertEquals("Measured on a machine with 2 cores; 4 workers outnumbered its cores, which an emulated accelerator allows: its"
                + " compute is a wait that leaves the cores idle, so only input and Spark compete for them.", t.machineText());
    }

    @Test
    void theHtmlAndTheMarkdownShowTheSectionOnlyWhenTheRunSweptAccelerators() {
        String html = new HtmlReport().render(ReportInput.of(withSweep()));
        int at = html.indexOf("<section id=\"scale-0\">");
        assertTrue(at > 0, "the section is there");
        String section = html.substring(at, html.indexOf("</section>", at));
        assertTrue(section.contains("<h2>How many accelerators each tier feeds</h2>"), section);
        assertTrue(section.contains("<tr><td>train-mlp · s3 · spark · model-averaging · emulate:h100</td>"), section);
        assertTrue(section.contains("Measured on a machine with 2 cores"), section);
        String md = new MarkdownSummary().render(ReportInput.of(withSweep()));
        assertTrue(md.contains("### How many accelerators each tier feeds"), md);
        assertTrue(md.contains("| configuration | AU at 1 | AU at 2 | AU at 4 | largest N at ≥ 90% | bounded by |\n|---|--:|--:|--:|--:|--:|\n"), md);
        assertTrue(md.contains("| train-mlp · s3 · spark · model-averaging · emulate:h100 |"), md);

        assertFalse(new HtmlReport().render(ReportInput.of(Fixture.results())).contains("scale-0"), "no scale cells, no section");
        assertFalse(new MarkdownSummary().render(ReportInput.of(Fixture.results())).contains("accelerators each tier feeds"));
    }
}
