package dev.loadlab.cli;

import java.io.PrintWriter;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;

/**
 * Where a command writes: stdout and stderr, and, on an interactive terminal, a JLine {@link Terminal} for colour and
 * for the redrawn progress line. Without a terminal (a pipe, a CI log, a test) every method writes plain text with
 * no escape codes at all. Not thread-safe: one command writes from one thread.
 */
final class Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Terminal terminal;
    private boolean statusShown;

    /** Plain output on {@code out} and {@code err}. */
    static Output plain(PrintWriter out, PrintWriter err) {
        return new Output(out, err, null);
    }

    /** Output on an interactive terminal: stdout is the terminal's writer. */
    static Output terminal(Terminal terminal, PrintWriter err) {
        return new Output(terminal.writer(), err, terminal);
    }

    private Output(PrintWriter out, PrintWriter err, Terminal terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    boolean tty() {
        return terminal != null;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    void println(String line) {
        endStatus();
        out.println(line);
        out.flush();
    }

    void error(String line) {
        endStatus();
        err.println(line);
        err.flush();
    }

    /** On a terminal, replaces the current status line with {@code line}; elsewhere prints it as a line of its own. */
    void status(String line) {
        if (terminal == null) {
            println(line);
            return;
        }
        int width = terminal.getWidth();
        String fitted = width > 1 && line.length() >= width ? line.substring(0, width - 1) : line;
        terminal.puts(InfoCmp.Capability.carriage_return);
        out.print(fitted);
        terminal.puts(InfoCmp.Capability.clr_eol);
        out.flush();
        statusShown = true;
    }

    /** Leaves the status line on screen and moves below it. */
    void endStatus() {
        if (statusShown) {
            out.println();
            out.flush();
            statusShown = false;
        }
    }

    String green(String text) {
        return styled(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN));
    }

    String red(String text) {
        return styled(text, AttributedStyle.BOLD.foreground(AttributedStyle.RED));
    }

    String yellow(String text) {
        return styled(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW));
    }

    String bold(String text) {
        return styled(text, AttributedStyle.BOLD);
    }

    /** {@code text} coloured by a verdict's outcome: passed green, failed red, anything else yellow. */
    String outcome(String outcome, String text) {
        return switch (outcome) {
            case "passed" -> green(text);
            case "failed" -> red(text);
            default -> yellow(text);
        };
    }

    private String styled(String text, AttributedStyle style) {
        return terminal == null ? text : new AttributedString(text, style).toAnsi(terminal);
    }
}
