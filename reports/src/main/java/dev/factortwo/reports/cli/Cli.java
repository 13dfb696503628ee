package dev.factortwo.reports.cli;

import dev.factortwo.model.ExitCode;
import dev.factortwo.model.UserError;
import dev.factortwo.model.json.ResultsFormatException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * What both CLIs (the full {@code factortwo} and the light {@code factortwo-ci.jar}) share: how errors become
 * exit codes, and the exit-code footer of {@code --help}. Stateless.
 *
 * <p>A user's mistake prints one line and exits {@link ExitCode#BAD_INPUT}: a flag picocli cannot parse, a
 * {@link UserError} (a bad flag value, file, field or name) or a {@link ResultsFormatException} (an unreadable
 * results file). Anything else is a bug and prints a stack trace, exiting {@link ExitCode#INTERNAL_ERROR}: a plain
 * {@link IllegalArgumentException} too, since it is a broken precondition in the code or a library, not bad input.
 */
public final class Cli {

    private Cli() {
    }

    /** {@code command} with the shared error handling and the exit-code footer. */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.getCommandSpec().usageMessage().footer("", "Exit codes: " + exitCodes() + ".");
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("factortwo: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCode.BAD_INPUT.code();
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UserError || ex instanceof ResultsFormatException) {
                c.getErr().println("factortwo: " + ex.getMessage());
                c.getErr().flush();
                return ExitCode.BAD_INPUT.code();
            }
            c.getErr().println("factortwo: internal error (please report it with this trace):");
            ex.printStackTrace(c.getErr());
            c.getErr().flush();
            return ExitCode.INTERNAL_ERROR.code();
        });
        return cl;
    }

    /** {@code 0 ok, 1 bad input, ...}: every {@link ExitCode}, from the enum itself. */
    public static String exitCodes() {
        return Arrays.stream(ExitCode.values()).map(e -> e.code() + " " + e.meaning()).collect(Collectors.joining(", "));
    }
}
