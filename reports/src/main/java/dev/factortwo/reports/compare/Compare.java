package dev.factortwo.reports.compare;

import dev.factortwo.model.ExitCode;
import dev.factortwo.model.Results;
import dev.factortwo.model.UserError;
import dev.factortwo.model.stats.Statistics;
import dev.factortwo.model.analysis.Rounds;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.model.json.ResultsFormatException;
import dev.factortwo.reports.ReportInput;
import dev.factortwo.reports.output.Reports;
import dev.factortwo.reports.gate.Gate;
import dev.factortwo.reports.gate.GateOptions;
import dev.factortwo.reports.gate.LoadCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Relative benchmarking: a baseline build and a candidate build measured in one job, on one machine, their runs
 * interleaved, and gated on that. A stored baseline compares two moments on possibly different machines; on a
 * shared CI runner the machine and its neighbours change between those moments, and the gate either refuses the
 * comparison or is fooled by it. Here both builds share every minute of the job.
 *
 * <p>Each of {@code rounds} rounds runs {@code run RUN-ARGS} once per build, the two in an order drawn per round
 * from {@code seed} (so that neither build always goes first, into a cooler or warmer machine). A run is a separate
 * JVM with its own Spark session and staging, so the round is the unit of replication (Kalibera and Jones's
 * "repetitions at the level of VM invocations"); each run gets {@code --target-interval 0} unless {@code runArgs}
 * set it, so that it runs the repetitions asked for rather than adding some until its own interval is narrow. Each side's rounds are merged by {@link Rounds#merge} and gated by
 * {@link Gate} with the paired t ({@link GateOptions.Test#PAIRED_T}) on the per-round means: whatever load a
 * round had, both builds had it within minutes of each other, and pairing cancels it.
 *
 * <p>Before the rounds each side's {@code --version} runs once, so that a launcher building its jar on first use
 * builds it outside the rounds. Writes, under {@code out}: {@code rounds/SIDE-prepare.log}, {@code rounds/rNN-SIDE/}
 * (each run's own output) and {@code rounds/rNN-SIDE.log};
 * {@code baseline/results.json} and {@code candidate/results.json} (merged); {@code gate.md}, {@code gate-junit.xml}
 * and {@code report.html}. A round whose run finished ({@code results.json} written and the run's exit recorded in
 * {@code rNN-SIDE.exit}) is not run again, so an interrupted comparison resumes where it stopped.
 *
 * <pre>{@code
 * Compare.Side base = new Compare.Side("baseline", List.of("/ci/main/factortwo"), List.of());
 * Compare.Side cand = new Compare.Side("candidate", List.of("./factortwo"), List.of());
 * int exit = new Compare(base, cand, 6, 42, List.of("--suite", "quick", "--repetitions", "2"), Path.of("runs/cmp"))
 *         .run(GateOptions.defaults().withTest(GateOptions.Test.PAIRED_T), System.out);
 * }</pre>
 * Not thread-safe; one comparison per instance.
 */
public final class Compare {

    /**
     * One build under comparison.
     *
     * @param name       {@code baseline} or {@code candidate}
     * @param command    the command that runs this build's CLI, e.g. {@code [/path/to/checkout/factortwo]}
     * @param extraArgs  arguments added to this side's {@code run} only (e.g. {@code --throttle 20} to plant a
     *                   slowdown and see that the comparison catches it)
     */
    public record Side(String name, List<String> command, List<String> extraArgs) {
        public Side {
            command = List.copyOf(command);
            extraArgs = List.copyOf(extraArgs);
            if (command.isEmpty()) throw new IllegalArgumentException(name + ": no command to run");
        }
    }

    /** Environment variable telling a factortwo launcher to run its jar as built, without checking its sources. */
    static final String NO_BUILD = "FACTORTWO_NO_BUILD";

    /**
     * The one run exit a round accepts: everything ran. A run whose cells failed ({@link ExitCode#CELLS_FAILED}) fails the
     * comparison: the rounds that are left are not the comparison asked for, and a build that crashes sometimes must
     * never pass as faster over the rounds where it did not.
     */
    private static final List<Integer> ACCEPTED = List.of(ExitCode.OK.code());

    private final Side baseline;
    private final Side candidate;
    private final int rounds;
    private final long seed;
    private final List<String> runArgs;
    private final Path out;
    private final int maxReruns;
    /** Each round's results as read, by file: read once, however often the rounds are looked at. */
    private final Map<Path, Results> loaded = new HashMap<>();

    /** Rounds rerun at most, over the whole comparison, because their two runs lost different numbers of cores. */
    public static final int DEFAULT_MAX_RERUNS = 3;

    public Compare(Side baseline, Side candidate, int rounds, long seed, List<String> runArgs, Path out) {
        if (rounds < 2) throw new IllegalArgumentException("--rounds must be at least 2 (the paired t needs 2 pairs), was " + rounds);
        this.baseline = baseline;
        this.candidate = candidate;
        this.rounds = rounds;
        this.seed = seed;
        this.runArgs = List.copyOf(runArgs);
        this.out = out;
        this.maxReruns = DEFAULT_MAX_RERUNS;
    }

    private Compare(Compare c, int maxReruns) {
        this.baseline = c.baseline;
        this.candidate = c.candidate;
        this.rounds = c.rounds;
        this.seed = c.seed;
        this.runArgs = c.runArgs;
        this.out = c.out;
        if (maxReruns < 0) throw new IllegalArgumentException("--max-reruns must be 0 or more, was " + maxReruns);
        this.maxReruns = maxReruns;
    }

    /**
     * The same comparison, rerunning at most {@code reruns} rounds in all whose two runs lost cores to the rest of the
     * machine (other processes plus the hypervisor's steal) that differ by more than
     * {@link LoadCheck#MAX_DIFFERENCE_CORES}: pairing cancels load a round shared, not load that fell on one build.
     */
    public Compare withMaxReruns(int reruns) {
        return new Compare(this, reruns);
    }

    /** The order of the two sides in each round, drawn from the seed: the same seed gives the same schedule. */
    public List<List<Side>> schedule() {
        Random random = new Random(seed);
        List<List<Side>> out = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            List<Side> order = new ArrayList<>(List.of(baseline, candidate));
            Collections.shuffle(order, random);
            out.add(List.copyOf(order));
        }
        return out;
    }

    /**
     * Runs every round not yet finished, merges, gates, and writes the report. Returns the gate's exit code, or
     * {@link ExitCode#BAD_INPUT} (one line on {@code console}) when a run could not start, exited otherwise than
     * {@code 0} (cells that failed included) or left a failed cell in its results, naming the round, the side and its log.
     */
    public int run(GateOptions options, PrintStream console) {
        try {
            Files.createDirectories(out.resolve("rounds"));
            for (Side side : List.of(baseline, candidate)) console.println("compare: " + side.name() + " ready: " + prepare(side));
            List<List<Side>> schedule = schedule();
            List<Path> baseRounds = new ArrayList<>(), candRounds = new ArrayList<>();
            int reruns = 0;
            for (int r = 0; r < rounds; r++) {
                for (int attempt = 0; ; attempt++) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "compare: round %d/%d%s:", r + 1, rounds,
                            attempt == 0 ? "" : " (rerun " + attempt + ")"));
                    Map<Side, Path> dirs = new LinkedHashMap<>();
                    for (Side side : schedule.get(r)) {
                        Path dir = out.resolve("rounds").resolve(String.format(Locale.ROOT, "r%02d-%s", r + 1, side.name()));
                        dirs.put(side, dir);
                        line.append(' ').append(side.name()).append(' ').append(runOnce(side, dir, r + 1));
                    }
                    double b = LoadCheck.coresTaken(read(dirs.get(baseline).resolve("results.json")));
                    double c = LoadCheck.coresTaken(read(dirs.get(candidate).resolve("results.json")));
                    boolean uneven = Double.isFinite(b) && Double.isFinite(c) && Math.abs(b - c) > LoadCheck.MAX_DIFFERENCE_CORES;
                    if (uneven) {
                        line.append(String.format(Locale.ROOT, "; uneven load: %.2f cores taken from the baseline's run, %.2f from the candidate's", b, c));
                    }
                    if (uneven && reruns < maxReruns) {
                        reruns++;
                        console.println(line.append("; rerun (").append(reruns).append(" of at most ").append(maxReruns).append(")"));
                        for (Path dir : dirs.values()) setAside(dir, attempt + 1); // the rerun forgets what was read there
                        continue;
                    }
                    if (uneven) line.append("; kept: ").append(maxReruns).append(" reruns spent (the gate's load row names it)");
                    console.println(line);
                    baseRounds.add(dirs.get(baseline).resolve("results.json"));
                    candRounds.add(dirs.get(candidate).resolve("results.json"));
                    if (baseRounds.size() >= 2) foresee(baseRounds, candRounds, options).ifPresent(console::println);
                    break;
                }
            }
            Results base = merge(baseRounds), cand = merge(candRounds);
            Path baseFile = out.resolve("baseline").resolve("results.json"), candFile = out.resolve("candidate").resolve("results.json");
            Files.createDirectories(baseFile.getParent());
            Files.createDirectories(candFile.getParent());
            ResultsCodec.write(base, baseFile);
            ResultsCodec.write(cand, candFile);
            int exit = Gate.run(baseFile, candFile, options, Optional.of(out.resolve("gate-junit.xml")), Optional.of(out.resolve("gate.md")), console);
            Reports.write(new ReportInput(List.of(cand), Optional.of(base), options), out.resolve("report.html"), Optional.empty());
            console.println("compare: merged results, gate (gate.md, gate-junit.xml) and report.html in " + out);
            return exit;
        } catch (RoundFailed e) {
            console.println("compare: " + e.getMessage());
            return ExitCode.BAD_INPUT.code();
        } catch (IOException e) {
            console.println("compare: " + out + ": " + e.getMessage());
            return ExitCode.BAD_INPUT.code();
        }
    }

    /**
     * Runs the side's {@code --version} once before the rounds, so that a launcher that builds its jar on first use
     * (a fresh checkout of the baseline) does so outside the rounds, and a build that fails stops the comparison
     * before it starts. Returns the version line.
     */
    private String prepare(Side side) throws IOException {
        Path log = out.resolve("rounds").resolve(side.name() + "-prepare.log");
        List<String> cmd = new ArrayList<>(side.command());
        cmd.add("--version");
        int code = launch(cmd, log, false, side.name());
        if (code != 0) {
            throw new RoundFailed(side.name() + ": '" + String.join(" ", cmd) + "' exited " + code + " (building it?); last line of "
                    + log + ": " + lastLine(log));
        }
        return lastLine(log);
    }

    /** Runs one side's round unless it already finished; returns its wall time in words. */
    private String runOnce(Side side, Path dir, int round) throws IOException {
        Path log = dir.resolveSibling(dir.getFileName() + ".log"), exitFile = dir.resolveSibling(dir.getFileName() + ".exit");
        if (Files.isRegularFile(exitFile) && Files.isRegularFile(dir.resolve("results.json"))
                && ACCEPTED.contains(Integer.parseInt(Files.readString(exitFile).trim()))) {
            return "(done before)";
        }
        List<String> cmd = new ArrayList<>(side.command());
        cmd.add("run");
        cmd.addAll(runArgs);
        // the round is the unit of replication: no repetitions added inside a run until its own interval is narrow
        if (!runArgs.contains("--target-interval")) cmd.addAll(List.of("--target-interval", "0"));
        cmd.addAll(side.extraArgs());
        cmd.add("--out");
        cmd.add(dir.toString());
        long t0 = System.nanoTime();
        // built by prepare: an edit during the comparison must not rebuild one side
        forget(dir);
        int code = launch(cmd, log, true, "round " + round + ", " + side.name());
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!ACCEPTED.contains(code) || !Files.isRegularFile(dir.resolve("results.json"))) {
            throw new RoundFailed("round " + round + ", " + side.name() + ": '" + String.join(" ", cmd) + "' exited " + code
                    + (code == ExitCode.CELLS_FAILED.code() ? " (cells failed)" : "")
                    + (Files.isRegularFile(dir.resolve("results.json")) ? "" : " without results.json") + "; last line of " + log + ": "
                    + lastLine(log));
        }
        failedCell(dir.resolve("results.json")).ifPresent(cell -> {
            throw new RoundFailed("round " + round + ", " + side.name() + ": cell " + cell + " failed though the run exited 0; see " + log);
        });
        Files.writeString(exitFile, code + "\n", StandardCharsets.UTF_8);
        return String.format(Locale.ROOT, "%.0f s", seconds);
    }

    /**
     * Runs {@code cmd} with its output in {@code log} and returns its exit code. A comparison stopped meanwhile (Ctrl-C,
     * a CI timeout's SIGTERM) stops it and its own children. {@code noBuild} tells a factortwo launcher to run its jar
     * as built. Failing to start or being interrupted is a {@link RoundFailed} naming {@code what}.
     */
    private static int launch(List<String> cmd, Path log, boolean noBuild, String what) {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            if (noBuild) pb.environment().put(NO_BUILD, "1");
            p = pb.start();
        } catch (IOException e) {
            throw new RoundFailed(what + ": cannot start " + String.join(" ", cmd) + ": " + e.getMessage());
        }
        Thread stop = new Thread(() -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }, "compare-stop-run");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            int code = p.waitFor();
            Runtime.getRuntime().removeShutdownHook(stop);
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoundFailed(what + ": interrupted");
        }
    }

    /**
     * What the comparison can catch, said while it runs: from the rounds so far, per cell the variance of the rounds'
     * log-speed differences, and the smallest slowdown the paired t would detect at 95% power and the gate's alpha
     * (split over the cells, as Holm does for the worst-placed one) after these rounds and after all of them, for the
     * cell where it is largest. A projection at the noise seen so far, not a promise.
     */
    private Optional<String> foresee(List<Path> baseFiles, List<Path> candFiles, GateOptions options) {
        Map<String, List<double[]>> pairs = new LinkedHashMap<>();
        for (int r = 0; r < baseFiles.size(); r++) {
            Results b = read(baseFiles.get(r)), c = read(candFiles.get(r));
            for (var cell : b.cells()) {
                var other = c.cell(cell.id());
                if (!cell.ok() || other.isEmpty() || !other.get().ok() || cell.samplesPerSecond() == null || other.get().samplesPerSecond() == null) continue;
                pairs.computeIfAbsent(cell.id(), k -> new ArrayList<>())
                        .add(new double[] {cell.samplesPerSecond().mean(), other.get().samplesPerSecond().mean()});
            }
        }
        int done = baseFiles.size();
        double alpha = options.alpha() / Math.max(1, pairs.size());
        String worst = null;
        double now = -1, then = Double.NaN;
        for (var e : pairs.entrySet()) {
            if (e.getValue().size() != done) continue;
            double[] logCand = e.getValue().stream().mapToDouble(x -> Math.log(x[1])).toArray();
            double[] logBase = e.getValue().stream().mapToDouble(x -> Math.log(x[0])).toArray();
            double v = Statistics.standard().pairedVariance(logCand, logBase); // the gate's own paired variance
            double a = Statistics.standard().detectableSlowdown(v, done - 1, 2 * done, 2 * done, alpha, 0.95);
            if (Double.isFinite(a) && a > now) {
                now = a;
                worst = e.getKey();
                then = Statistics.standard().detectableSlowdown(v, rounds - 1, 2 * rounds, 2 * rounds, alpha, 0.95);
            }
        }
        if (worst == null) return Optional.empty();
        return Optional.of(String.format(Locale.ROOT, "compare: after %d rounds the paired t can catch a slowdown of %.1f%%+ in every"
                + " cell (95%% power; worst %s)%s", done, now * 100, worst,
                done < rounds ? String.format(Locale.ROOT, "; after all %d, about %.1f%%+ at this noise", rounds, then * 100) : ""));
    }

    /** Moves a run of a round with uneven load aside (kept for inspection), so that the round runs again. */
    private static void setAside(Path dir, int attempt) throws IOException {
        for (Path p : List.of(dir, dir.resolveSibling(dir.getFileName() + ".log"), dir.resolveSibling(dir.getFileName() + ".exit"))) {
            if (Files.exists(p)) Files.move(p, p.resolveSibling(p.getFileName() + ".uneven-" + attempt), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A round's results, read once: a run that writes the file again, or one set aside, forgets it ({@link #forget}). */
    private Results read(Path results) {
        Results known = loaded.get(results);
        if (known != null) return known;
        try {
            Results r = ResultsCodec.read(results);
            loaded.put(results, r);
            return r;
        } catch (ResultsFormatException e) {
            throw new RoundFailed(e.getMessage());
        }
    }

    /** Forgets what was read from {@code dir}'s results, which a run is about to write. */
    private void forget(Path dir) {
        loaded.remove(dir.resolve("results.json"));
    }

    /** The first failed cell of a run's results, with its error. */
    private Optional<String> failedCell(Path results) {
        return read(results).cells().stream().filter(c -> !c.ok()).findFirst().map(c -> c.id() + " (" + c.error() + ")");
    }

    private Results merge(List<Path> files) {
        List<Results> rounds = new ArrayList<>();
        for (Path f : files) rounds.add(read(f));
        try {
            return Rounds.merge(rounds);
        } catch (UserError e) {
            throw new RoundFailed(files.get(0).getParent().getParent() + ": " + e.getMessage());
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) if (!lines.get(i).isBlank()) return lines.get(i).strip();
            return "(empty)";
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** A round that could not run or finish: reported in one line. */
    private static final class RoundFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RoundFailed(String message) {
            super(message);
        }
    }
}
