package dev.factortwo.harness.cell;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress of a long run: cell i of n, repetition, epoch, elapsed and estimated time left. On a terminal one
 * line is rewritten in place; elsewhere (CI logs) plain lines are printed. Thread-safe enough for one writer.
 */
public final class Progress {

    private final PrintStream out;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private int cells = 1, cell = 0;
    private String current = "";

    public Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Plain lines, for logs and tests. */
    public static Progress plain(PrintStream out) {
        return new Progress(out, false);
    }

    public static Progress silent() {
        return new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), false);
    }

    public void plan(int n) {
        cells = Math.max(1, n);
    }

    public void cellStarted(int index, String id) {
        cell = index;
        current = id;
        line("cell " + (index + 1) + "/" + cells + " " + id);
    }

    public void step(String what) {
        if (terminal) line("cell " + (cell + 1) + "/" + cells + " " + current + " " + what);
    }

    public void cellFinished(String summary) {
        if (terminal) out.print("\r\033[K");
        out.println("  [" + (cell + 1) + "/" + cells + "] " + current + ": " + summary + "  (elapsed " + fmt(elapsed())
                + ", left ~" + fmt(left()) + ")");
    }

    public void note(String message) {
        if (terminal) out.print("\r\033[K");
        out.println(message);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private Duration left() {
        int done = cell + 1;
        return done >= cells ? Duration.ZERO : elapsed().dividedBy(done).multipliedBy(cells - done);
    }

    private void line(String s) {
        if (terminal) {
            out.print("\r\033[K" + s + "  " + fmt(elapsed()));
            out.flush();
        } else {
            out.println(s);
        }
    }

    static String fmt(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }
}
