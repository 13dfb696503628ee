package dev.factortwo.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LimitsCheckTest {

    private static final long GIB = 1L << 30;
    private static final Optional<ContainerRuntime> PODMAN =
            Optional.of(new ContainerRuntime("podman 4.3.1", "localhost/factortwo:latest", "3f2a9c1b7d0e44aa"));

    private static CgroupLimits limits(Double cpus, Long bytes) {
        return new CgroupLimits(cpus == null ? OptionalDouble.empty() : OptionalDouble.of(cpus),
                bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes), "cgroup v1");
    }

    @Test
    void fewerCpusThanSparkSlotsFailsWithAFix() {
        Doctor.Check c = LimitsCheck.check(limits(1.0, null), PODMAN, "local[2,4]", 2, GIB, 1);
        assertFalse(c.ok(), c.detail());
        assertTrue(c.detail().contains("in podman 4.3.1, image localhost/factortwo:latest (3f2a9c1b7d0e)"), c.detail());
        assertTrue(c.detail().contains("limit 1 for Spark local[2,4]: 2 task slot(s) x 2 TensorFlow intra-op thread(s)"), c.detail());
        assertTrue(c.fix().contains("--cpus=2") && c.fix().contains("local[1,4]"), c.fix());
    }

    @Test
    void enoughCpusAndMemoryPass() {
        Doctor.Check c = LimitsCheck.check(limits(2.0, 8 * GIB), PODMAN, "local[2,4]", 2, 2 * GIB, 2);
        assertTrue(c.ok(), c.detail());
        assertTrue(c.detail().contains("memory: limit 8.0 GiB for heaps of 2.3 GiB (this JVM 2.0 GiB + S3 server 256m"), c.detail());
    }

    @Test
    void heapsBeyondTheMemoryLimitFail() {
        Doctor.Check c = LimitsCheck.check(limits(null, 2 * GIB), Optional.empty(), "standalone", 2, GIB, 2);
        assertFalse(c.ok(), c.detail());
        assertTrue(c.detail().startsWith("not in a container"), c.detail());
        // 1 GiB + 256m + 2g executors + 2 x 256m daemons = 3.75 GiB
        assertTrue(c.detail().contains("heaps of 3.8 GiB"), c.detail());
        assertTrue(c.fix().contains("--memory=5g"), c.fix());
    }

    @Test
    void noLimitsPass() {
        assertTrue(LimitsCheck.check(limits(null, null), Optional.empty(), "local[2,4]", 2, 6 * GIB, 2).ok());
    }

    @Test
    void slotsOfEachMaster() {
        assertEquals(OptionalInt.of(1), LimitsCheck.sparkSlots("local", 8));
        assertEquals(OptionalInt.of(3), LimitsCheck.sparkSlots("local[3]", 8));
        assertEquals(OptionalInt.of(2), LimitsCheck.sparkSlots("local[2,4]", 8));
        assertEquals(OptionalInt.of(8), LimitsCheck.sparkSlots("local[*,4]", 8));
        assertEquals(OptionalInt.of(4), LimitsCheck.sparkSlots("local-cluster[2,2,1024]", 8));
        assertEquals(OptionalInt.of(2), LimitsCheck.sparkSlots("standalone", 8));
        assertEquals(OptionalInt.empty(), LimitsCheck.sparkSlots("yarn", 8));
        assertEquals(OptionalInt.empty(), LimitsCheck.sparkSlots("spark://10.0.0.1:7077", 8));
    }
}
