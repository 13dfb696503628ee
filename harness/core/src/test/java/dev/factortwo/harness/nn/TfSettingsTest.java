package dev.factortwo.harness.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --tf-intra-op-threads workload|auto|N}: what a task runs with. */
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
    void workloadLetsEachModelChooseOneThreadForTheMlpAndItsShareOfTheCoresForTheCnn() {
        TfSettings byModel = new TfSettings(TfSettings.BY_WORKLOAD, 2);
        var mlp = Architecture.Mlp.standard();
        var cnn = Architecture.Cnn.standard();
        assertEquals(new TfSettings(1, 2), byModel.forModel(mlp, 1, 2), "the bare MLP: one thread although it has both cores");
        assertEquals(new TfSettings(1, 2), byModel.forModel(mlp, 2, 2));
        assertEquals(new TfSettings(2, 2), byModel.forModel(cnn, 1, 2), "the bare CNN and single: every core");
        assertEquals(new TfSettings(1, 2), byModel.forModel(cnn, 2, 2), "model averaging's two CNN tasks: one each");
        assertEquals(new TfSettings(4, 2), byModel.forModel(cnn, 2, 8));
        assertEquals(new TfSettings(3, 2), new TfSettings(3, 2).forModel(cnn, 2, 2), "a fixed count stays");
        assertEquals(new TfSettings(1, 2), new TfSettings(TfSettings.AUTO, 2).forModel(mlp, 2, 2), "auto ignores the model");
        assertEquals(new TfSettings(2, 2), new TfSettings(TfSettings.AUTO, 2).forModel(mlp, 1, 2));
        assertTrue(byModel.auto(), "cells may differ, so TensorFlow needs a pool per session");
        assertThrows(IllegalStateException.class, () -> byModel.forTasks(1, 2));
        assertEquals("workload", byModel.intraOpSetting());
        assertEquals(TfSettings.BY_WORKLOAD, TfSettings.parseIntraOp(byModel.intraOpSetting()));
    }

    @Test
    void theFlagTakesWorkloadAutoOrANumber() {
        assertEquals(TfSettings.BY_WORKLOAD, TfSettings.parseIntraOp("workload"));
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
        assertThrows(IllegalArgumentException.class, () -> new TfModel(arch, shape, 10, 0.1f, w, new TfSettings(TfSettings.BY_WORKLOAD, 1)));
    }
}
