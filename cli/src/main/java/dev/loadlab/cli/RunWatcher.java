package dev.loadlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;

/**
 * Follows a run until it ends by polling {@code GET /api/v1/runs/{id}} once a second, and shows its progress: on a
 * terminal one redrawn line (the step, warming up or measuring, elapsed / measured window, and the last second's
 * requests/s, p99 and errors from the step's timeline); elsewhere the same as plain lines, printed when the state
 * changes (status, step, phase) and at least every {@link #HEARTBEAT}; quiet, nothing.
 *
 * <p>A signal while watching (see {@link Interrupts}): Ctrl-C where someone can answer asks whether to cancel the run
 * on the coordinator; yes cancels it and keeps watching to its end (exit 3), no keeps watching, and a second Ctrl-C
 * once cancelled stops watching. Without anyone to ask (CI, a pipe), and for SIGTERM always, the run is cancelled on
 * the coordinator and the command exits 3 at once: a stopped CI job leaves no run behind. Not thread-safe.
 */
final class RunWatcher {
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration HEARTBEAT = Duration.ofSeconds(5);

    /** What {@code --help} of run and watch says about Ctrl-C. */
    static final String CTRL_C_HELP = "Ctrl-C while watching: on a terminal asks whether to cancel the run on the"
            + " coordinator (y cancels and watches it to its end, exit 3; N keeps watching); without a terminal (CI)"
            + " SIGINT or SIGTERM cancels the run on the coordinator and exits 3.";

    private final ApiClient api;
    private final Output output;
    private final boolean quiet;
    private final Interrupts interrupts;
    private boolean cancelled;

    RunWatcher(ApiClient api, Output output, boolean quiet, Interrupts interrupts) {
        this.api = api;
        this.output = output;
        this.quiet = quiet;
        this.interrupts = interrupts;
    }

    /** The run once it is final (neither queued nor running). */
    JsonNode follow(String runId) {
        try (Interrupts.Catching catching = interrupts.catching()) {
            return poll(runId);
        }
    }

    private JsonNode poll(String runId) {
        String lastState = "";
        long lastPrintedNanos = 0;
        while (true) {
            JsonNode run = api.get("/api/v1/runs/" + runId);
            String status = run.path("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                output.endStatus();
                return run;
            }
            if (!quiet) {
                JsonNode progress = run.path("progress");
                String state = status + "/" + progress.path("stepIndex").asText() + "/"
                        + progress.path("warmingUp").asText() + "/"
                        + progress.path("probe").asText();
                long now = System.nanoTime();
                if (output.tty() || !state.equals(lastState) || now - lastPrintedNanos >= HEARTBEAT.toNanos()) {
                    output.status(line(run, lastSecond(runId, progress)));
                    lastState = state;
                    lastPrintedNanos = now;
                }
            }
            Interrupts.Signal signal;
            try {
                signal = interrupts.await(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while watching run " + runId, ExitCode.RUN_FAILED);
            }
            if (signal != null) {
                interrupted(runId, signal);
            }
        }
    }

    /** Answers a signal: returns to keep watching, or throws to exit 3 now. */
    private void interrupted(String runId, Interrupts.Signal signal) {
        if (cancelled) {
            throw new CliException(
                    "stopped watching run " + runId + "; the coordinator is cancelling it", ExitCode.RUN_FAILED);
        }
        boolean ask = signal == Interrupts.Signal.INT && output.canAsk();
        if (ask) {
            String answer = output.ask("cancel run " + runId + " on the coordinator? [y/N] ");
            if (!answer.equalsIgnoreCase("y") && !answer.equalsIgnoreCase("yes")) {
                output.println("still watching run " + runId + " (it was not cancelled)");
                return;
            }
        }
        String status;
        try {
            status = api.post("/api/v1/runs/" + runId + "/cancel", null, null)
                    .path("status")
                    .asText("CANCELLING");
        } catch (CliException failure) {
            if (failure.httpStatus() == 409) {
                output.println("run " + runId + " has already ended");
                return;
            }
            throw new CliException(
                    "SIG" + signal + ": could not cancel run " + runId + " on the coordinator: " + failure.getMessage(),
                    ExitCode.RUN_FAILED);
        }
        cancelled = true;
        if (!ask) {
            throw new CliException(
                    "SIG" + signal + ": cancelled run " + runId + " on the coordinator (" + status + ")",
                    ExitCode.RUN_FAILED);
        }
        output.println("cancelled run " + runId + " on the coordinator (" + status + "); watching it to its end");
    }

    /** The newest second of the running step's timeline, or a missing node before it has one. */
    private JsonNode lastSecond(String runId, JsonNode progress) {
        if (!progress.has("stepIndex")) {
            return progress.path("none");
        }
        try {
            JsonNode seconds = api.get("/api/v1/runs/" + runId + "/steps/"
                            + progress.get("stepIndex").asInt() + "/timeline")
                    .path("seconds");
            return seconds.isEmpty() ? seconds.path(0) : seconds.get(seconds.size() - 1);
        } catch (CliException notYet) {
            // The step has no stored second yet (404) or the reply was late: the line goes without it.
            return progress.path("none");
        }
    }

    /** One progress line, e.g. "step 2/6 (threaded W=4) measuring 3/10 s | 412 req/s, p99 12 ms, 0 errors". */
    static String line(JsonNode run, JsonNode lastSecond) {
        String status = run.path("status").asText();
        JsonNode progress = run.path("progress");
        if (status.equals("QUEUED")) {
            String reason = run.path("queueReason").asText("");
            return "queued" + (reason.isEmpty() ? "" : ": " + reason);
        }
        if (!progress.has("stepIndex")) {
            return "running: starting the next step";
        }
        int index = progress.get("stepIndex").asInt();
        StringBuilder line = new StringBuilder(stepLabel(run.path("scenario"), index));
        if (progress.hasNonNull("probe")) {
            line.append(String.format(
                    Locale.ROOT,
                    " probe %d at %.0f req/s",
                    progress.get("probe").asInt(),
                    progress.path("probeRateRps").asDouble()));
        }
        boolean warming = progress.path("warmingUp").asBoolean();
        line.append(warming ? " warming up " : " measuring ")
                .append(String.format(
                        Locale.ROOT,
                        "%.0f/%.0f s",
                        progress.path("elapsedSeconds").asDouble(),
                        progress.path("plannedSeconds").asDouble()));
        if (!lastSecond.isMissingNode() && !lastSecond.isNull()) {
            line.append(String.format(
                    Locale.ROOT,
                    " | last second: %d req/s, p99 %s ms, %d errors",
                    lastSecond.path("requests").asLong(),
                    lastSecond.path("latencyMs").path("p99").asText("-"),
                    lastSecond.path("errors").asLong()));
        }
        return line.toString();
    }

    /**
     * "step 3/10 (threaded W=2 #1)" in the order the coordinator plans steps: profiles outer, then worker counts,
     * then repeats.
     */
    static String stepLabel(JsonNode scenario, int index) {
        JsonNode target = scenario.path("target");
        JsonNode profiles = target.path("profiles");
        JsonNode workers = target.path("workers");
        int profileCount = Math.max(1, profiles.size());
        int workerCount = Math.max(1, workers.size());
        int repeats = Math.max(1, scenario.path("repeats").asInt(1));
        StringBuilder label =
                new StringBuilder("step ").append(index + 1).append('/').append(profileCount * workerCount * repeats);
        int cell = index / repeats;
        StringBuilder parts = new StringBuilder();
        if (profiles.isArray() && !profiles.isEmpty()) {
            parts.append(profiles.path(cell / workerCount).asText());
        }
        if (workers.isArray() && !workers.isEmpty()) {
            parts.append(parts.isEmpty() ? "" : " ")
                    .append("W=")
                    .append(workers.path(cell % workerCount).asInt());
        }
        if (repeats > 1) {
            parts.append(parts.isEmpty() ? "" : " ").append('#').append(index % repeats);
        }
        return parts.isEmpty()
                ? label.toString()
                : label.append(" (").append(parts).append(')').toString();
    }
}
