package dev.factortwo.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupLimitsTest {

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text + "\n");
    }

    @Test
    void v2QuotaAndMemoryOfTheProcessCgroup(@TempDir Path root) throws IOException {
        write(root.resolve("cgroup.controllers"), "cpu memory");
        write(root.resolve("cpu.max"), "max 100000");
        write(root.resolve("memory.max"), "max");
        write(root.resolve("user.slice/job/cpu.max"), "150000 100000");
        write(root.resolve("user.slice/job/memory.max"), "4294967296");
        CgroupLimits l = CgroupLimits.read(root, "0::/user.slice/job\n");
        assertEquals(OptionalDouble.of(1.5), l.cpus());
        assertEquals(OptionalLong.of(4294967296L), l.memoryBytes());
        assertEquals("cgroup v2", l.source());
        assertEquals("1.5", l.cpusText());
    }

    @Test
    void v2AParentLimitBindsAChildWithout(@TempDir Path root) throws IOException {
        write(root.resolve("cgroup.controllers"), "cpu memory");
        write(root.resolve("a/memory.max"), "2147483648");
        write(root.resolve("a/b/memory.max"), "max");
        write(root.resolve("a/b/cpu.max"), "max 100000");
        CgroupLimits l = CgroupLimits.read(root, "0::/a/b\n");
        assertEquals(OptionalLong.of(2147483648L), l.memoryBytes());
        assertTrue(l.cpus().isEmpty());
        assertEquals("none", l.cpusText());
    }

    @Test
    void v1InsideAContainerReadsTheMountRootWhenTheHostPathIsNotThere(@TempDir Path root) throws IOException {
        // runc on cgroup v1 without a cgroup namespace: /proc/self/cgroup names the host's path, the mount is the container's
        write(root.resolve("cpu/cpu.cfs_quota_us"), "100000");
        write(root.resolve("cpu/cpu.cfs_period_us"), "100000");
        write(root.resolve("memory/memory.limit_in_bytes"), "1073741824");
        String proc = "12:memory:/libpod_parent/libpod-0123\n4:cpu,cpuacct:/libpod_parent/libpod-0123\n0::/\n";
        CgroupLimits l = CgroupLimits.read(root, proc);
        assertEquals(OptionalDouble.of(1.0), l.cpus());
        assertEquals("1", l.cpusText());
        assertEquals(OptionalLong.of(1073741824L), l.memoryBytes());
        assertEquals("cgroup v1", l.source());
    }

    @Test
    void v1UnlimitedIsNoLimit(@TempDir Path root) throws IOException {
        write(root.resolve("cpu/cpu.cfs_quota_us"), "-1");
        write(root.resolve("cpu/cpu.cfs_period_us"), "100000");
        write(root.resolve("memory/memory.limit_in_bytes"), "9223372036854771712");
        write(root.resolve("memory/job/memory.limit_in_bytes"), "9223372036854771712");
        CgroupLimits l = CgroupLimits.read(root, "4:memory:/job\n1:cpu:/\n");
        assertTrue(l.cpus().isEmpty());
        assertTrue(l.memoryBytes().isEmpty());
        assertEquals("none", l.memoryText());
    }

    @Test
    void noCgroupFileSystemSaysSo(@TempDir Path root) {
        CgroupLimits l = CgroupLimits.read(root, "");
        assertTrue(l.cpus().isEmpty() && l.memoryBytes().isEmpty());
        assertTrue(l.source().startsWith("unreadable"), l.source());
    }
}
