package dev.loadlab.coordinator.http;

import dev.loadlab.coordinator.export.ExportFormat;
import dev.loadlab.coordinator.model.CancelOutcome;
import dev.loadlab.coordinator.runs.Labels;
import dev.loadlab.coordinator.runs.RunService;
import dev.loadlab.protocol.scenario.ScenarioFormat;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;

/**
 * Handlers for {@code /api/v1/runs}: submit, list (history), get, export, cancel, a step's timeline and a step's
 * latency distribution (percentiles). Each parses the
 * request, calls {@link RunService} off the event loop and maps the result; failures go to {@link ProblemHandler}.
 * Thread-safe.
 */
final class RunHandlers {
    private final Vertx vertx;
    private final RunService runs;

    RunHandlers(Vertx vertx, RunService runs) {
        this.vertx = vertx;
        this.runs = runs;
    }

    void submit(RoutingContext ctx) {
        Map<String, String> labels = Labels.parse(ctx.queryParam("label"));
        ScenarioFormat format = Replies.scenarioFormat(ctx);
        String body = Replies.requiredBody(ctx);
        if (body != null) {
            vertx.executeBlocking(() -> runs.submit(body, format, labels), false)
                    .onSuccess(id -> Replies.accepted(ctx, id))
                    .onFailure(ctx::fail);
        }
    }

    void list(RoutingContext ctx) {
        HistoryQuery query = HistoryQuery.of(ctx.queryParams());
        Replies.blocking(vertx, ctx, () -> runs.list(query.filter(), query.limit(), query.cursor()));
    }

    void get(RoutingContext ctx) {
        UUID id = runId(ctx.pathParam("id"));
        vertx.executeBlocking(() -> runs.find(id), false)
                .onSuccess(run -> {
                    if (run.isPresent()) {
                        Replies.json(ctx, 200, run.get());
                    } else {
                        ctx.fail(new ApiException.NotFound("no run with id " + id));
                    }
                })
                .onFailure(ctx::fail);
    }

    /** {@code GET /runs/{id}/export?format=csv|junit|hlog|html}: the run as a file to download. */
    void export(RoutingContext ctx) {
        UUID id = runId(ctx.pathParam("id"));
        ExportFormat format = ExportFormat.parse(ctx.queryParams().get("format"));
        vertx.executeBlocking(() -> runs.export(id, format), false)
                .onSuccess(export -> {
                    if (export.isEmpty()) {
                        ctx.fail(new ApiException.NotFound("no run with id " + id));
                        return;
                    }
                    ctx.response()
                            .setStatusCode(200)
                            .putHeader("Content-Type", format.contentType())
                            .putHeader(
                                    "Content-Disposition",
                                    "attachment; filename=\"" + export.get().fileName() + "\"")
                            .end(Buffer.buffer(export.get().body()));
                })
                .onFailure(ctx::fail);
    }

    void cancel(RoutingContext ctx) {
        UUID id = runId(ctx.pathParam("id"));
        vertx.executeBlocking(() -> runs.cancel(id), false)
                .onSuccess(outcome -> {
                    if (outcome.isEmpty()) {
                        ctx.fail(new ApiException.NotFound("no run with id " + id));
                    } else if (outcome.get() == CancelOutcome.ALREADY_FINAL) {
                        ctx.fail(new ApiException.Conflict("run " + id
                                + " has already ended; only a queued or running run can be" + " cancelled"));
                    } else {
                        String status = outcome.get() == CancelOutcome.CANCELLED ? "CANCELLED" : "CANCELLING";
                        Replies.json(ctx, 202, Map.of("id", id.toString(), "status", status));
                    }
                })
                .onFailure(ctx::fail);
    }

    void timeline(RoutingContext ctx) {
        UUID id = runId(ctx.pathParam("id"));
        int index = stepIndex(ctx.pathParam("index"));
        vertx.executeBlocking(() -> runs.timeline(id, index), false)
                .onSuccess(points -> {
                    if (points.isEmpty()) {
                        ctx.fail(new ApiException.NotFound("no step " + index + " in run " + id));
                    } else {
                        Replies.json(
                                ctx, 200, Map.of("runId", id.toString(), "stepIndex", index, "seconds", points.get()));
                    }
                })
                .onFailure(ctx::fail);
    }

    /** {@code GET /runs/{id}/steps/{index}/percentiles}: the stored step's merged histogram, percentile by percentile. */
    void percentiles(RoutingContext ctx) {
        UUID id = runId(ctx.pathParam("id"));
        int index = stepIndex(ctx.pathParam("index"));
        vertx.executeBlocking(() -> runs.percentiles(id, index), false)
                .onSuccess(distribution -> {
                    if (distribution.isEmpty()) {
                        ctx.fail(new ApiException.NotFound("no stored step " + index + " in run " + id
                                + " (a step's histogram is stored when the step ends)"));
                    } else {
                        Replies.json(ctx, 200, distribution.get());
                    }
                })
                .onFailure(ctx::fail);
    }

    private static int stepIndex(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new ApiException.NotFound("no step " + raw + " (steps are numbered from 0)");
        }
    }

    private static UUID runId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiException.NotFound("no run with id " + raw + " (run ids are UUIDs)");
        }
    }
}
