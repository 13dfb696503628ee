package dev.factortwo.reports.cli;

import dev.factortwo.model.Defaults;
import dev.factortwo.reports.gate.Gate;
import dev.factortwo.reports.gate.GateOptions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code factortwo gate}: fail CI on a real slowdown, an accuracy drop, or lost reproducibility. */
@Command(name = "gate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compares a candidate results file with a baseline, cell by cell, and fails (exit 2) on a"
                + " significant slowdown beyond --max-slowdown, an accuracy drop, a cell that stopped being reproducible,"
                + " or a missing cell. Also compares JMH JSON result files (-rf json). Needs only the two files.")
public final class GateCommand implements Callable<Integer> {

    @Option(names = "--baseline", required = true, paramLabel = "FILE", description = "baseline results.json (or JMH JSON)")
    Path baseline;

    @Option(names = "--candidate", required = true, paramLabel = "FILE", description = "candidate results.json (or JMH JSON)")
    Path candidate;

    @Mixin
    SpeedRuleOptions rule = new SpeedRuleOptions();

    @Option(names = "--max-accuracy-drop", description = "largest tolerated drop of test accuracy, absolute (default: ${DEFAULT-VALUE})")
    double maxAccuracyDrop = Defaults.GATE_MAX_ACCURACY_DROP;

    @Option(names = "--allow-environment-change", description = "warn (instead of refusing) when the baseline was measured in another environment: device, CPU model, core count, memory, Spark master, JDK major, TensorFlow, Spark or Hadoop version")
    boolean allowEnvironmentChange = !Defaults.GATE_STRICT_ENVIRONMENT;

    @Option(names = "--strict-environment", hidden = true, description = "the default now; kept so that older scripts still run")
    boolean strictEnvironment;

    @Option(names = "--junit", paramLabel = "FILE", description = "write JUnit XML (one test case per cell and check)")
    Path junit;

    @Option(names = "--markdown", paramLabel = "FILE", description = "write the Markdown summary (for CI job summaries)")
    Path markdown;

    @Override
    public Integer call() {
        GateOptions options = rule.apply(GateOptions.defaults()).withMaxAccuracyDrop(maxAccuracyDrop)
                .withStrictEnvironment(!allowEnvironmentChange);
        return Gate.run(baseline, candidate, options, Optional.ofNullable(junit), Optional.ofNullable(markdown), System.out);
    }
}
