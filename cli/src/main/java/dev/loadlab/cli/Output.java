package dev.loadlab.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;

/**
 * Where a command writes: stdout and stderr, and, on an interactive terminal, a JLine {@link Terminal} for colour and
 * for the redrawn progress line. Without a terminal (a pipe, a CI log, a test) every method writes plain text with
 * no escape codes at all, and there is no one to {@link #ask}. Not thread-safe: one command writes from one thread.
 */
final class Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Terminal terminal;
    private final UnaryOperator<String> asker;
    private final OutputStream bytes;
    private boolean statusShown;

    /** Plain output on {@code out} and {@code err}; bytes are written to {@code out} as UTF-8 text. */
    static Output plain(PrintWriter out, PrintWriter err) {
        return new Output(out, err, null, null, null);
    }

    /** Plain output on the process's stdout ({@code bytes}, and {@code out} over it) and {@code err}. */
    static Output plain(PrintWriter out, PrintWriter err, OutputStream bytes) {
        return new Output(out, err, null, null, bytes);
    }

    /** Plain output with someone to ask: {@code asker} answers a question (null for no answer). For tests. */
    static Output plain(PrintWriter out, PrintWriter err, UnaryOperator<String> asker) {
        return new Output(out, err, null, asker, null);
    }

    /** Output on an interactive terminal: stdout is the terminal's writer, questions are read from its keyboard. */
    static Output terminal(Terminal terminal, PrintWriter err) {
        return new Output(terminal.writer(), err, terminal, question -> readLine(terminal, question), null);
    }

    private Output(
            PrintWriter out, PrintWriter err, Terminal terminal, UnaryOperator<String> asker, OutputStream bytes) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.asker = asker;
        this.bytes = bytes;
    }

    /** Writes {@code body} to stdout as it is (a file's content): raw bytes where stdout is a stream. */
    void write(byte[] body) throws IOException {
        endStatus();
        out.flush();
        if (bytes != null) {
            bytes.write(body);
            bytes.flush();
        } else {
            out.print(new String(body, StandardCharsets.UTF_8));
            out.flush();
        }
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

    /** Whether someone can answer {@link #ask}: an interactive terminal (or a test standing in for one). */
    boolean canAsk() {
        return asker != null;
    }

    /** Asks {@code question} below the status line; the answer, stripped, or "" for none (Ctrl-C, Ctrl-D, no one). */
    String ask(String question) {
        endStatus();
        if (asker == null) {
            return "";
        }
        String answer = asker.apply(question);
        return answer == null ? "" : answer.strip();
    }

    private static String readLine(Terminal terminal, String question) {
        try {
            return LineReaderBuilder.builder().terminal(terminal).build().readLine(question);
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
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
