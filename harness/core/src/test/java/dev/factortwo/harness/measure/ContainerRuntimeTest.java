package dev.factortwo.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerRuntimeTest {

    @Test
    void podmanTellsEngineImageAndId(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("run"));
        Files.writeString(root.resolve("run/.containerenv"), """
                engine="podman-4.3.1"
                name="quirky_name"
                id="c0ffee"
                image="localhost/factortwo:latest"
                imageid="3f2a9c1b7d0e44aa55bb66cc77dd88ee99ff00112233445566778899aabbccdd"
                rootless=0
                """);
        ContainerRuntime c = ContainerRuntime.detect(root, Map.of(ContainerRuntime.IMAGE_ID_ENV, "other")).orElseThrow();
        assertEquals("podman 4.3.1", c.engine());
        assertEquals("localhost/factortwo:latest", c.image());
        assertEquals("3f2a9c1b7d0e44aa55bb66cc77dd88ee99ff00112233445566778899aabbccdd", c.imageId());
        assertEquals("podman 4.3.1, image localhost/factortwo:latest (3f2a9c1b7d0e)", c.describe());
    }

    private static void mountHostname(Path root) throws IOException {
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/mountinfo"), """
                73 48 0:40 / / rw,relatime - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/X
                80 73 254:0 /var/lib/docker/containers/e1d9/hostname /etc/hostname rw,relatime - ext4 /dev/vda rw
                """);
    }

    @Test
    void dockerLeavesTheImageToTheEnvironment(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve(".dockerenv"), "");
        mountHostname(root);
        ContainerRuntime c = ContainerRuntime.detect(root, Map.of(ContainerRuntime.IMAGE_ENV, "factortwo:latest",
                ContainerRuntime.IMAGE_ID_ENV, "sha256:abc")).orElseThrow();
        assertEquals("docker", c.engine());
        assertEquals("factortwo:latest", c.image());
        assertEquals("sha256:abc", c.imageId());
        ContainerRuntime bare = ContainerRuntime.detect(root, Map.of()).orElseThrow();
        assertEquals("unknown", bare.imageId());
    }

    @Test
    void otherEnginesByTheContainerVariableOrTheirHostnameMount(@TempDir Path root) throws IOException {
        assertEquals("lxc", ContainerRuntime.detect(root, Map.of("container", "lxc")).orElseThrow().engine());
        mountHostname(root);
        assertEquals("unknown engine", ContainerRuntime.detect(root, Map.of()).orElseThrow().engine());
    }

    @Test
    void aDockerenvLeftInAMachineImageIsNoContainer(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve(".dockerenv"), "");
        Files.createDirectories(root.resolve("proc/self"));
        Files.writeString(root.resolve("proc/self/mountinfo"), "24 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n");
        assertTrue(ContainerRuntime.detect(root, Map.of()).isEmpty());
    }

    @Test
    void theHostIsNoContainer(@TempDir Path root) {
        assertEquals(Optional.empty(), ContainerRuntime.detect(root, Map.of("FACTORTWO_IMAGE_ID", "x")));
        assertTrue(ContainerRuntime.detect(root, Map.of("container", " ")).isEmpty());
    }
}
