package dev.factortwo.reports.gate;

import dev.factortwo.model.CellAttribute;
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
        return compare(baseline, candidate, options, "candidate", "the baseline");
    }

    /** {@link #compare}, naming the two sides {@code candidateName} and {@code baselineName} in its one-line refusal. */
    private static GateReport compare(Results baseline, Results candidate, GateOptions options, String candidateName, String baselineName) {
        if (!Objects.equals(baseline.suite(), candidate.suite())) {
            throw new GateInputException(candidateName + " is from suite '" + candidate.suite() + "' but " + baselineName
                    + " is from suite '" + baseline.suite() + "'; compare runs of the same suite");
        }
        List<CheckResult> checks = new ArrayList<>();
        checks.add(EnvironmentCheck.check(facts(baseline), facts(candidate), options));
        LoadCheck.check(baseline, candidate).ifPresent(checks::add);
        Compared cells = compareAll(byId(baseline.cells()), byId(candidate.cells()), cells(options), options);
        checks.addAll(cells.checks());
        return new GateReport(GateReport.RESULTS, baseline.suite(), "baseline", "candidate", options, cells.speed().prior(), checks);
    }

    /**
     * The speed decision for every cell that ran in both files (matched on {@link CellKey}), by the one rule of
     * {@link SlowdownTest}: exactly the speed checks of {@link #compare}, and what the HTML and Markdown reports say
     * against a baseline. Unlike {@link #compare} it does not insist on the same suite. Cells missing or failed on
     * either side have no entry.
     */
    public static Map<CellKey, SlowdownTest.Decision> speed(Results baseline, Results candidate, GateOptions options) {
        Map<String, CellResult> base = byId(baseline.cells());
        SlowdownTest.Outcome outcome = compareAll(base, byId(candidate.cells()), cells(options), options).speed();
        Map<CellKey, SlowdownTest.Decision> out = new LinkedHashMap<>();
        for (SlowdownTest.Decision d : outcome.decisions()) out.put(base.get(d.subject()).key(), d);
        return out;
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
        Compared benchmarks = compareAll(base, cand, JMH, options);
        checks.addAll(benchmarks.checks());
        return new GateReport(GateReport.JMH, "jmh", "baseline", "candidate", options, benchmarks.speed().prior(), checks);
    }

    /** What the gate needs to know of one kind of subject (a results cell, a JMH benchmark) to compare two sides of it. */
    private interface Subjects<T> {
        /** The rows of a subject both sides hold, and its speed samples where its speed is compared. */
        Judged judge(String id, T baseline, T candidate);

        /** The note on a subject only the candidate holds. */
        String onlyInCandidate(T candidate);
    }

    /** A subject's rows besides speed, and its speed series where it is compared. */
    private record Judged(List<CheckResult> rows, Optional<SpeedSeries> speed) {
        static Judged only(CheckResult row) {
            return new Judged(List.of(row), Optional.empty());
        }
    }

    /** Every subject's rows, the speed rows first, in baseline order, then those new in the candidate; and the speed outcome. */
    private record Compared(List<CheckResult> checks, SlowdownTest.Outcome speed) {
    }

    /**
     * The one comparison loop, for cells and JMH benchmarks alike: a subject missing from the candidate fails, one
     * both hold is judged by {@code subjects}, the speeds of all judged subjects are decided together as one family
     * ({@link SlowdownTest}), and one only the candidate holds is noted.
     */
    private static <T> Compared compareAll(Map<String, T> base, Map<String, T> cand, Subjects<T> subjects, GateOptions options) {
        List<SpeedSeries> series = new ArrayList<>();
        Map<String, List<CheckResult>> perSubject = new LinkedHashMap<>();
        for (Map.Entry<String, T> b : base.entrySet()) {
            List<CheckResult> rows = perSubject.computeIfAbsent(b.getKey(), k -> new ArrayList<>());
            T c = cand.get(b.getKey());
            if (c == null) {
                rows.add(new CheckResult(b.getKey(), Check.PRESENCE, Status.FAIL, Numbers.NONE, "missing from the candidate"));
                continue;
            }
            Judged judged = subjects.judge(b.getKey(), b.getValue(), c);
            rows.addAll(judged.rows());
            judged.speed().ifPresent(series::add);
        }
        SlowdownTest.Outcome speed = new SlowdownTest(Statistics.standard(), options).check(series);
        for (CheckResult r : speed.results()) perSubject.get(r.subject()).add(0, r);
        List<CheckResult> checks = new ArrayList<>();
        perSubject.values().forEach(checks::addAll);
        for (Map.Entry<String, T> c : cand.entrySet()) {
            if (!base.containsKey(c.getKey())) {
                checks.add(new CheckResult(c.getKey(), Check.PRESENCE, Status.INFO, Numbers.NONE, subjects.onlyInCandidate(c.getValue())));
            }
        }
        return new Compared(checks, speed);
    }

    /** Cells: presence, rounds that did not pair, accuracy, reproducibility, and speed. */
    private static Subjects<CellResult> cells(GateOptions options) {
        return new Subjects<>() {
            @Override
            public Judged judge(String id, CellResult b, CellResult c) {
                if (!c.ok()) {
                    return Judged.only(new CheckResult(id, Check.PRESENCE, Status.FAIL, Numbers.NONE,
                            "failed in the candidate: " + Objects.requireNonNullElse(c.error(), "no error recorded")));
                }
                if (!b.ok()) {
                    return Judged.only(new CheckResult(id, Check.PRESENCE, Status.WARN, Numbers.NONE,
                            "failed in the baseline, ran in the candidate: not compared; refresh the baseline"));
                }
                Optional<String> lost = failedRounds(b, c, options);
                if (lost.isPresent()) return Judged.only(new CheckResult(id, Check.PRESENCE, Status.FAIL, Numbers.NONE, lost.get()));
                List<CheckResult> rows = new ArrayList<>();
                AccuracyCheck.check(id, b.testAccuracy(), c.testAccuracy(), options).ifPresent(rows::add);
                ReproducibilityCheck.check(id, b.reproducibility(), c.reproducibility()).ifPresent(rows::add);
                return new Judged(rows, Optional.of(series(b, c, options)));
            }

            @Override
            public String onlyInCandidate(CellResult c) {
                return "new in the candidate" + (c.ok() ? "" : " (failed: " + c.error() + ")") + "; not compared";
            }
        };
    }

    /** JMH benchmarks: presence, units, enough forks, and speed over per-fork means. */
    private static final Subjects<JmhBenchmark> JMH = new Subjects<>() {
        @Override
        public Judged judge(String key, JmhBenchmark b, JmhBenchmark c) {
            if (!b.unit().equals(c.unit())) {
                return Judged.only(new CheckResult(key, Check.SPEED, Status.WARN, Numbers.of(b.score(), c.score(), b.unit()),
                        "units differ (" + b.unit() + " vs " + c.unit() + "): not compared; run both with the same -tu"));
            }
            if (forks(b) < MIN_JMH_FORKS || forks(c) < MIN_JMH_FORKS) {
                return Judged.only(new CheckResult(key, Check.SPEED, Status.WARN, Numbers.of(b.score(), c.score(), b.unit()),
                        "cannot judge: " + forks(b) + " vs " + forks(c) + " forks; the fork is JMH's unit of replication "
                                + "(iterations inside one fork are not independent samples): run with -f " + MIN_JMH_FORKS + " or more"));
            }
            return new Judged(List.of(), Optional.of(new SpeedSeries(key, b.samples(), c.samples(), b.higherIsBetter(), b.unit(), "per-fork means")));
        }

        @Override
        public String onlyInCandidate(JmhBenchmark c) {
            return "new in the candidate; not compared";
        }
    };

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
                report = compare(rb, rc, options, candidate + ": candidate", "the baseline " + baseline);
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

    /** Cells by id ({@link CellKey#id}, one per key), in file order. */
    private static Map<String, CellResult> byId(List<CellResult> cells) {
        Map<String, CellResult> m = new LinkedHashMap<>();
        for (CellResult c : cells) m.put(c.id(), c);
        return m;
    }

    /**
     * Under the paired t, the rounds of {@code compare} where either side has no mean ({@code NaN} in
     * {@link Rounds#CellAttribute.ROUND_SAMPLES_PER_SECOND.key()}: the cell failed there), in words; empty when every round paired. Such a cell fails
     * the gate: the rounds left are not the comparison asked for.
     */
    private static Optional<String> failedRounds(CellResult b, CellResult c, GateOptions options) {
        if (options.test() != GateOptions.Test.PAIRED_T) return Optional.empty();
        double[] rb = b.numbers(CellAttribute.ROUND_SAMPLES_PER_SECOND.key()).orElse(null), rc = c.numbers(CellAttribute.ROUND_SAMPLES_PER_SECOND.key()).orElse(null);
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
     * of {@code compare} ({@link Rounds#CellAttribute.ROUND_SAMPLES_PER_SECOND.key()}), every round paired ({@link #failedRounds} fails the rest).
     */
    private static SpeedSeries series(CellResult b, CellResult c, GateOptions options) {
        if (options.test() == GateOptions.Test.PAIRED_T) {
            double[] rb = b.numbers(CellAttribute.ROUND_SAMPLES_PER_SECOND.key()).orElse(null), rc = c.numbers(CellAttribute.ROUND_SAMPLES_PER_SECOND.key()).orElse(null);
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
