package dev.factortwo.reports.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.Environment;
import dev.factortwo.model.ExitCode;
import dev.factortwo.model.Results;
import dev.factortwo.model.analysis.Rounds;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.model.json.ResultsFormatException;
import dev.factortwo.model.stats.Statistics;
import dev.factortwo.reports.jmh.JmhBenchmark;
import dev.factortwo.reports.jmh.JmhResultsReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The regression gate: compares a candidate run against a baseline, cell by cell (matched on
 * {@link CellKey}) or JMH benchmark by benchmark, into one {@link GateReport}. Stateless, thread-safe.
 *
 * <pre>{@code
 * GateReport r = Gate.compare(ResultsCodec.read(base), ResultsCodec.read(cand), GateOptions.defaults());
 * System.exit(r.exitCode().code());
 * // or everything at once, as the CLI does:
 * int code = Gate.run(base, cand, GateOptions.defaults(), Optional.of(junit), Optional.of(md), System.out);
 * }</pre>
 *
 * <p>Checks per cell: speed (see {@link GateOptions} for the decision rule), test accuracy, reproducibility,
 * presence (missing from the candidate or failed there: fail; new in the candidate: info); once per
 * comparison: environment (device, CPU, cores, memory, Spark master, JDK major, TensorFlow/Spark/Hadoop versions:
 * refused unless the environment change is allowed, then a warning).
 */
public final class Gate {

    private Gate() {
    }

    /**
     * Compares two factortwo results files.
     *
     * @throws GateInputException when the two are from different suites
     */
    public static GateReport compare(Results baseline, Results candidate, GateOptions options) {
        if (!Objects.equals(baseline.suite(), candidate.suite())) {
            throw new GateInputException("candidate is from suite '" + candidate.suite() + "' but the baseline is from suite '"
                    + baseline.suite() + "'; compare runs of the same suite");
        }
        Map<CellKey, CellResult> base = byKey(baseline.cells());
        Map<CellKey, CellResult> cand = byKey(candidate.cells());
        List<CheckResult> checks = new ArrayList<>();
        checks.add(EnvironmentCheck.check(facts(baseline), facts(candidate), options));
        LoadCheck.check(baseline, candidate).ifPresent(checks::add);

        Map<String, List<CheckResult>> perCell = new LinkedHashMap<>();
        for (CellResult b : base.values()) {
            String id = b.id();
            List<CheckResult> rows = perCell.computeIfAbsent(id, k -> new ArrayList<>());
            CellResult c = cand.get(b.key());
            if (c == null) {
                rows.add(new CheckResult(id, Check.PRESENCE, Status.FAIL, Numbers.NONE, "missing from the candidate"));
                continue;
            }
            if (!c.ok()) {
                rows.add(new CheckResult(id, Check.PRESENCE, Status.FAIL, Numbers.NONE,
                        "failed in the candidate: " + Objects.requireNonNullElse(c.error(), "no error recorded")));
                continue;
            }
            if (!b.ok()) {
                rows.add(new CheckResult(id, Check.PRESENCE, Status.WARN, Numbers.NONE,
                        "failed in the baseline, ran in the candidate: not compared; refresh the baseline"));
                continue;
            }
            Optional<String> lost = failedRounds(b, c, options);
            if (lost.isPresent()) {
                rows.add(new CheckResult(id, Check.PRESENCE, Status.FAIL, Numbers.NONE, lost.get()));
                continue;
            }
            accuracy(id, b.testAccuracy(), c.testAccuracy(), options).ifPresent(rows::add);
            ReproducibilityCheck.check(id, b.reproducibility(), c.reproducibility()).ifPresent(rows::add);
        }
        SlowdownTest.Outcome speed = speed(base, cand, options);
        for (CheckResult r : speed.results()) perCell.get(r.subject()).add(0, r);
        perCell.values().forEach(checks::addAll);
        for (CellResult c : cand.values()) {
            if (!base.containsKey(c.key())) {
                checks.add(new CheckResult(c.id(), Check.PRESENCE, Status.INFO, Numbers.NONE,
                        "new in the candidate" + (c.ok() ? "" : " (failed: " + c.error() + ")") + "; not compared"));
            }
        }
        return new GateReport(GateReport.RESULTS, baseline.suite(), "baseline", "candidate", options, speed.prior(), checks);
    }

    /**
     * The speed decision for every cell that ran in both files (matched on {@link CellKey}), by the one rule of
     * {@link SlowdownTest}: exactly the speed checks of {@link #compare}, and what the HTML and Markdown reports say
     * against a baseline. Unlike {@link #compare} it does not insist on the same suite. Cells missing or failed on
     * either side have no entry.
     */
    public static Map<CellKey, SlowdownTest.Decision> speed(Results baseline, Results candidate, GateOptions options) {
        Map<CellKey, CellResult> base = byKey(baseline.cells());
        SlowdownTest.Outcome outcome = speed(base, byKey(candidate.cells()), options);
        Map<String, CellKey> keys = new LinkedHashMap<>();
        base.values().forEach(b -> keys.put(b.id(), b.key()));
        Map<CellKey, SlowdownTest.Decision> out = new LinkedHashMap<>();
        for (SlowdownTest.Decision d : outcome.decisions()) out.put(keys.get(d.subject()), d);
        return out;
    }

    /** The speed rule over every cell that ran in both, in baseline order, as one family. */
    private static SlowdownTest.Outcome speed(Map<CellKey, CellResult> base, Map<CellKey, CellResult> cand, GateOptions options) {
        List<SpeedSeries> series = new ArrayList<>();
        for (CellResult b : base.values()) {
            CellResult c = cand.get(b.key());
            if (c != null && c.ok() && b.ok() && failedRounds(b, c, options).isEmpty()) series.add(series(b, c, options));
        }
        return new SlowdownTest(Statistics.standard(), options).check(series);
    }

    /** Forks a side needs before the gate judges a JMH benchmark: fewer give too few independent samples. */
    public static final int MIN_JMH_FORKS = 3;

    private static int forks(JmhBenchmark b) {
        return (int) b.forks().stream().filter(f -> !f.isEmpty()).count();
    }

    /** Compares two JMH result files, benchmark by benchmark (key: benchmark, mode and params). */
    public static GateReport compareJmh(List<JmhBenchmark> baseline, List<JmhBenchmark> candidate, GateOptions options) {
        Map<String, JmhBenchmark> base = new LinkedHashMap<>(), cand = new LinkedHashMap<>();
        baseline.forEach(b -> base.put(b.key(), b));
        candidate.forEach(c -> cand.put(c.key(), c));
        List<CheckResult> checks = new ArrayList<>();
        checks.add(EnvironmentCheck.check(jmhFacts(baseline), jmhFacts(candidate), options));
        List<SpeedSeries> series = new ArrayList<>();
        Map<String, List<CheckResult>> perKey = new LinkedHashMap<>();
        for (JmhBenchmark b : base.values()) {
            List<CheckResult> rows = perKey.computeIfAbsent(b.key(), k -> new ArrayList<>());
            JmhBenchmark c = cand.get(b.key());
            if (c == null) {
                rows.add(new CheckResult(b.key(), Check.PRESENCE, Status.FAIL, Numbers.NONE, "missing from the candidate"));
            } else if (!b.unit().equals(c.unit())) {
                rows.add(new CheckResult(b.key(), Check.SPEED, Status.WARN, Numbers.of(b.score(), c.score(), b.unit()),
                        "units differ (" + b.unit() + " vs " + c.unit() + "): not compared; run both with the same -tu"));
            } else if (forks(b) < MIN_JMH_FORKS || forks(c) < MIN_JMH_FORKS) {
                rows.add(new CheckResult(b.key(), Check.SPEED, Status.WARN, Numbers.of(b.score(), c.score(), b.unit()),
                        "cannot judge: " + forks(b) + " vs " + forks(c) + " forks; the fork is JMH's unit of replication "
                                + "(iterations inside one fork are not independent samples): run with -f " + MIN_JMH_FORKS + " or more"));
            } else {
                String note = "per-fork means";
                series.add(new SpeedSeries(b.key(), b.samples(), c.samples(), b.higherIsBetter(), b.unit(), note));
            }
        }
        SlowdownTest.Outcome speed = new SlowdownTest(Statistics.standard(), options).check(series);
        for (CheckResult r : speed.results()) perKey.get(r.subject()).add(0, r);
        perKey.values().forEach(checks::addAll);
        for (JmhBenchmark c : cand.values()) {
            if (!base.containsKey(c.key())) {
                checks.add(new CheckResult(c.key(), Check.PRESENCE, Status.INFO, Numbers.NONE, "new in the candidate; not compared"));
            }
        }
        return new GateReport(GateReport.JMH, "jmh", "baseline", "candidate", options, speed.prior(), checks);
    }

    /**
     * Everything the CLI's {@code gate} command does: reads both files (factortwo results or JMH JSON, detected
     * by content), compares, writes the JUnit XML and Markdown where asked, prints the console table, and
     * returns the exit code. User errors (unreadable or mismatched inputs, unwritable outputs) print one
     * line naming the file and the problem, no stack trace, and return {@link ExitCode#BAD_INPUT}.
     */
    public static int run(Path baseline, Path candidate, GateOptions options, Optional<Path> junitOut,
                          Optional<Path> markdownOut, PrintStream console) {
        GateReport report;
        try {
            Object b = readInput(baseline), c = readInput(candidate);
            if (b instanceof Results rb && c instanceof Results rc) {
                if (!Objects.equals(rb.suite(), rc.suite())) {
                    throw new GateInputException(candidate + ": candidate is from suite '" + rc.suite() + "' but the baseline "
                            + baseline + " is from suite '" + rb.suite() + "'; compare runs of the same suite");
                }
                report = compare(rb, rc, options);
            } else if (b instanceof List<?> jb && c instanceof List<?> jc) {
                report = compareJmh(jmh(jb), jmh(jc), options);
            } else {
                throw new GateInputException(candidate + ": is " + describe(c) + " but the baseline " + baseline + " is "
                        + describe(b) + "; compare files of the same kind");
            }
        } catch (ResultsFormatException | GateInputException e) {
            console.println("gate: " + e.getMessage());
            return ExitCode.BAD_INPUT.code();
        }
        report = report.withSources(baseline.toString(), candidate.toString());
        try {
            if (junitOut.isPresent()) write(junitOut.get(), new JUnitXml().render(report));
            if (markdownOut.isPresent()) write(markdownOut.get(), new GateMarkdown().render(report));
        } catch (UncheckedIOException e) {
            console.println("gate: " + e.getMessage());
            return ExitCode.BAD_INPUT.code();
        }
        console.print(new ConsoleTable().render(report));
        return report.exitCode().code();
    }

    /** Results, or a List of JmhBenchmark, by content. */
    private static Object readInput(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return ResultsCodec.read(file); // throws the codec's message (no such file, cannot read)
        }
        if (!text.isBlank() && text.stripLeading().startsWith("[")) {
            JsonNode root;
            try {
                root = ResultsCodec.mapper().readTree(text);
            } catch (IOException e) {
                return ResultsCodec.parse(file, text); // throws "not valid JSON (truncated?) at line ..."
            }
            return JmhResultsReader.parse(file, root);
        }
        return ResultsCodec.parse(file, text);
    }

    private static String describe(Object input) {
        return input instanceof Results ? "a factortwo results file" : "a JMH results file";
    }

    private static List<JmhBenchmark> jmh(List<?> list) {
        return list.stream().map(JmhBenchmark.class::cast).toList();
    }

    private static void write(Path file, String text) {
        ResultsCodec.writeAtomically(file, text);
    }

    private static Map<CellKey, CellResult> byKey(List<CellResult> cells) {
        Map<CellKey, CellResult> m = new LinkedHashMap<>();
        for (CellResult c : cells) m.put(c.key(), c);
        return m;
    }

    /**
     * Under the paired t, the rounds of {@code compare} where either side has no mean ({@code NaN} in
     * {@link Rounds#ROUND_MEANS}: the cell failed there), in words; empty when every round paired. Such a cell fails
     * the gate: the rounds left are not the comparison asked for.
     */
    private static Optional<String> failedRounds(CellResult b, CellResult c, GateOptions options) {
        if (options.test() != GateOptions.Test.PAIRED_T) return Optional.empty();
        double[] rb = b.numbers(Rounds.ROUND_MEANS).orElse(null), rc = c.numbers(Rounds.ROUND_MEANS).orElse(null);
        if (rb == null || rc == null) return Optional.empty();
        if (rb.length != rc.length) {
            return Optional.of("the baseline has " + rb.length + " rounds and the candidate " + rc.length + ": not paired, not a pass");
        }
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < rb.length; i++) {
            if (!Double.isFinite(rb[i]) || !Double.isFinite(rc[i])) {
                lost.add((i + 1) + " (" + (!Double.isFinite(rb[i]) && !Double.isFinite(rc[i]) ? "both" : !Double.isFinite(rb[i]) ? "baseline" : "candidate") + ")");
            }
        }
        return lost.isEmpty() ? Optional.empty()
                : Optional.of("failed in round " + String.join(", ", lost) + " of " + rb.length + ": not compared, not a pass");
    }

    /**
     * A cell's speed samples on both sides: each repetition's samples/s, or under the paired t the per-round means
     * of {@code compare} ({@link Rounds#ROUND_MEANS}), every round paired ({@link #failedRounds} fails the rest).
     */
    private static SpeedSeries series(CellResult b, CellResult c, GateOptions options) {
        if (options.test() == GateOptions.Test.PAIRED_T) {
            double[] rb = b.numbers(Rounds.ROUND_MEANS).orElse(null), rc = c.numbers(Rounds.ROUND_MEANS).orElse(null);
            if (rb != null && rc != null && rb.length == rc.length) {
                return new SpeedSeries(b.id(), rb, rc, true, "samples/s", "means of " + rb.length + " paired rounds", true);
            }
        }
        return new SpeedSeries(b.id(), samples(b), samples(c), true, "samples/s", "");
    }


    private static double[] samples(CellResult c) {
        if (c.samplesPerSecond() != null && !c.samplesPerSecond().values().isEmpty()) return c.samplesPerSecond().toArray();
        return c.repetitions().stream().mapToDouble(r -> r.samplesPerSecond()).toArray();
    }

    private static Optional<CheckResult> accuracy(String id, double b, double c, GateOptions o) {
        if (Double.isNaN(b)) return Optional.empty();
        Numbers n = new Numbers(b, c, c - b, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, "accuracy");
        if (Double.isNaN(c)) {
            return Optional.of(new CheckResult(id, Check.ACCURACY, Status.WARN, n, "the candidate recorded no test accuracy"));
        }
        double drop = b - c;
        String text = String.format(java.util.Locale.ROOT, "test accuracy %.4f -> %.4f (%+.4f, limit -%s)",
                b, c, c - b, SlowdownTest.trim(o.maxAccuracyDrop()));
        if (drop > o.maxAccuracyDrop() + 1e-12) {
            return Optional.of(new CheckResult(id, Check.ACCURACY, Status.FAIL, n, "accuracy dropped: " + text));
        }
        return Optional.of(new CheckResult(id, Check.ACCURACY, Status.PASS, n, text));
    }

    private static EnvironmentCheck.Facts facts(Results r) {
        String devices = r.cells().stream().map(c -> c.key().device()).collect(Collectors.toCollection(TreeSet::new))
                .stream().collect(Collectors.joining(","));
        Environment e = r.environment();
        String gpu = e == null || e.gpu() == null || e.gpu().isBlank() || "none".equals(e.gpu()) ? "" : " (" + e.gpu() + ")";
        if (e == null) return new EnvironmentCheck.Facts(devices.isEmpty() ? null : devices, null, null);
        return new EnvironmentCheck.Facts(devices.isEmpty() ? null : devices + gpu, e.jdk(), e.tensorflowVersion(),
                e.cpuModel(), e.cores() > 0 ? String.valueOf(e.cores()) : null, EnvironmentCheck.gib(e.memoryBytes()),
                e.extra().get("sparkMaster"), e.sparkVersion(), e.hadoopVersion());
    }

    private static EnvironmentCheck.Facts jmhFacts(List<JmhBenchmark> list) {
        String jdk = list.stream().map(JmhBenchmark::jdkVersion).filter(Objects::nonNull).findFirst().orElse(null);
        return new EnvironmentCheck.Facts(null, jdk, null);
    }
}
