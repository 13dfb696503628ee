package dev.factortwo.harness.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianPackagesTest {

    private static final String STATUS = """
            Package: libc6
            Status: install ok installed
            Architecture: amd64
            Version: 2.36-9+deb12u10
            Description: GNU C Library: Shared libraries
             Contains the standard libraries.

            Package: openjdk-17-jre
            Status: deinstall ok config-files
            Architecture: amd64
            Version: 17.0.11+9-1~deb12u1

            Package: openjdk-17-jre-headless
            Status: install ok installed
            Architecture: amd64
            Version: 17.0.19+10-1~deb12u2
            """;

    private static Path dpkg(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("info"));
        Files.writeString(dir.resolve("status"), STATUS);
        Files.writeString(dir.resolve("info/openjdk-17-jre-headless:amd64.list"),
                "/.\n/usr/lib/jvm/java-17-openjdk-amd64\n/usr/lib/jvm/java-17-openjdk-amd64/bin/java\n");
        return dir;
    }

    @Test
    void thePackageHoldingJavaHomeAndTheCLibrary(@TempDir Path dir) throws IOException {
        Map<String, String> d = DebianPackages.describe(dpkg(dir), "/usr/lib/jvm/java-17-openjdk-amd64");
        assertEquals("openjdk-17-jre-headless 17.0.19+10-1~deb12u2", d.get("jrePackage"));
        assertEquals("2.36-9+deb12u10", d.get("libc6"));
    }

    @Test
    void aJavaFromElsewhereIsNamedAsSuch(@TempDir Path dir) throws IOException {
        Map<String, String> d = DebianPackages.describe(dpkg(dir), "/opt/java/openjdk");
        assertEquals("none: /opt/java/openjdk is not from a Debian package", d.get("jrePackage"));
    }

    @Test
    void noDpkgNoEntries(@TempDir Path dir) {
        assertTrue(DebianPackages.describe(dir, "/usr/lib/jvm/x").isEmpty());
    }

    @Test
    void onlyInstalledPackagesCount(@TempDir Path dir) throws IOException {
        assertEquals(2, DebianPackages.installed(dpkg(dir).resolve("status")).size());
    }
}
