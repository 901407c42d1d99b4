package dev.loadlab.cli;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.utils.Signals;

/**
 * The signals a watching command answers instead of dying: SIGINT (Ctrl-C) and SIGTERM (what CI runners send a job
 * they stop), turned into events the watching thread takes with {@link #await}. While {@link #catching()} is open the
 * process's handlers only queue an event, so the command, not the JVM, decides what a signal does (ask, or cancel the
 * run on the coordinator); closed, the handlers that were there before are back. On an interactive terminal SIGINT
 * goes through JLine's terminal signal handling, elsewhere through JLine's {@link Signals}. Catching nests: only the
 * outermost installs the handlers, and a signal caught by an outer catching (a run being submitted) is still there for
 * an inner one (watching it). {@link #none()} installs
 * nothing (commands run in-process by tests); {@link #fire} queues an event by hand. Thread-safe: handlers fire from
 * the JVM's signal threads.
 */
final class Interrupts {
    /** A signal a command reacts to. */
    enum Signal {
        /** Ctrl-C on a terminal, or {@code kill -INT}. */
        INT,
        /** {@code kill} / a CI runner stopping the job: never asks, there is no one to answer. */
        TERM
    }

    /** Undoes what {@link #catching()} installed. */
    interface Catching extends AutoCloseable {
        @Override
        void close();
    }

    private final BlockingQueue<Signal> events = new LinkedBlockingQueue<>();
    private final boolean system;
    private final Terminal terminal;
    private int depth;

    private Interrupts(boolean system, Terminal terminal) {
        this.system = system;
        this.terminal = terminal;
    }

    /** The process's own signals; SIGINT through {@code terminal}'s handling when there is one. */
    static Interrupts system(Terminal terminal) {
        return new Interrupts(true, terminal);
    }

    /** No handlers at all: only {@link #fire} queues an event. */
    static Interrupts none() {
        return new Interrupts(false, null);
    }

    /** Queues {@code signal} as if the process had received it. */
    void fire(Signal signal) {
        events.add(signal);
    }

    /** The next signal received, waiting at most {@code timeout}; null when none came. */
    Signal await(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Catches SIGINT and SIGTERM until the result is closed. Called and closed from the command's one thread. */
    Catching catching() {
        if (depth++ > 0) {
            return () -> depth--;
        }
        events.clear();
        Runnable restore = system ? install() : () -> {};
        return () -> {
            depth--;
            restore.run();
        };
    }

    private Runnable install() {
        Object previousTerm = Signals.register("TERM", () -> fire(Signal.TERM));
        if (terminal != null) {
            Terminal.SignalHandler previousInt = terminal.handle(Terminal.Signal.INT, s -> fire(Signal.INT));
            return () -> {
                terminal.handle(Terminal.Signal.INT, previousInt);
                Signals.unregister("TERM", previousTerm);
            };
        }
        Object previousInt = Signals.register("INT", () -> fire(Signal.INT));
        return () -> {
            Signals.unregister("INT", previousInt);
            Signals.unregister("TERM", previousTerm);
        };
    }
}
