package dev.factortwo.harness.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.factortwo.harness.nn.TfSettings;
import org.junit.jupiter.api.Test;

/** The probe is often a run's first TensorFlow session, which sizes the process's intra-op pool: it asks for the run's threads. */
class DeviceProbeTest {

    @Test
    void theProbesSessionAsksForTheRunsThreads() {
        var config = DeviceProbe.config(new TfSettings(2, 1));
        assertEquals(2, config.getIntraOpParallelismThreads(), "not TensorFlow's default of every core");
        assertEquals(1, config.getInterOpParallelismThreads());
        assertEquals(false, config.getAllowSoftPlacement());
        assertEquals(0, DeviceProbe.config(new TfSettings(TfSettings.AUTO, 1)).getIntraOpParallelismThreads(),
                "auto, resolved per cell with per-session pools: the probe's own pool does not matter");
    }
}
