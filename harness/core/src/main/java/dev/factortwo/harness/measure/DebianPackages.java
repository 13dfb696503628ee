package dev.factortwo.harness.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Versions of the Debian packages that run our code: the one holding this JVM ({@code java.home}) and the C
 * library (which TensorFlow's native library and the JVM call for math and threads). Read from dpkg's
 * database, so they name exactly what is installed, in a container image or on the host.
 */
final class DebianPackages {

    static final Path DPKG = Path.of("/var/lib/dpkg");

    private DebianPackages() {
    }

    /** One installed package: name, architecture, version. */
    record Installed(String name, String architecture, String version) {
        @Override
        public String toString() {
            return name + " " + version;
        }
    }

    /**
     * {@code jrePackage} (the package whose files include {@code javaHome/bin/java}, or {@code none: ...}) and
     * {@code libc6}; empty where there is no dpkg database (not a Debian-like system).
     */
    static Map<String, String> describe(Path dpkg, String javaHome) {
        Map<String, String> out = new LinkedHashMap<>();
        List<Installed> installed = installed(dpkg.resolve("status"));
        if (installed.isEmpty()) return out;
        String java = Path.of(javaHome, "bin", "java").toString();
        out.put("jrePackage", installed.stream().filter(p -> p.name().startsWith("openjdk-") || p.name().contains("jre") || p.name().contains("jdk"))
                .filter(p -> owns(dpkg, p, java)).findFirst().map(Installed::toString)
                .orElse("none: " + javaHome + " is not from a Debian package"));
        installed.stream().filter(p -> p.name().equals("libc6")).findFirst().ifPresent(p -> out.put("libc6", p.version()));
        return out;
    }

    /** The installed packages of a dpkg status file; empty when it cannot be read. */
    static List<Installed> installed(Path status) {
        List<Installed> out = new ArrayList<>();
        String text;
        try {
            text = Files.readString(status);
        } catch (IOException e) {
            return out;
        }
        for (String stanza : text.split("\n\\s*\n")) {
            Map<String, String> f = new LinkedHashMap<>();
            for (String line : stanza.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && !Character.isWhitespace(line.charAt(0))) f.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
            if (f.containsKey("Package") && f.getOrDefault("Status", "").endsWith(" installed")) {
                out.add(new Installed(f.get("Package"), f.getOrDefault("Architecture", ""), f.getOrDefault("Version", "")));
            }
        }
        return out;
    }

    private static boolean owns(Path dpkg, Installed p, String file) {
        for (String name : List.of(p.name() + ":" + p.architecture() + ".list", p.name() + ".list")) {
            Optional<List<String>> lines = lines(dpkg.resolve("info").resolve(name));
            if (lines.isPresent()) return lines.get().contains(file);
        }
        return false;
    }

    private static Optional<List<String>> lines(Path file) {
        try {
            return Optional.of(Files.readAllLines(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
