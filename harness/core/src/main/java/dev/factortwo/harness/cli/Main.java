package dev.factortwo.harness.cli;

import dev.factortwo.harness.measure.EnvironmentProblem;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code factortwo}: benchmark deep learning on Spark, and the price of being able to recompute results. */
@Command(name = "factortwo", mixinStandardHelpOptions = true, version = "factortwo 0.1.0",
        description = {"How much speed do we buy by giving up the ability to recompute our results?",
                "Runs the same TensorFlow workloads over storage tiers x state modes, measures speed and reproducibility,",
                "writes results.json and a self-contained report.html, and gates CI on regressions."},
        subcommands = {RunCommand.class, ReportCommand.class, GateCommand.class, DoctorCommand.class,
                BaselineCommand.class, KnobsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 bad arguments or input, 2 regression (gate), 3 unhealthy (doctor, or an environment",
                "that cannot run this, e.g. a JDK and Hadoop that do not work together)."})
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
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("factortwo: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCode.BAD_INPUT.code;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof EnvironmentError || EnvironmentProblem.of(ex).isPresent()) {
                String line = ex instanceof EnvironmentError ? ex.getMessage() : EnvironmentProblem.of(ex).get().oneLine();
                c.getErr().println("factortwo: " + line);
                c.getErr().flush();
                return ExitCode.UNHEALTHY.code;
            }
            if (ex instanceof IllegalArgumentException || ex instanceof dev.factortwo.model.json.ResultsFormatException
                    || ex instanceof UserError) {
                c.getErr().println("factortwo: " + ex.getMessage());
                c.getErr().flush();
                return ExitCode.BAD_INPUT.code;
            }
            c.getErr().println("factortwo: internal error (please report it with this trace):");
            ex.printStackTrace(c.getErr());
            c.getErr().flush();
            return ExitCode.INTERNAL_ERROR.code;
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

    /** A mistake of the user's: printed in one line, no stack trace, exit 1. */
    public static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserError(String message) {
            super(message);
        }
    }
}
