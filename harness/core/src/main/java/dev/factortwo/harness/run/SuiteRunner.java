package dev.factortwo.harness.run;

import dev.factortwo.harness.measure.EnvironmentProblem;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Environment;
import dev.factortwo.model.Results;
import dev.factortwo.model.json.ResultsCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a suite's cells one after another and never loses a finished one: each result is written to
 * {@code results.json} atomically as soon as it exists, and a rerun into the same directory skips the cells
 * already measured. A cell that throws is recorded as failed (with its error) and the suite goes on.
 */
public final class SuiteRunner {

    public static final String RESULTS_FILE = "results.json";

    private final Progress progress;

    public SuiteRunner(Progress progress) {
        this.progress = progress;
    }

    /**
     * @param runCell  runs one cell (the caller owns Spark, tiers and datasets)
     * @return the final results
     */
    public Results run(Suite suite, List<CellSpec> cells, Path outDir, Environment env,
                       Map<String, String> config, Function<CellSpec, CellResult> runCell, Function<CellSpec, String> idOf) {
        Path file = outDir.resolve(RESULTS_FILE);
        Results results = resume(file, suite, config).orElseGet(() ->
                new Results(Results.SCHEMA_V1, suite.name(), Instant.now().toString(), env, config, List.of()));
        ResultsCodec.write(results, file);
        progress.plan(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            CellSpec spec = cells.get(i);
            String id = idOf.apply(spec);
            Optional<CellResult> done = results.cell(id).filter(CellResult::ok);
            if (done.isPresent()) {
                progress.note("  [" + (i + 1) + "/" + cells.size() + "] " + id + ": already measured in " + file + ", skipped");
                continue;
            }
            progress.cellStarted(i, id);
            CellResult r;
            try {
                r = runCell.apply(spec);
            } catch (Exception e) { // includes SparkException, which Scala throws unchecked
                r = CellResult.failed(spec.key().withDevice(id), spec, oneLine(e));
            }
            results = results.with(r);
            ResultsCodec.write(results, file);
            progress.cellFinished(summary(r));
        }
        return results;
    }

    /** Earlier results in {@code file} made with the same suite and settings, or empty when there are none. */
    static Optional<Results> resume(Path file, Suite suite, Map<String, String> config) {
        if (!Files.exists(file)) return Optional.empty();
        Results old = ResultsCodec.read(file);
        if (!old.suite().equals(suite.name()) || !old.config().equals(config)) {
            throw new IllegalArgumentException(file + " holds results of suite '" + old.suite() + "' with settings "
                    + old.config() + "; this run is suite '" + suite.name() + "' with " + config
                    + ". Use another --out directory to keep both.");
        }
        return Optional.of(old);
    }

    static String summary(CellResult r) {
        if (!r.ok()) return "FAILED: " + r.error();
        String acc = Double.isNaN(r.testAccuracy()) ? "" : String.format(", accuracy %.3f", r.testAccuracy());
        String verdict = r.reproducibility() == null ? "" : ", " + r.reproducibility().verdict();
        return String.format("%.0f samples/s [%.0f, %.0f]%s%s", r.samplesPerSecond().mean(), r.samplesPerSecond().ciLow(),
                r.samplesPerSecond().ciHigh(), acc, verdict);
    }

    static String oneLine(Throwable e) {
        Optional<EnvironmentProblem> environment = EnvironmentProblem.of(e);
        if (environment.isPresent()) return environment.get().oneLine();
        Throwable root = e;
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null && !sb.toString().contains(root.getMessage())) sb.append(" <- ").append(root.getMessage());
        }
        return sb.toString().replace('\n', ' ');
    }
}
