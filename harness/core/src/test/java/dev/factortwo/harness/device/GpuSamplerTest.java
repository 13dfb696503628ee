package dev.factortwo.harness.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GpuSamplerTest {

    /**
     * Lines as {@code nvidia-smi --query-gpu=utilization.gpu,memory.used,memory.total,name
     * --format=csv,noheader,nounits -lms 200} prints them: one line per GPU per sample, ", " between fields.
     */
    private static final String H100_RUN = """
            0, 0, 81559, NVIDIA H100 80GB HBM3
            35, 1203, 81559, NVIDIA H100 80GB HBM3
            97, 30412, 81559, NVIDIA H100 80GB HBM3
            92, 30412, 81559, NVIDIA H100 80GB HBM3
            """;

    @Test
    void parsesOneLinePerGpu() {
        assertEquals(Optional.of(new GpuSampler.Sample(97, 30412, 81559, "NVIDIA H100 80GB HBM3")),
                GpuSampler.parse("97, 30412, 81559, NVIDIA H100 80GB HBM3"));
        assertEquals(Optional.of(new GpuSampler.Sample(3, 143, 143771, "NVIDIA H200")),
                GpuSampler.parse("3, 143, 143771, NVIDIA H200"));
    }

    @Test
    void skipsHeadersErrorsAndFieldsTheDriverCannotRead() {
        assertEquals(Optional.empty(), GpuSampler.parse("utilization.gpu [%], memory.used [MiB], memory.total [MiB], name"));
        assertEquals(Optional.empty(), GpuSampler.parse("[N/A], 1203, 81559, NVIDIA H100 80GB HBM3"));
        assertEquals(Optional.empty(), GpuSampler.parse("[Not Supported], [Not Supported], 16384, Tesla T4"));
        assertEquals(Optional.empty(), GpuSampler.parse(""));
        assertEquals(Optional.empty(), GpuSampler.parse("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."
                + " Make sure that the latest NVIDIA driver is installed and running."));
        assertEquals(Optional.empty(), GpuSampler.parse("140, 1, 2, out of range"));
    }

    @Test
    void summarizesMeanAndMaxOverSamples() {
        List<GpuSampler.Sample> samples = H100_RUN.lines().map(GpuSampler::parse).map(Optional::orElseThrow).toList();
        GpuSampler.Summary s = GpuSampler.summarize(samples);
        assertEquals(4, s.samples());
        assertEquals((0 + 35 + 97 + 92) / 4.0, s.meanUtilizationPercent(), 1e-9);
        assertEquals(97, s.maxUtilizationPercent(), 1e-9);
        assertEquals(30412, s.maxMemoryUsedMiB());
        assertEquals(81559, s.memoryTotalMiB());
        assertEquals("NVIDIA H100 80GB HBM3", s.device());
        assertTrue(s.present());
    }

    @Test
    void readsTheChildsLinesUntilStopped() {
        // a stand-in for nvidia-smi: prints its captured lines, then keeps running like -lms does
        GpuSampler sampler = GpuSampler.start(List.of("sh", "-c", "printf '%s' \"$0\"; exec sleep 60", H100_RUN));
        awaitLines(sampler, 4);
        long t0 = System.nanoTime();
        GpuSampler.Summary s = sampler.stop();
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "stop() ends the child instead of waiting for it");
        assertEquals(4, s.samples(), s.note());
        assertEquals(97, s.maxUtilizationPercent(), 1e-9);
        assertSame(s, sampler.stop(), "stop() twice gives the same summary");
    }

    @Test
    void withoutNvidiaSmiTheSummarySaysNoGpu() {
        GpuSampler.Summary s = GpuSampler.start(List.of("factortwo-no-such-nvidia-smi")).stop();
        assertFalse(s.present());
        assertEquals("none", s.device());
        assertTrue(Double.isNaN(s.meanUtilizationPercent()));
        assertTrue(s.note().startsWith("no GPU: factortwo-no-such-nvidia-smi cannot be run"), s.note());
    }

    @Test
    void aDriverErrorIsNoGpuAndQuoted() {
        GpuSampler sampler = GpuSampler.start(List.of("sh", "-c",
                "echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\"; exit 9"));
        awaitLines(sampler, 1);
        GpuSampler.Summary s = sampler.stop();
        assertFalse(s.present());
        assertTrue(s.note().contains("gave no samples: it printed 'NVIDIA-SMI has failed"), s.note());
    }

    private static void awaitLines(GpuSampler sampler, int lines) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sampler.linesRead() < lines && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
