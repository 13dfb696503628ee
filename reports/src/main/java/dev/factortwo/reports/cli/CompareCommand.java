package dev.factortwo.reports.cli;

import dev.factortwo.model.Defaults;
import dev.factortwo.model.UserError;
import dev.factortwo.reports.compare.BuildCheckout;
import dev.factortwo.reports.compare.Compare;
import dev.factortwo.reports.gate.GateOptions;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code factortwo compare}: two builds measured in one job, interleaved, and gated on that. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures a baseline build and the candidate build on this machine in one job: --rounds rounds, each"
                + " running 'run RUN-ARGS' once per build in a seeded order; merges each build's rounds and gates them with"
                + " the paired t on the rounds' means (load a round had, both builds had). For noisy or shared CI runners,"
                + " where a stored baseline compares two moments on possibly different machines.",
                "Example: factortwo compare --baseline origin/main -- --suite quick --workload train-mlp --repetitions 2",
                "Exit codes as 'gate' (0 pass, 2 regression); 1 when a run could not start or failed."})
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--baseline", required = true, paramLabel = "REV|DIR",
            description = "the baseline build: a factortwo checkout directory, or a git revision of this repository"
                    + " (checked out with 'git worktree add' under --out and built by its own launcher)")
    String baseline;

    @Option(names = "--candidate", paramLabel = "DIR",
            description = "the candidate build: a factortwo checkout directory (default: this checkout)")
    Path candidate;

    @Option(names = "--rounds", description = "rounds, each running both builds once (default: ${DEFAULT-VALUE})")
    int rounds = Defaults.COMPARE_ROUNDS;

    @Option(names = "--max-reruns", paramLabel = "N", description = "rounds rerun at most, in all, because the rest of the machine"
            + " (other processes and the hypervisor's steal) took more than half a core more from one build's run than from the other's"
            + " (default: ${DEFAULT-VALUE})")
    int maxReruns = dev.factortwo.reports.compare.Compare.DEFAULT_MAX_RERUNS;

    @Option(names = "--order-seed", description = "seed of the builds' order within each round (default: ${DEFAULT-VALUE})")
    long orderSeed = Defaults.COMPARE_ORDER_SEED;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory; an existing one resumes its finished rounds"
            + " (default: runs/compare-<date>-<time>)")
    Path out;

    @Option(names = "--baseline-args", paramLabel = "ARGS", description = "extra 'run' arguments for the baseline only, space-separated")
    String baselineArgs = "";

    @Option(names = "--candidate-args", paramLabel = "ARGS",
            description = "extra 'run' arguments for the candidate only, space-separated; e.g. '--throttle 20' plants a slowdown to"
                    + " check what this machine's noise lets the comparison catch")
    String candidateArgs = "";

    @Mixin
    SpeedRuleOptions rule = new SpeedRuleOptions();

    @Option(names = "--max-accuracy-drop", description = "largest tolerated drop of test accuracy, absolute (default: ${DEFAULT-VALUE})")
    double maxAccuracyDrop = Defaults.GATE_MAX_ACCURACY_DROP;

    @Parameters(paramLabel = "RUN-ARGS", arity = "0..*", description = "arguments of 'run' for both builds, after --")
    List<String> runArgs = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The system property the launcher sets to this checkout's root. */
    static final String HOME_PROPERTY = "factortwo.home";

    @Override
    public Integer call() {
        if (rounds < 2) throw new UserError("--rounds must be at least 2 (the paired t needs 2 pairs), was " + rounds);
        if (maxReruns < 0) throw new UserError("--max-reruns must be 0 or more, was " + maxReruns);
        for (String a : runArgs) {
            if (a.equals("--out")) throw new UserError("RUN-ARGS: --out is set by compare (one directory per round under --out)");
        }
        String home = System.getProperty(HOME_PROPERTY);
        Path outDir = out != null ? out
                : Path.of(home == null ? "." : home, "runs", "compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path candidateDir = candidate != null ? candidate : home != null ? Path.of(home) : null;
        if (candidateDir == null) throw new UserError("--candidate: not given, and no factortwo checkout to default to (run through ./factortwo)");
        Path candidateLauncher;
        Path baselineLauncher;
        try {
            candidateLauncher = BuildCheckout.launcher(candidateDir.toString(), null, null);
        } catch (UserError e) {
            throw new UserError("--candidate " + e.getMessage());
        }
        try {
            baselineLauncher = BuildCheckout.launcher(baseline, home == null ? null : Path.of(home), outDir.resolve("baseline-src"));
        } catch (UserError e) {
            throw new UserError("--baseline " + e.getMessage());
        }
        GateOptions options = rule.apply(GateOptions.defaults()).withMaxAccuracyDrop(maxAccuracyDrop)
                // one machine by construction; what differs between the builds (library versions) is the change under test
                .withStrictEnvironment(false);
        if (!spec.commandLine().getParseResult().hasMatchedOption("--test")) options = options.withTest(GateOptions.Test.PAIRED_T);
        Compare compare = new Compare(new Compare.Side("baseline", List.of(baselineLauncher.toString()), words(baselineArgs)),
                new Compare.Side("candidate", List.of(candidateLauncher.toString()), words(candidateArgs)), rounds, orderSeed, runArgs, outDir)
                .withMaxReruns(maxReruns);
        return compare.run(options, System.out);
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }
}
