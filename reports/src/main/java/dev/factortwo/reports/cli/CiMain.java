package dev.factortwo.reports.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The light CI jar's CLI ({@code reports/target/factortwo-ci.jar}): {@code report}, {@code gate} and
 * {@code baseline save} from saved results alone, with no TensorFlow, Spark or Hadoop on the classpath. The full
 * CLI offers the same command classes, so both behave, and exit, alike.
 *
 * <pre>{@code
 * java -jar reports/target/factortwo-ci.jar gate --baseline base.json --candidate runs/ci/results.json
 * }</pre>
 */
@Command(name = "factortwo", mixinStandardHelpOptions = true, version = "factortwo 0.1.0 (CI: report, gate, baseline, compare)",
        description = "Reports, the regression gate and baselines from saved results files alone (the light CI jar:"
                + " no Spark, no TensorFlow). 'run', 'doctor' and 'knobs' are in the full CLI.",
        subcommands = {ReportCommand.class, GateCommand.class, BaselineCommand.class, CompareCommand.class, CommandLine.HelpCommand.class})
public final class CiMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (for tests). */
    public static int execute(String... args) {
        return Cli.commandLine(new CiMain()).execute(args);
    }
}
