package dev.loadlab.targethost.host;

import dev.loadlab.targethost.worker.Model;

/** A way to run the target app with W workers: built into the target host, or a command line from its config file. */
public sealed interface Profile {
    String name();

    /** One line for {@code GET /control/profiles}. */
    String description();

    /**
     * A built-in profile: worker JVMs running {@code WorkerMain}.
     *
     * @param processPerWorker W processes of one thread/loop each (true) or one process of W threads (false)
     * @param model how each process schedules requests
     * @param gil whether the emulated interpreter lock is on
     */
    record BuiltIn(String name, String description, boolean processPerWorker, Model model, boolean gil)
            implements Profile {}

    /**
     * A command profile from the host's own config file, e.g. {@code gunicorn -w {workers} -b 127.0.0.1:{port} app:app}.
     *
     * @param command the command line, split on whitespace, with {@code {workers}} and {@code {port}} placeholders
     * @param readinessPath the path that answers 200 once the app serves, e.g. {@code /health}
     */
    record Command(String name, String description, String command, String readinessPath) implements Profile {}
}
