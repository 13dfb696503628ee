package dev.factortwo.harness.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --tf-intra-op-threads auto|N}: what a task runs with. */
class TfSettingsTest {

    @Test
    void autoDividesTheCoresByTheTasksAtOnceAndFixedSettingsStayAsTheyAre() {
        TfSettings auto = new TfSettings(TfSettings.AUTO, 1);
        assertEquals(new TfSettings(1, 1), auto.forTasks(2, 2), "model averaging's two tasks on two cores");
        assertEquals(new TfSettings(2, 1), auto.forTasks(1, 2), "single and the bare reference: one task, every core");
        assertEquals(new TfSettings(1, 1), auto.forTasks(4, 2), "at least one thread");
        assertEquals(new TfSettings(3, 1), auto.forTasks(2, 7));
        assertEquals(TfSettings.defaults(), TfSettings.defaults().forTasks(2, 2));
        assertEquals("auto", auto.intraOpSetting());
    }

    @Test
    void theFlagTakesAutoOrANumber() {
        assertEquals(TfSettings.AUTO, TfSettings.parseIntraOp("auto"));
        assertEquals(0, TfSettings.parseIntraOp("0"));
        assertEquals(3, TfSettings.parseIntraOp("3"));
        for (String bad : new String[] {"-1", "two", ""}) {
            var e = assertThrows(IllegalArgumentException.class, () -> TfSettings.parseIntraOp(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void aModelRefusesUnresolvedSettings() {
        var arch = Architecture.Mlp.standard();
        var shape = new Architecture.InputShape(4, 4, 1);
        var w = WeightInit.glorotUniform(arch.parameterShapes(shape, 10), 1);
        assertThrows(IllegalArgumentException.class, () -> new TfModel(arch, shape, 10, 0.1f, w, new TfSettings(TfSettings.AUTO, 1)));
    }
}
