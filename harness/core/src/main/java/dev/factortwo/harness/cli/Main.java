package dev.factortwo.harness.cli;

import dev.factortwo.reports.cli.BaselineCommand;
import dev.factortwo.reports.cli.CompareCommand;
import dev.factortwo.reports.cli.Cli;
import dev.factortwo.reports.cli.GateCommand;
import dev.factortwo.reports.cli.ReportCommand;
import dev.factortwo.harness.measure.EnvironmentProblem;
import dev.factortwo.model.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code factortwo}: benchmark deep learning on Spark, and the price of being able to recompute results.
 * {@code report}, {@code gate} and {@code baseline} are the light CI jar's command classes
 * ({@code dev.factortwo.reports.cli}), offered here as well; errors and exit codes are handled by the same
 * {@link Cli}.
 */
@Command(name = "factortwo", mixinStandardHelpOptions = true, version = "factortwo 0.1.0",
        description = {"How much speed do we buy by giving up the ability to recompute our results?",
                "Runs the same TensorFlow workloads over storage tiers x state modes, measures speed and reproducibility,",
                "writes results.json and a self-contained report.html, and gates CI on regressions."},
        subcommands = {RunCommand.class, ReportCommand.class, GateCommand.class, DoctorCommand.class,
                BaselineCommand.class, CompareCommand.class, KnobsCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

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
        CommandLine cl = Cli.commandLine(new Main());
        CommandLine.IExecutionExceptionHandler shared = cl.getExecutionExceptionHandler();
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof EnvironmentError || EnvironmentProblem.of(ex).isPresent()) {
                String line = ex instanceof EnvironmentError ? ex.getMessage() : EnvironmentProblem.of(ex).get().oneLine();
                c.getErr().println("factortwo: " + line);
                c.getErr().flush();
                return ExitCode.UNHEALTHY.code();
            }
            return shared.handleExecutionException(ex, c, parsed);
        });
        return cl.execute(args);
    }

    /**
     * The environment cannot run this (a JDK and Hadoop that do not work together, missing JVM flags): printed
     * in one line with the fix, no stack trace, exit 3 like an unhealthy doctor.
     */
    public static final class EnvironmentError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public EnvironmentError(String problem, String fix) {
            super(problem + "; fix: " + fix);
        }
    }
}
