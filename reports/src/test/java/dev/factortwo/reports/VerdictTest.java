package dev.factortwo.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.HistogramCodec;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.Interval;
import dev.factortwo.model.stats.Statistics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Badges say exactly what was checked: no green without a fault that hit, none for emulated compute. */
class VerdictTest {

    static CellResult cell(String device, Reproducibility.Verdict verdict, boolean reproducible, List<FaultOutcome> faults, List<String> notes) {
        CellKey key = new CellKey("train-mlp", "synthetic", "memory", "spark", "model-averaging", "tensorflow", device);
        CellSpec spec = new CellSpec(key, 42, 2, 64, 0.03, 2, 3000, 1000, 2, 5, 0);
        Reproducibility r = new Reproducibility(verdict, 2, 0, 1e-6, faults, reproducible, "two runs");
        return new CellResult(key, spec, CellResult.Status.OK, null, List.of(), Statistics.standard().summarize(new double[] {100, 101}, 0.95),
                0.1, 0.5, 0.5, 0, "sha256:00", 0.8, HistogramCodec.summarize(HistogramCodec.newHistogram()), r, List.of(), notes, Map.of());
    }

    static FaultOutcome fault(FaultOutcome.Outcome outcome, Map<String, Long> evidence) {
        return new FaultOutcome("lost-cached-blocks", outcome, 0.4, 1000, "sha256:00", "words", evidence,
                new Interval(0.4, 0.1, 0.7, 0.95));
    }

    @Test
    void greenNeedsAFaultThatHitWithEvidence() {
        var hit = fault(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, Map.of("blocksRemoved", 2L, "bytesReread", 1000L));
        assertEquals(Verdict.RECOMPUTABLE, Verdict.of(cell("cpu", Reproducibility.Verdict.BITWISE, true, List.of(hit), List.of())));
        var noEvidence = fault(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, Map.of());
        assertEquals(Verdict.FAULT_MISSED, Verdict.of(cell("cpu", Reproducibility.Verdict.BITWISE, true, List.of(noEvidence), List.of())),
                "an identical result after a fault that recorded no evidence is not green");
        var missed = fault(FaultOutcome.Outcome.MISSED, Map.of("blocksRemoved", 0L));
        assertEquals(Verdict.FAULT_MISSED, Verdict.of(cell("cpu", Reproducibility.Verdict.BITWISE, false, List.of(hit, missed), List.of())));
        var broke = fault(FaultOutcome.Outcome.RECOMPUTED_DIFFERENT, Map.of("blocksRemoved", 2L));
        assertEquals(Verdict.BITWISE_NOT_FAULT_PROOF, Verdict.of(cell("cpu", Reproducibility.Verdict.BITWISE, false, List.of(missed, broke), List.of())));
    }

    @Test
    void noFaultMeansRepeatsOnlyAndEmulatedComputeIsNeverJudged() {
        var na = new FaultOutcome("executor-kill", FaultOutcome.Outcome.NOT_APPLICABLE, 0, 0, null, "executor-kill: not applicable: no cluster");
        assertEquals(Verdict.REPEATS_ONLY, Verdict.of(cell("cpu", Reproducibility.Verdict.BITWISE, true, List.of(), List.of())));
        assertEquals(Verdict.REPEATS_ONLY, Verdict.of(cell("cpu", Reproducibility.Verdict.BITWISE, true, List.of(na), List.of())));
        var hit = fault(FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, Map.of("blocksRemoved", 2L));
        assertEquals(Verdict.EMULATED, Verdict.of(cell("emulate:h100", Reproducibility.Verdict.BITWISE, true, List.of(hit), List.of())));
    }

    @Test
    void theTooltipShowsEvidenceTheRecoveryIntervalAndWhatWasNotInjected() {
        var within = new FaultOutcome("cold-store-outage", FaultOutcome.Outcome.MISSED, 0.1, 0, "sha256:00", "cold-store-outage: missed",
                Map.of("failedTaskAttempts", 0L), new Interval(0.1, -0.5, 0.7, 0.95));
        var na = new FaultOutcome("task-failure", FaultOutcome.Outcome.NOT_APPLICABLE, 0, 0, null, "task-failure: not applicable: MLlib runs its own jobs");
        String text = String.join("\n", Verdict.explain(cell("cpu", Reproducibility.Verdict.BITWISE, false, List.of(within, na), List.of())));
        assertTrue(text.contains("recovery within noise (0.1 s [-0.50, +0.70] s)"), text);
        assertTrue(text.contains("evidence: failedTaskAttempts 0"), text);
        assertTrue(text.contains("fault task-failure: not applicable (task-failure: not applicable: MLlib runs its own jobs)"), text);
    }

    @Test
    void rowsFlagCachesAndEstimates() {
        CellRow cached = new CellRow(0, cell("cpu", Reproducibility.Verdict.BITWISE, true, List.of(), List.of("served by a cache: epochs after the first read 0 bytes")),
                Verdict.REPEATS_ONLY, false, 1, java.util.Optional.empty(), Double.NaN);
        assertTrue(cached.cached().isPresent());
        CellRow estimate = new CellRow(0, cell("emulate:h100", Reproducibility.Verdict.NOT_CHECKED, false, List.of(),
                List.of("emulated h100: compute replaced by a wait (ESTIMATE, not a measurement)")), Verdict.EMULATED, false, 1, java.util.Optional.empty(), Double.NaN);
        assertTrue(estimate.estimate());
    }
}
