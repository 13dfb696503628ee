package dev.factortwo.harness.device;

import dev.factortwo.model.CellAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.workload.Workload;
import dev.factortwo.harness.workload.Workloads;
import dev.factortwo.model.CellKey;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract every device keeps: the real ones and every emulation profile shipped. */
class AcceleratorContractTest {

    static final Map<String, AcceleratorProfile> PROFILES = AcceleratorProfile.load(Optional.empty());

    static Stream<Accelerator> devices() {
        return Stream.concat(Stream.of(new Accelerator.Real("cpu"), new Accelerator.Real("gpu:NVIDIA-H200")),
                PROFILES.values().stream().map(Accelerator.Emulated::new));
    }

    @ParameterizedTest
    @MethodSource("devices")
    void itsNameParsesBackToItAndSaysWhetherItIsEmulated(Accelerator a) {
        assertEquals(a, Accelerator.of(a.device(), () -> PROFILES));
        CellKey key = new CellKey("train-mlp", "synthetic", "memory", "spark", "model-averaging", "tensorflow", a.device());
        assertEquals(a.emulated(), key.deviceEmulated(), "results read the device as the harness meant it");
        assertFalse(a.emulated() && a.gpu(), "an emulated device runs no GPU");
    }

    @ParameterizedTest
    @MethodSource("devices")
    void onlyAnEmulatedDeviceReplacesComputeAndItSaysSo(Accelerator a) {
        for (Workload w : Workloads.all()) {
            assertEquals(a.emulated(), a.nanosPerSample(w) > 0, a.device() + " " + w.name());
            if (a.emulated()) assertTrue(a.note(w).contains(CellAttribute.EMULATED.key()) && a.note(w).contains("ns per sample"), a.note(w));
        }
    }

    @Test
    void unknownDevicesAndProfilesAreRefusedInWords() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Accelerator.of("tpu", () -> PROFILES)).getMessage().contains("cpu, gpu:NAME or emulate:NAME"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Accelerator.of("emulate:tpu9", () -> PROFILES)).getMessage().contains("no profile 'tpu9'"));
        assertTrue(new Accelerator.Real("gpu:0").gpu());
        assertFalse(new Accelerator.Real("cpu").gpu());
    }
}
