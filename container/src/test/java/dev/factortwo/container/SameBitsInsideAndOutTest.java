package dev.factortwo.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.Environment;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.Results;
import dev.factortwo.model.json.ResultsCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The same bits inside the image and out: builds the image with {@code scripts/image build} from this
 * checkout's jar, runs one cell per workload, tier and state on the host and inside the image
 * ({@code --network=none}) with one seed, and requires identical fingerprints. The image's JDK is Debian
 * bookworm's openjdk-17 of the day, which need not be the host's patch level: both are printed and kept in
 * {@code target/samebits/comparison.txt}. Needs root (or podman set up for the user) and, for the first base
 * image, Debian's apt archive; several minutes on two cores.
 */
@Tag("slow")
class SameBitsInsideAndOutTest {

    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final Path SCRIPT = REPO.resolve("scripts/image");
    static final String IMAGE = "localhost/factortwo:samebits-test";
    static final String CONTAINER = "factortwo-samebits-test";
    static final Path WORK = Path.of("target", "samebits").toAbsolutePath();
    /** The files of Debian's dataset-fashion-mnist that scripts/image build put into the image, for the host run. */
    static final Path FASHION_MNIST = REPO.resolve("target/image/fashion-mnist-root/usr/share/datasets/fashion-mnist");
    /** 3 workloads x 4 tiers x 2 states = 24 cells, 2 repetitions each so that each side shows its own cells repeat. */
    static final List<String> CELLS = List.of("run", "--workloads", "train-mlp,train-cnn,infer",
            "--tiers", "memory,local-disk,hdfs,s3", "--states", "spark,local", "--dataset", "fashion-mnist",
            "--train-samples", "1200", "--test-samples", "200", "--epochs", "2", "--repetitions", "2",
            "--faults", "none", "--warmup-steps", "0", "--seed", "42", "--no-report");

    static String imageId;

    record Ran(int exit, String output) {
    }

    @BeforeAll
    static void buildImage() throws Exception {
        deleteRecursively(WORK);
        Files.createDirectories(WORK);
        Ran build = run(List.of(SCRIPT.toString(), "build"), WORK.resolve("build.log"), Duration.ofMinutes(40));
        assertEquals(0, build.exit(), "scripts/image build failed; see " + WORK.resolve("build.log"));
        imageId = run(List.of(SCRIPT.toString(), "id"), WORK.resolve("id.log"), Duration.ofMinutes(1)).output().trim();
        assertTrue(imageId.matches("(sha256:)?[0-9a-f]{64}"), "image id: " + imageId);
    }

    @AfterAll
    static void removeImage() throws Exception {
        removeContainer();
        run(List.of(SCRIPT.toString(), "rm"), WORK.resolve("rm.log"), Duration.ofMinutes(2));
    }

    @Test
    void fingerprintsInsideTheImageEqualThoseOnTheHost() throws Exception {
        List<String> host = new ArrayList<>(List.of(REPO.resolve("factortwo").toString()));
        host.addAll(CELLS);
        host.addAll(List.of("--data-dir", FASHION_MNIST.toString(), "--out", WORK.resolve("host").toString()));
        Ran onHost = run(host, WORK.resolve("host.log"), Duration.ofMinutes(30));
        assertEquals(0, onHost.exit(), "host run failed; see " + WORK.resolve("host.log"));

        List<String> inside = new ArrayList<>(List.of(SCRIPT.toString(), "run", "--name", CONTAINER, "--"));
        inside.addAll(CELLS);
        inside.addAll(List.of("--data-dir", "/usr/share/datasets/fashion-mnist", "--out", "runs/container"));
        Ran inContainer = run(inside, WORK.resolve("container.log"), Duration.ofMinutes(30));
        assertEquals(0, inContainer.exit(), "container run failed; see " + WORK.resolve("container.log"));

        Results h = ResultsCodec.read(WORK.resolve("host/results.json"));
        Results c = ResultsCodec.read(WORK.resolve("container/results.json"));
        String table = comparison(h, c);
        Files.writeString(WORK.resolve("comparison.txt"), table);
        System.out.println(table);

        Map<String, CellResult> hostCells = byId(h), containerCells = byId(c);
        assertEquals(24, hostCells.size(), "host cells");
        assertEquals(hostCells.keySet(), containerCells.keySet(), "the same cells inside and out");
        for (Results r : List.of(h, c)) {
            for (CellResult cell : r.cells()) {
                assertTrue(cell.ok(), cell.id() + " failed: " + cell.error());
                // a side whose own repetitions differ could not show anything by comparing with the other
                assertEquals(Reproducibility.Verdict.BITWISE, cell.reproducibility().verdict(), cell.id() + " repeats " + cell.reproducibility());
            }
        }
        List<String> differ = hostCells.keySet().stream()
                .filter(id -> !hostCells.get(id).fingerprint().equals(containerCells.get(id).fingerprint())).toList();
        assertEquals(List.of(), differ, "fingerprints differ inside and out:\n" + table);

        Map<String, String> in = c.environment().extra(), out = h.environment().extra();
        assertEquals("none", out.get("container"), "the host run is not in a container");
        assertTrue(in.get("container").startsWith("podman") || in.get("container").startsWith("docker"), in.toString());
        assertEquals(imageId.replaceFirst("^sha256:", ""), in.get("containerImageId").replaceFirst("^sha256:", ""));
        assertTrue(in.getOrDefault("jrePackage", "").startsWith("openjdk-17-jre-headless "), in.toString());
        assertTrue(in.containsKey("libc6"), in.toString());
        assertEquals(h.environment().gitCommit(), c.environment().gitCommit(), "the image records the commit it was built from");
    }

    @Test
    void doctorInsideComparesTheContainersLimitsWithWhatSparkIsTold() throws Exception {
        // one CPU for Spark's two task slots, and a 3 GiB heap in 2 GiB of memory: both are problems
        Ran doctor = run(List.of(SCRIPT.toString(), "run", "--name", CONTAINER, "--cpus=1", "--memory=2g",
                        "-e", "FACTORTWO_JAVA_OPTS=-Xmx3g", "--", "doctor", "--skip-services", "--scratch", "runs/doctor"),
                WORK.resolve("doctor.log"), Duration.ofMinutes(10));
        String out = doctor.output();
        assertEquals(3, doctor.exit(), out);
        String line = out.lines().filter(l -> l.startsWith("CPU and memory limits")).findFirst().orElseThrow(() -> new AssertionError(out));
        assertTrue(line.contains("FAIL"), line);
        assertTrue(line.contains("in podman, image " + IMAGE) || line.contains("in docker, image " + IMAGE), line);
        assertTrue(line.contains("CPUs: limit 1 for Spark local[2,4]: 2 task slot(s)"), line);
        // -Xmx3g shows as a max heap a little under 3 GiB (Runtime.maxMemory leaves out a survivor space)
        assertTrue(line.matches(".*memory: limit 2\\.0 GiB for heaps of 3\\.\\d GiB.*"), line);
        assertTrue(out.contains("--cpus=2") && out.contains("--memory="), out);
    }

    static String comparison(Results h, Results c) {
        StringBuilder b = new StringBuilder();
        b.append(side("host", h.environment())).append(side("container", c.environment()));
        Map<String, CellResult> hc = byId(h), cc = byId(c);
        for (String id : hc.keySet()) {
            String hf = hc.get(id).fingerprint(), cf = cc.containsKey(id) ? cc.get(id).fingerprint() : "missing";
            b.append(String.format("%-4s %-75s %s %s%n", String.valueOf(hf).equals(cf) ? "same" : "DIFF", id, abbreviate(hf), abbreviate(cf)));
        }
        return b.toString();
    }

    private static String side(String name, Environment e) {
        Map<String, String> x = e.extra();
        return String.format("%-9s jdk %s; jrePackage %s; libc6 %s; container %s %s; git %s%n", name, e.jdk(),
                x.getOrDefault("jrePackage", "?"), x.getOrDefault("libc6", "?"), x.getOrDefault("container", "?"),
                x.getOrDefault("containerImageId", ""), e.gitCommit());
    }

    private static String abbreviate(String fingerprint) {
        return fingerprint == null ? "null" : fingerprint.length() > 23 ? fingerprint.substring(0, 23) : fingerprint;
    }

    private static Map<String, CellResult> byId(Results r) {
        Map<String, CellResult> out = new TreeMap<>();
        r.cells().forEach(cell -> out.put(cell.id(), cell));
        return out;
    }

    /** Runs a command in the repository with the test's image and results directory; output to {@code log}. */
    static Ran run(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("FACTORTWO_IMAGE", IMAGE);
        pb.environment().put("FACTORTWO_RUNS", WORK.toString());
        pb.environment().putIfAbsent("CONTAINERS_CONF", REPO.resolve("container/containers.conf").toString());
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            removeContainer();
            fail(String.join(" ", command) + " took over " + timeout + "; see " + log);
        }
        return new Ran(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** A container left by a killed run (podman run --rm removes it only when podman itself ends normally). */
    private static void removeContainer() throws IOException, InterruptedException {
        for (String engine : List.of("podman", "docker")) {
            Process p;
            try {
                ProcessBuilder pb = new ProcessBuilder(engine, "rm", "-f", CONTAINER).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                pb.environment().putIfAbsent("CONTAINERS_CONF", REPO.resolve("container/containers.conf").toString());
                p = pb.start();
            } catch (IOException e) {
                continue;  // that engine is not installed
            }
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
