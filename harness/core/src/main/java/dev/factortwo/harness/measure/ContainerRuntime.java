package dev.factortwo.harness.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The container this process runs in, as its engine says: podman writes {@code /run/.containerenv} (with the
 * engine, image name and id in it only for {@code --privileged} containers: podman 4.3.1 leaves it empty
 * otherwise), podman, LXC and systemd-nspawn set the {@code container} environment variable, and every engine
 * mounts a file of its own over {@code /etc/hostname}. Docker's {@code /.dockerenv} only names the engine: alone
 * it is no proof, since a machine made from a docker image keeps it (the project's reference machine, a VM,
 * has one). The image is what the engine wrote, else what {@code scripts/image run} passes in
 * {@code FACTORTWO_IMAGE} and {@code FACTORTWO_IMAGE_ID} (from {@code podman image inspect}), else
 * {@code unknown}. Immutable.
 *
 * @param engine  {@code podman 4.3.1}, {@code docker}, or the value of {@code container}
 * @param image   the image's name, or {@code unknown}
 * @param imageId the image's id, or {@code unknown}
 */
public record ContainerRuntime(String engine, String image, String imageId) {

    /** Environment variables {@code scripts/image run} sets for engines that do not tell the image. */
    public static final String IMAGE_ENV = "FACTORTWO_IMAGE", IMAGE_ID_ENV = "FACTORTWO_IMAGE_ID";

    /** The container of this process, or empty when it runs on the host. */
    public static Optional<ContainerRuntime> detect() {
        return detect(Path.of("/"), System.getenv());
    }

    static Optional<ContainerRuntime> detect(Path root, Map<String, String> env) {
        Path podman = root.resolve("run/.containerenv");
        String engine;
        Map<String, String> told = new HashMap<>();
        if (Files.isRegularFile(podman)) {
            told = keyValues(podman);
            engine = told.getOrDefault("engine", "podman").replaceFirst("^podman-", "podman ");
        } else if (!env.getOrDefault("container", "").isBlank()) {
            engine = env.get("container");
        } else if (hostnameMounted(root.resolve("proc/self/mountinfo"))) {
            engine = Files.exists(root.resolve(".dockerenv")) ? "docker" : "unknown engine";
        } else {
            return Optional.empty();
        }
        String image = nonBlank(told.get("image")).or(() -> nonBlank(env.get(IMAGE_ENV))).orElse("unknown");
        String id = nonBlank(told.get("imageid")).or(() -> nonBlank(env.get(IMAGE_ID_ENV))).orElse("unknown");
        return Optional.of(new ContainerRuntime(engine, image, id));
    }

    /** Whether /etc/hostname is a mount point of its own, as container engines make it. */
    static boolean hostnameMounted(Path mountinfo) {
        try {
            // fields: id parent major:minor root mount-point options ...
            return Files.readAllLines(mountinfo).stream().map(l -> l.split(" "))
                    .anyMatch(f -> f.length > 4 && f[4].equals("/etc/hostname"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Lines {@code key="value"} (podman's format); unreadable gives none. */
    private static Map<String, String> keyValues(Path file) {
        Map<String, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replaceAll("^\"|\"$", ""));
            }
        } catch (IOException e) {
            // a container whose engine file cannot be read still is one
        }
        return out;
    }

    private static Optional<String> nonBlank(String s) {
        return Optional.ofNullable(s).filter(v -> !v.isBlank());
    }

    /** {@code podman 4.3.1, image localhost/factortwo:latest (3f2a9c1b7d0e)}. */
    public String describe() {
        String shortId = imageId.replaceFirst("^sha256:", "");
        return engine + ", image " + image + " (" + (shortId.length() > 12 ? shortId.substring(0, 12) : shortId) + ")";
    }
}
