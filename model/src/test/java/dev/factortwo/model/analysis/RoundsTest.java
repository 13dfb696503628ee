package dev.factortwo.model.analysis;

import dev.factortwo.model.CellAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.Results;
import dev.factortwo.model.stats.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Merging one build's rounds of {@code compare}: repetitions, round means, per-repetition attributes, verdicts. */
class RoundsTest {

    private static final CellKey KEY = new CellKey("train-mlp", "synthetic", "memory", "spark", "single", "tensorflow", "cpu");

    static CellResult cell(String fingerprint, Reproducibility.Verdict verdict, Map<String, String> attrs, double... speeds) {
        CellSpec spec = new CellSpec(KEY, 42, 2, 64, 0.05, 2, 1000, 100, speeds.length, 0, 0);
        List<Repetition> reps = new ArrayList<>();
        for (int i = 0; i < speeds.length; i++) reps.add(new Repetition(i, 1000, 1000 / speeds[i], speeds[i], 0.1, 0.5, 10, fingerprint, 0.8));
        Reproducibility r = new Reproducibility(verdict, speeds.length, 0, 1e-6, List.of(), verdict == Reproducibility.Verdict.BITWISE, verdict.word());
        return new CellResult(KEY, spec, CellResult.Status.OK, null, reps, Statistics.standard().summarize(speeds, 0.95), 0.1, 0.5, 0.5, 10,
                fingerprint, 0.8, null, r, List.of(), List.of(), attrs);
    }

    static Results round(CellResult... cells) {
        return new Results(Results.SCHEMA_V1, "quick", "2026-12-01T00:00:00Z", null, Map.of("seed", "42"), List.of(cells));
    }

    @Test
    void repetitionsOfEveryRoundAreKeptAndEachRoundGetsItsMean() {
        Results merged = Rounds.merge(List.of(
                round(cell("sha256:aa", Reproducibility.Verdict.BITWISE, Map.of(CellAttribute.LOAD_AVERAGE.key(), "1.0,2.0", "optimizer", "sgd"), 100, 110)),
                round(cell("sha256:aa", Reproducibility.Verdict.BITWISE, Map.of(CellAttribute.LOAD_AVERAGE.key(), "3.0,4.0", "optimizer", "sgd"), 90, 94))));
        CellResult c = merged.cells().get(0);
        assertEquals(List.of(100.0, 110.0, 90.0, 94.0), c.samplesPerSecond().values());
        assertEquals(98.5, c.samplesPerSecond().mean(), 1e-12);
        assertEquals(List.of(0, 1, 2, 3), c.repetitions().stream().map(Repetition::index).toList());
        assertEquals("105.000,92.000", c.attributes().get(CellAttribute.ROUND_SAMPLES_PER_SECOND.key()));
        assertEquals("2", c.attributes().get(CellAttribute.ROUNDS.key()));
        assertEquals("1.0,2.0,3.0,4.0", c.attributes().get(CellAttribute.LOAD_AVERAGE.key()), "per-repetition attributes are concatenated");
        assertEquals("sgd", c.attributes().get("optimizer"), "others are the first round's");
        assertEquals(Reproducibility.Verdict.BITWISE, c.reproducibility().verdict());
        assertTrue(c.reproducibility().reproducible());
        assertEquals(4, c.reproducibility().runs());
        assertEquals("2", merged.config().get(CellAttribute.ROUNDS.key()));
    }

    @Test
    void roundsThatAreEachBitwiseButDisagreeAreDivergent() {
        Results merged = Rounds.merge(List.of(round(cell("sha256:aa", Reproducibility.Verdict.BITWISE, Map.of(), 100, 110)),
                round(cell("sha256:bb", Reproducibility.Verdict.BITWISE, Map.of(), 100, 110))));
        Reproducibility r = merged.cells().get(0).reproducibility();
        assertEquals(Reproducibility.Verdict.DIVERGENT, r.verdict());
        assertFalse(r.reproducible());
        assertTrue(r.explanation().contains("2 different fingerprints over 2 rounds"), r.explanation());
    }

    @Test
    void theFingerprintWordsAreCountedFromTheRounds() {
        Results same = Rounds.merge(List.of(round(cell("sha256:aa", Reproducibility.Verdict.BITWISE, Map.of(), 100, 110)),
                round(cell("sha256:aa", Reproducibility.Verdict.BITWISE, Map.of(), 100, 110))));
        assertTrue(same.cells().get(0).reproducibility().explanation().endsWith("(2 rounds in separate JVMs, one fingerprint)"),
                same.cells().get(0).reproducibility().explanation());
        // a round that was not bitwise on its own keeps its verdict, and the words must not claim one fingerprint
        Results differ = Rounds.merge(List.of(round(cell("sha256:aa", Reproducibility.Verdict.TOLERANCE, Map.of(), 100, 110)),
                round(cell("sha256:bb", Reproducibility.Verdict.BITWISE, Map.of(), 100, 110))));
        String words = differ.cells().get(0).reproducibility().explanation();
        assertTrue(words.endsWith("(2 rounds in separate JVMs, 2 different fingerprints)"), words);
    }

    @Test
    void theWorstRoundsVerdictWins() {
        Results merged = Rounds.merge(List.of(round(cell("sha256:aa", Reproducibility.Verdict.BITWISE, Map.of(), 100, 110)),
                round(cell("sha256:aa", Reproducibility.Verdict.TOLERANCE, Map.of(), 100, 110))));
        assertEquals(Reproducibility.Verdict.TOLERANCE, merged.cells().get(0).reproducibility().verdict());
        assertFalse(merged.cells().get(0).reproducibility().reproducible());
    }

    @Test
    void aCellThatFailedInAnyRoundFailsTheMergeNamingTheRound() {
        CellResult failed = CellResult.failed(KEY, null, "boom");
        Results merged = Rounds.merge(List.of(round(cell("sha256:aa", Reproducibility.Verdict.BITWISE, Map.of(), 100, 110)), round(failed),
                round(cell("sha256:aa", Reproducibility.Verdict.BITWISE, Map.of(), 90, 94))));
        CellResult c = merged.cells().get(0);
        assertFalse(c.ok(), "a cell that crashed in round 2 must not come out of the merge as a result over rounds 1 and 3");
        assertEquals("105.000,NaN,92.000", c.attributes().get(CellAttribute.ROUND_SAMPLES_PER_SECOND.key()));
        assertTrue(c.error().startsWith("failed or missing in round 2 of 3: boom"), c.error());
        assertTrue(c.repetitions().isEmpty());

        CellResult allFailed = Rounds.merge(List.of(round(failed), round(failed))).cells().get(0);
        assertFalse(allFailed.ok());
        assertEquals("NaN,NaN", allFailed.attributes().get(CellAttribute.ROUND_SAMPLES_PER_SECOND.key()));
    }

    @Test
    void roundsOfDifferentSuitesAreRefused() {
        Results other = new Results(Results.SCHEMA_V1, "other", "x", null, Map.of(), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rounds.merge(List.of(round(), other)));
        assertTrue(e.getMessage().contains("'other'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Rounds.merge(List.of()));
    }
}
