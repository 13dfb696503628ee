package dev.factortwo.model.analysis;

import dev.factortwo.model.CellAttribute;
import static dev.factortwo.model.analysis.PriceOfReproducibilityTest.cell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.Interval;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.stats.Statistics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairingTest {

    private static final Reproducibility NONE = null;

    /** {@code c} as measured in interleaved series {@code series}. */
    static CellResult inSeries(CellResult c, String series) {
        Map<String, String> attrs = new HashMap<>(c.attributes());
        attrs.put(CellAttribute.INTERLEAVED_SERIES.key(), series);
        return new CellResult(c.key(), c.spec(), c.status(), c.error(), c.repetitions(), c.samplesPerSecond(), c.inputSeconds(),
                c.computeSeconds(), c.acceleratorUtilization(), c.bytesRead(), c.fingerprint(), c.testAccuracy(), c.latency(),
                c.reproducibility(), c.io(), c.notes(), attrs);
    }

    @Test
    void onlyCellsOfOneSeriesArePaired() {
        CellResult a = inSeries(cell("infer", "memory", NONE, 1, 2), "s1");
        CellResult b = inSeries(cell("infer", "hdfs", NONE, 1, 2), "s1");
        CellResult c = inSeries(cell("infer", "s3", NONE, 1, 2), "s2");
        CellResult old = cell("infer", "local-disk", NONE, 1, 2);
        assertTrue(Pairing.paired(a, b));
        assertFalse(Pairing.paired(a, c));
        assertFalse(Pairing.paired(old, old), "a file written before the series was kept: never paired, not even with itself");
        assertTrue(Pairing.paired(List.of(a, b)));
        assertFalse(Pairing.paired(List.of(a, b, c)));
        assertFalse(Pairing.paired(List.of()));
    }

    @Test
    void aPairedRatioIsTheGeometricMeanOfThePerPassRatiosAndAnUnpairedOneFiellers() {
        double[] num = {1100, 1400, 1000, 1300, 1100};
        double[] den = {1000, 1300, 900, 1200, 1000};
        CellResult n = inSeries(cell("infer", "memory", NONE, num), "s1");
        CellResult d = inSeries(cell("infer", "hdfs", NONE, den), "s1");
        Interval paired = Pairing.ratio(n, num, d, den, 0.95);
        assertEquals(Statistics.standard().pairedRatio(num, den, 0.95), paired);
        Interval unpaired = Pairing.ratio(n, num, inSeries(d, "s2"), den, 0.95);
        assertEquals(Statistics.standard().ratio(num, den, 0.95), unpaired);
        assertTrue(paired.high() - paired.low() < (unpaired.high() - unpaired.low()) / 5,
                "the passes' shared swings cancel: " + paired + " against " + unpaired);
        assertTrue(paired.low() > 1.0 && unpaired.low() < 1.0);
    }

    @Test
    void pairingUsesThePassesBothHave() {
        double[] num = {1100, 1400, 1000, 1300, 1100, 5000};   // one added repetition (adaptive): no partner, left out
        double[] den = {1000, 1300, 900, 1200, 1000};
        CellResult n = inSeries(cell("infer", "memory", NONE, num), "s1");
        CellResult d = inSeries(cell("infer", "hdfs", NONE, den), "s1");
        assertEquals(Statistics.standard().pairedRatio(java.util.Arrays.copyOf(num, 5), den, 0.95), Pairing.ratio(n, num, d, den, 0.95));
        assertEquals(1.0, Pairing.pValueLess(n, new double[] {1}, d, den), "one value cannot be compared");
    }

    @Test
    void thePricesIntervalIsPairedWhenItsCellsShareTheirPasses() {
        Reproducibility divergent = PriceOfReproducibilityTest.DIVERGENT;
        Reproducibility recomputable = PriceOfReproducibilityTest.BITWISE;
        double[] repro = {1000, 1300, 900, 1200, 1000};
        double[] fast = java.util.Arrays.stream(repro).map(x -> x * 1.05).toArray();
        List<CellResult> paired = List.of(inSeries(cell("infer", "memory", divergent, fast), "s1"),
                inSeries(cell("infer", "hdfs", recomputable, repro), "s1"));
        List<CellResult> unpaired = List.of(inSeries(cell("infer", "memory", divergent, fast), "s1"),
                inSeries(cell("infer", "hdfs", recomputable, repro), "s2"));
        PriceOfReproducibility p = PriceOfReproducibility.of("infer", paired);
        PriceOfReproducibility u = PriceOfReproducibility.of("infer", unpaired);
        assertEquals(1.05, p.price().estimate(), 1e-9);
        assertTrue(p.price().low() > 1.04 && p.price().high() < 1.06, "paired: " + p.price());
        assertFalse(p.tied(), "5% slower in every pass is no tie");
        assertTrue(u.price().low() < 1.0 && u.price().high() > 1.1, "unpaired: " + u.price());
        assertTrue(u.tied());
    }
}
