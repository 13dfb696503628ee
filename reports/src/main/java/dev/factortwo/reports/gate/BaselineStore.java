package dev.factortwo.reports.gate;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.model.json.ResultsFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Committed baselines: {@code benchmarks/baselines/<suite>-<device>-jdk<N>.json} under the repository root,
 * one per suite, device and JDK major version (timings are only comparable within one). Example:
 * {@code benchmarks/baselines/quick-cpu-jdk17.json}.
 */
public final class BaselineStore {

    /** Directory of baselines, relative to the repository root. */
    public static final String DIRECTORY = "benchmarks/baselines";

    private BaselineStore() {
    }

    /**
     * Copies a results file into the store (atomically, re-serialised) and returns where it went.
     *
     * @throws ResultsFormatException when {@code results} cannot be read, or has no cells or no JDK to name it by
     */
    public static Path save(Path results, Path repoRoot) {
        Results r = ResultsCodec.read(results);
        Path target = path(repoRoot, r.suite(), device(results, r), jdkMajor(results, r));
        ResultsCodec.write(r, target);
        return target;
    }

    /** The baseline for a suite, device and JDK major, if one is stored. */
    public static Optional<Path> find(Path repoRoot, String suite, String device, int jdkMajor) {
        Path p = path(repoRoot, suite, device, jdkMajor);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** The baseline matching a candidate results file (same suite, device and JDK major), if one is stored. */
    public static Optional<Path> findFor(Path candidate, Path repoRoot) {
        Results r = ResultsCodec.read(candidate);
        return find(repoRoot, r.suite(), device(candidate, r), jdkMajor(candidate, r));
    }

    /** {@code <repoRoot>/benchmarks/baselines/<suite>-<device>-jdk<N>.json}; device names are made file-safe. */
    public static Path path(Path repoRoot, String suite, String device, int jdkMajor) {
        return repoRoot.resolve(DIRECTORY).resolve(safe(suite) + "-" + safe(device) + "-jdk" + jdkMajor + ".json");
    }

    /** The devices of the cells, joined by {@code +} when several (e.g. {@code cpu+gpu-a100}). */
    static String device(Path file, Results r) {
        String d = r.cells().stream().map(CellResult::key).map(k -> k.device()).collect(Collectors.toCollection(TreeSet::new))
                .stream().collect(Collectors.joining("+"));
        if (d.isEmpty()) throw new ResultsFormatException(file, "no cells: cannot name a baseline by device");
        return d;
    }

    static int jdkMajor(Path file, Results r) {
        int major = EnvironmentCheck.jdkMajor(r.environment() == null ? null : r.environment().jdk());
        if (major < 0) throw new ResultsFormatException(file, "environment.jdk missing or without a version: cannot name a baseline by JDK");
        return major;
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9.+-]", "-");
    }
}
