package dev.factortwo.model.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;

class BestOfBootstrapTest {

    // pass i moved every configuration alike; "fast" is 10% faster than "repro" in every pass
    private final double[] repro = {1000, 1400, 800, 1200, 1000, 1300};
    private final double[] fast = java.util.Arrays.stream(repro).map(x -> x * 1.10).toArray();

    @Test
    void drawingWholePassesKeepsWhatAPassSharedShared() {
        Interval byPass = BestOfBootstrap.ratio(List.of(fast, repro), List.of(repro), true, 0.95, true);
        Interval byRepetition = BestOfBootstrap.ratio(List.of(fast, repro), List.of(repro), true, 0.95, false);
        assertEquals(1.10, byPass.estimate(), 1e-9);
        assertEquals(1.10, byPass.low(), 1e-9, "every resample of whole passes keeps the 10%");
        assertEquals(1.10, byPass.high(), 1e-9);
        assertTrue(byRepetition.low() <= 1.0 && byRepetition.high() > 1.3, "drawn apart, the passes' swings swamp it: " + byRepetition);
    }

    @Test
    void configurationsWithOtherRepetitionCountsAreDrawnApartEvenWhenAskedByPass() {
        double[] longer = java.util.Arrays.copyOf(fast, fast.length + 1);
        longer[fast.length] = 1100;
        assertEquals(BestOfBootstrap.ratio(List.of(longer, repro), List.of(repro), true, 0.95, false),
                BestOfBootstrap.ratio(List.of(longer, repro), List.of(repro), true, 0.95, true));
    }

    @Test
    void timesAreOrientedSoTheRatioIsAtLeastOne() {
        double[] reproTimes = {2.0, 2.8, 1.6, 2.4, 2.0, 2.6};
        double[] fastTimes = java.util.Arrays.stream(reproTimes).map(x -> x / 1.25).toArray();
        Interval p = BestOfBootstrap.ratio(List.of(fastTimes, reproTimes), List.of(reproTimes), false, 0.95, true);
        assertEquals(1.25, p.estimate(), 1e-9);
        assertEquals(1.25, p.low(), 1e-9);
    }
}
