package dev.factortwo.harness.strategy;

import dev.factortwo.model.CellAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.factortwo.model.analysis.PriceOfReproducibility;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingFiguresTest {

    /** One pass whose held-out accuracy after rounds 0 and 1 was {@code a0} and {@code a1}, at 0.1 s and {@code t1} s. */
    private static Trained pass(double a0, double t1, double a1) {
        return new Trained(null, null, List.of(), List.of(new Trained.AccuracyPoint(0, 0.1, a0), new Trained.AccuracyPoint(1, t1, a1)), 0, 0);
    }

    @Test
    void aRepetitionsTimeToTheTargetIsTheMeanOverItsPassesAndNotReachedWhenOneMissedIt() {
        List<List<Trained>> reps = List.of(
                List.of(pass(0.5, 0.2, 0.8), pass(0.5, 0.4, 0.8)),        // both passes reach 0.7 in round 1: 0.2 and 0.4 s
                List.of(pass(0.75, 0.3, 0.8), pass(0.5, 0.3, 0.6)));     // the second pass never does
        Map<String, String> a = TrainingFigures.of(reps, 0.7);
        assertEquals("0.3000,not reached", a.get(CellAttribute.TIME_TO_TARGET_BY_REPETITION.key()));
        assertEquals("1/2", a.get("targetReachedRepetitions"));
        assertEquals("0.5000,0.8000", a.get("accuracyByRound"), "the curve is the first repetition's first pass");
    }

    @Test
    void onePassPerRepetitionIsThatPass() {
        Map<String, String> a = TrainingFigures.of(List.of(List.of(pass(0.72, 0.2, 0.8))), 0.7);
        assertEquals("0.1000", a.get(CellAttribute.TIME_TO_TARGET_BY_REPETITION.key()));
    }
}
