package dev.factortwo.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.ExitCode;
import dev.factortwo.model.UserError;
import dev.factortwo.model.json.ResultsFormatException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** How both CLIs turn what a command throws into a message and an exit code: a user's mistake or a bug. */
class CliTest {

    @Command(name = "throws")
    static final class Throws implements Callable<Integer> {
        final Supplier<RuntimeException> error;

        @Option(names = "--widgets")
        int widgets;

        Throws(Supplier<RuntimeException> error) {
            this.error = error;
        }

        @Override
        public Integer call() {
            throw error.get();
        }
    }

    record Outcome(int code, String err) {
    }

    static Outcome run(Supplier<RuntimeException> error, String... args) {
        StringWriter err = new StringWriter();
        var cl = Cli.commandLine(new Throws(error));
        cl.setErr(new PrintWriter(err, true));
        return new Outcome(cl.execute(args), err.toString());
    }

    @Test
    void aUserErrorIsOneLineWithoutATraceAndExitsOne() {
        Outcome o = run(() -> new UserError("--widgets 3: expected 1 or 2"));
        assertEquals(ExitCode.BAD_INPUT.code(), o.code());
        assertEquals("factortwo: --widgets 3: expected 1 or 2" + System.lineSeparator(), o.err());
    }

    @Test
    void anUnreadableResultsFileIsOneLineAndExitsOne() {
        Outcome o = run(() -> new ResultsFormatException(Path.of("runs/x/results.json"), "no such file"));
        assertEquals(ExitCode.BAD_INPUT.code(), o.code());
        assertEquals("factortwo: runs/x/results.json: no such file" + System.lineSeparator(), o.err());
    }

    @Test
    void aFlagPicocliCannotParseIsABadInputWithoutATrace() {
        Outcome o = run(() -> new IllegalStateException("not reached"), "--widgets", "many");
        assertEquals(ExitCode.BAD_INPUT.code(), o.code());
        assertTrue(o.err().contains("--widgets"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    @Test
    void aPlainIllegalArgumentExceptionIsABugWithATraceAndExitsSeventy() {
        Outcome o = run(() -> new IllegalArgumentException("no values to summarize"));
        assertEquals(ExitCode.INTERNAL_ERROR.code(), o.code());
        assertTrue(o.err().startsWith("factortwo: internal error (please report it with this trace):"), o.err());
        assertTrue(o.err().contains("java.lang.IllegalArgumentException: no values to summarize"), o.err());
        assertTrue(o.err().contains("\tat "), "a stack trace: " + o.err());
    }

    @Test
    void aLibrarysIllegalArgumentExceptionIsABugToo() {
        // NumberFormatException is an IllegalArgumentException: one thrown past the code that parses a flag is a bug
        Outcome o = run(() -> new NumberFormatException("For input string: \"x\""));
        assertEquals(ExitCode.INTERNAL_ERROR.code(), o.code());
        assertTrue(o.err().contains("\tat "), "a stack trace: " + o.err());
    }

    @Test
    void anyOtherExceptionIsABugWithATrace() {
        Outcome o = run(() -> new IllegalStateException("two cells with one id"));
        assertEquals(ExitCode.INTERNAL_ERROR.code(), o.code());
        assertTrue(o.err().contains("\tat "), "a stack trace: " + o.err());
    }
}
