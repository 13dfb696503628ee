package dev.factortwo.harness.cell;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.harness.measure.EnvironmentProblem;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Defaults;
import dev.factortwo.model.Environment;
import dev.factortwo.model.Results;
import dev.factortwo.model.UserError;
import dev.factortwo.model.analysis.Pairing;
import dev.factortwo.model.json.ResultsCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * Runs a suite's cells one after another and never loses a finished one: each result is written to
 * {@code results.json} atomically as soon as it exists, and a rerun into the same directory skips the cells
 * already measured. A cell that throws is recorded as failed (with its error) and the suite goes on.
 */
public final class SuiteRunner {

    public static final String RESULTS_FILE = "results.json";

    private final Progress progress;
    private final int warmupPasses;
    private final double longWarmupSeconds;

    public SuiteRunner(Progress progress) {
        this(progress, 0, Defaults.LONG_WARMUP_SECONDS);
    }

    private SuiteRunner(Progress progress, int warmupPasses, double longWarmupSeconds) {
        if (warmupPasses < 0) throw new IllegalArgumentException("warm-up passes must be 0 or more, was " + warmupPasses);
        this.progress = progress;
        this.warmupPasses = warmupPasses;
        this.longWarmupSeconds = longWarmupSeconds;
    }

    /**
     * The same runner, running {@code passes} unmeasured passes over every cell of an interleaved run (each cell's
     * {@link CellMeasurement#warmUp}, in a seeded order per pass) before the measured ones. A cell whose last warm-up
     * lasted {@link Defaults#LONG_WARMUP_SECONDS} or more sits the remaining passes out, so the warm-up scales with the
     * work asked: a suite of short cells gets every pass, one long cell one warm-up.
     */
    public SuiteRunner withWarmupPasses(int passes) {
        return new SuiteRunner(progress, passes, longWarmupSeconds);
    }

    /** The same runner with another bound for {@link #withWarmupPasses}'s long warm-up, seconds. */
    SuiteRunner withLongWarmupSeconds(double seconds) {
        return new SuiteRunner(progress, warmupPasses, seconds);
    }

    /**
     * @param runCell  runs one cell (the caller owns Spark, tiers and datasets)
     * @return the final results
     */
    public Results run(String suite, List<CellSpec> cells, Path outDir, Environment env,
                       Map<String, String> config, Function<CellSpec, CellResult> runCell, Function<CellSpec, String> idOf) {
        Path file = outDir.resolve(RESULTS_FILE);
        Results results = resume(file, suite, config).orElseGet(() ->
                new Results(Results.SCHEMA_V1, suite, Instant.now().toString(), env, config, List.of()));
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

    /**
     * Runs a suite's cells with their repetitions interleaved, the way JMH fights drift: every pending cell is
     * opened and warmed up, then {@link #withWarmupPasses} unmeasured passes run over all of them, then each pass measures one repetition of every cell that still needs one, in an order
     * shuffled from {@code orderSeed} and the pass number, until every cell has enough ({@link CellMeasurement#enough}).
     * Faults are then injected cell by cell and each result is written as soon as it exists. A cell that throws is
     * recorded as failed and the others go on. A kill during the passes loses the measurements of the cells not yet
     * finished; a rerun into the same directory measures them again.
     *
     * @return the final results
     */
    public Results runInterleaved(String suite, List<CellSpec> cells, Path outDir, Environment env, Map<String, String> config,
                                  Function<CellSpec, CellMeasurement> open, Function<CellSpec, String> idOf, long orderSeed) {
        Path file = outDir.resolve(RESULTS_FILE);
        Results results = resume(file, suite, config).orElseGet(() ->
                new Results(Results.SCHEMA_V1, suite, Instant.now().toString(), env, config, List.of()));
        ResultsCodec.write(results, file);
        progress.plan(cells.size());
        Map<String, CellMeasurement> live = new LinkedHashMap<>();
        Map<String, Integer> indexOf = new LinkedHashMap<>();
        Map<String, Boolean> warmedLong = new LinkedHashMap<>();
        // repetition i of every cell measured below runs in pass i: the series lets analysis pair them (Pairing)
        String series = Instant.now() + " order seed " + orderSeed;
        PhaseClock phases = new PhaseClock();
        Map<String, Double> firstWarmUp = new LinkedHashMap<>();
        try {
            phases.begin("set-up and first warm-up");
            for (int i = 0; i < cells.size(); i++) {
                CellSpec spec = cells.get(i);
                String id = idOf.apply(spec);
                if (results.cell(id).filter(CellResult::ok).isPresent()) {
                    progress.note("  [" + (i + 1) + "/" + cells.size() + "] " + id + ": already measured in " + file + ", skipped");
                    continue;
                }
                progress.cellStarted(i, id);
                CellMeasurement m = null;
                try {
                    m = open.apply(spec);
                    long w0 = System.nanoTime();
                    m.warmUp();
                    double took = (System.nanoTime() - w0) / 1e9;
                    warmedLong.put(id, took >= longWarmupSeconds);
                    firstWarmUp.put(id, took);
                    live.put(id, m);
                    indexOf.put(id, i);
                } catch (Exception e) {
                    if (m != null) m.close();
                    results = record(results, file, CellResult.failed(spec.key().withDevice(id), spec, oneLine(e)));
                }
            }
            phases.begin("warm-up passes");
            for (int w = 0; w < warmupPasses && !live.isEmpty(); w++) {
                // a cell whose warm-up already took long is warm: more passes would only multiply a long run's time
                List<String> order = new ArrayList<>(live.keySet().stream().filter(id -> !warmedLong.getOrDefault(id, false)).toList());
                if (order.isEmpty()) break;
                Collections.shuffle(order, new Random(orderSeed * 1_000_003L - 1 - w));
                progress.note("factortwo: warm-up pass " + (w + 1) + " of " + warmupPasses + ", " + order.size() + " cells, not measured"
                        + (order.size() < live.size() ? " (" + (live.size() - order.size()) + " warm after a warm-up of "
                        + longWarmupSeconds + " s or more)" : "") + " (elapsed " + phases.elapsed() + ")");
                for (String id : order) {
                    CellMeasurement m = live.get(id);
                    progress.cellStarted(indexOf.get(id), id);
                    try {
                        long w0 = System.nanoTime();
                        m.warmUp();
                        warmedLong.put(id, (System.nanoTime() - w0) / 1e9 >= longWarmupSeconds);
                    } catch (Exception e) {
                        live.remove(id).close();
                        results = record(results, file, CellResult.failed(m.spec().key().withDevice(id), m.spec(), oneLine(e)));
                    }
                }
            }
            int position = 0;
            phases.begin("measured passes");
            for (int pass = 0; ; pass++) {
                List<String> order = new ArrayList<>();
                live.forEach((id, m) -> {
                    if (!m.enough()) order.add(id);
                });
                if (order.isEmpty()) break;
                Collections.shuffle(order, new Random(orderSeed * 1_000_003L + pass));
                progress.note("factortwo: measured pass " + (pass + 1) + ", " + order.size() + " cells in seeded random order (elapsed "
                        + phases.elapsed() + ")");
                for (String id : order) {
                    CellMeasurement m = live.get(id);
                    progress.cellStarted(indexOf.get(id), id);
                    try {
                        m.measureOne(position++);
                    } catch (Exception e) {
                        live.remove(id).close();
                        results = record(results, file, CellResult.failed(m.spec().key().withDevice(id), m.spec(), oneLine(e)));
                    }
                }
            }
            phases.begin("faults and results");
            if (!live.isEmpty()) progress.note("factortwo: faults and results, cell by cell (elapsed " + phases.elapsed() + ")");
            for (var e : List.copyOf(live.entrySet())) {
                String id = e.getKey();
                CellMeasurement m = e.getValue();
                progress.cellStarted(indexOf.get(id), id);
                CellResult r;
                try {
                    long f0 = System.nanoTime();
                    r = m.finish();
                    r = r.withAttribute(CellAttribute.INTERLEAVED_SERIES.key(), series)
                            .withAttribute(FIRST_WARM_UP_SECONDS, String.format(java.util.Locale.ROOT, "%.2f", firstWarmUp.getOrDefault(id, 0.0)))
                            .withAttribute(FINISH_SECONDS, String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - f0) / 1e9));
                } catch (Exception ex) {
                    r = CellResult.failed(m.spec().key().withDevice(id), m.spec(), oneLine(ex));
                }
                live.remove(id).close();
                results = record(results, file, r);
            }
            phases.end();
            progress.note("factortwo: time by phase: " + phases);
        } finally {
            live.values().forEach(CellMeasurement::close);
        }
        return results;
    }

    /** Attribute: seconds the cell's first warm-up took (set-up included), before any pass. */
    public static final String FIRST_WARM_UP_SECONDS = "firstWarmUpSeconds";
    /** Attribute: seconds spent after the measured passes on the cell: its faults injected and its result assembled. */
    public static final String FINISH_SECONDS = "finishSeconds";

    /** Wall time per phase of an interleaved run, in the order the phases began. Not thread-safe. */
    static final class PhaseClock {
        private final long started = System.nanoTime();
        private final Map<String, Long> nanos = new LinkedHashMap<>();
        private String current;
        private long since;

        void begin(String phase) {
            end();
            current = phase;
            since = System.nanoTime();
        }

        void end() {
            if (current != null) nanos.merge(current, System.nanoTime() - since, Long::sum);
            current = null;
        }

        String elapsed() {
            return Progress.fmt(java.time.Duration.ofNanos(System.nanoTime() - started));
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            nanos.forEach((phase, n) -> parts.add(phase + " " + Progress.fmt(java.time.Duration.ofNanos(n))));
            return String.join(", ", parts) + " (total " + elapsed() + ")";
        }
    }

    private Results record(Results results, Path file, CellResult r) {
        Results next = results.with(r);
        ResultsCodec.write(next, file);
        progress.cellFinished(summary(r));
        return next;
    }

    /** Earlier results in {@code file} made with the same suite and settings, or empty when there are none. */
    static Optional<Results> resume(Path file, String suite, Map<String, String> config) {
        if (!Files.exists(file)) return Optional.empty();
        Results old = ResultsCodec.read(file);
        if (!old.suite().equals(suite) || !old.config().equals(config)) {
            throw new UserError(file + " holds results of suite '" + old.suite() + "' with settings "
                    + old.config() + "; this run is suite '" + suite + "' with " + config
                    + ". Use another --out directory to keep both.");
        }
        return Optional.of(old);
    }

    static String summary(CellResult r) {
        if (!r.ok()) return "FAILED: " + r.error();
        String acc = Double.isNaN(r.testAccuracy()) ? "" : String.format(", accuracy %.3f", r.testAccuracy());
        String verdict = r.reproducibility() == null ? "" : ", " + r.reproducibility().verdict().word();
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
