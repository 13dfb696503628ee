package dev.factortwo.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PeakMemoryTest {

    private static final int MIB = 1 << 20;

    /** The head of a real /proc/PID/status (Linux 6.x). */
    private static final String STATUS = """
            Name:\tjava
            Umask:\t0022
            State:\tS (sleeping)
            Tgid:\t4242
            VmPeak:\t 5732164 kB
            VmSize:\t 5667652 kB
            VmLck:\t       0 kB
            VmHWM:\t  412988 kB
            VmRSS:\t  398112 kB
            RssAnon:\t  371520 kB
            Threads:\t31
            """;

    @Test
    void parsesKilobyteFieldsOfProcStatusIntoBytes() {
        assertEquals(OptionalLong.of(412_988L * 1024), PeakMemory.parseStatusField(STATUS, "VmHWM"));
        assertEquals(OptionalLong.of(398_112L * 1024), PeakMemory.parseStatusField(STATUS, "VmRSS"));
        assertEquals(OptionalLong.empty(), PeakMemory.parseStatusField(STATUS, "VmSwap"), "missing field");
        assertEquals(OptionalLong.empty(), PeakMemory.parseStatusField(STATUS, "Threads"), "not a kB field");
        assertEquals(OptionalLong.empty(), PeakMemory.parseStatusField("VmHWM:\tlots kB\n", "VmHWM"), "malformed");
    }

    @Test
    void peakHeapSeesAnArrayThatIsAlreadyGarbage() {
        PeakMemory peak = PeakMemory.start();
        byte[] big = new byte[192 * MIB];
        for (int i = 0; i < big.length; i += 4096) big[i] = 1;
        assertEquals(1, big[4096]);
        big = null;
        PeakMemory.Reading r = peak.read();
        assertTrue(r.peakHeapBytes() >= 192L * MIB, r.describe());
    }

    @Test
    void peakRssSeesTouchedNativeMemoryAndResetForgetsIt() throws Exception {
        assumeTrue(Files.isReadable(PeakMemory.STATUS), "needs Linux /proc");
        PeakMemory first = PeakMemory.start();
        long before = first.read().peakRssBytes();
        ByteBuffer native256 = ByteBuffer.allocateDirect(256 * MIB);
        for (int i = 0; i < native256.capacity(); i += 4096) native256.put(i, (byte) 1);
        PeakMemory.Reading during = first.read();
        assertTrue(during.peakRssBytes() - before >= 250L * MIB,
                "touching 256 MiB raised the RSS peak from " + before + " to " + during.peakRssBytes());
        free(native256);
        assertTrue(PeakMemory.currentRssBytes() < during.peakRssBytes() - 200L * MIB, "freed memory leaves the RSS");

        PeakMemory second = PeakMemory.start();
        PeakMemory.Reading after = second.read();
        assumeTrue(!after.rssSinceStart(), "this kernel does not let the process reset its RSS peak");
        assertTrue(after.peakRssBytes() < during.peakRssBytes() - 200L * MIB,
                "the reset peak " + after.peakRssBytes() + " no longer holds the freed 256 MiB (peak was "
                        + during.peakRssBytes() + ")");
        assertFalse(after.describe().contains("since the JVM started"), after.describe());
    }

    /** Releases a direct buffer now (sun.misc.Unsafe.invokeCleaner), instead of at some later GC. */
    private static void free(ByteBuffer direct) throws Exception {
        Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
        Field f = unsafeClass.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        unsafeClass.getMethod("invokeCleaner", ByteBuffer.class).invoke(f.get(null), direct);
    }
}
