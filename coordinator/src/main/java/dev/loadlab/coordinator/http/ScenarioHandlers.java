package dev.loadlab.coordinator.http;

import dev.loadlab.coordinator.runs.Labels;
import dev.loadlab.coordinator.runs.RunService;
import dev.loadlab.coordinator.scenarios.ScenarioService;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.scenario.ScenarioFormat;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Handlers for saved scenarios under {@code /api/v1/scenarios}: create, list, get (optionally one version), update
 * (adds a version), delete, and start a run from one (with an optional JSON Merge Patch body). Thin over
 * {@link ScenarioService} and {@link RunService}. Thread-safe.
 */
final class ScenarioHandlers {
    static final String SCENARIOS = "/api/v1/scenarios";

    private final Vertx vertx;
    private final ScenarioService scenarios;
    private final RunService runs;

    ScenarioHandlers(Vertx vertx, ScenarioService scenarios, RunService runs) {
        this.vertx = vertx;
        this.scenarios = scenarios;
        this.runs = runs;
    }

    void create(RoutingContext ctx) {
        ScenarioFormat format = Replies.scenarioFormat(ctx);
        String body = Replies.requiredBody(ctx);
        if (body != null) {
            vertx.executeBlocking(() -> scenarios.create(body, format), false)
                    .onSuccess(saved -> answer(ctx, saved, 201))
                    .onFailure(ctx::fail);
        }
    }

    void list(RoutingContext ctx) {
        Replies.blocking(vertx, ctx, () -> Map.of("scenarios", scenarios.list()));
    }

    void update(RoutingContext ctx) {
        ScenarioFormat format = Replies.scenarioFormat(ctx);
        String body = Replies.requiredBody(ctx);
        if (body != null) {
            vertx.executeBlocking(() -> scenarios.update(ctx.pathParam("name"), body, format), false)
                    .onSuccess(saved -> answer(ctx, saved, 200))
                    .onFailure(ctx::fail);
        }
    }

    void get(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Integer version = version(ctx);
        vertx.executeBlocking(() -> scenarios.find(name, version), false)
                .onSuccess(found -> {
                    if (found.isPresent()) {
                        Replies.json(ctx, 200, found.get());
                    } else {
                        ctx.fail(new ApiException.NotFound(
                                "no scenario named " + name + (version == null ? "" : " with version " + version)));
                    }
                })
                .onFailure(ctx::fail);
    }

    void delete(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        vertx.executeBlocking(() -> scenarios.delete(name), false)
                .onSuccess(deleted -> {
                    if (deleted) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        ctx.fail(new ApiException.NotFound("no scenario named " + name));
                    }
                })
                .onFailure(ctx::fail);
    }

    void start(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Map<String, String> labels = Labels.parse(ctx.queryParam("label"));
        String body = ctx.body().asString();
        String patch = body == null || body.isBlank() ? null : body;
        if (patch != null) {
            Replies.requireJson(ctx, "a merge patch (application/merge-patch+json)");
        }
        vertx.executeBlocking(() -> runs.submitSaved(name, patch, labels), false)
                .onSuccess(id -> {
                    if (id.isPresent()) {
                        Replies.accepted(ctx, id.get());
                    } else {
                        ctx.fail(new ApiException.NotFound("no scenario named " + name));
                    }
                })
                .onFailure(ctx::fail);
    }

    private static void answer(RoutingContext ctx, ScenarioService.Saved saved, int status) {
        switch (saved) {
            case ScenarioService.Created created -> {
                ctx.response()
                        .putHeader(
                                "Location", SCENARIOS + "/" + created.scenario().name());
                Replies.json(ctx, status, created.scenario());
            }
            case ScenarioService.Conflict conflict ->
                ctx.fail(new ApiException.Conflict("a scenario named " + conflict.name() + " exists; PUT " + SCENARIOS
                        + "/" + conflict.name() + " adds a version"));
            case ScenarioService.Missing missing ->
                ctx.fail(new ApiException.NotFound(
                        "no scenario named " + missing.name() + "; POST " + SCENARIOS + " creates one"));
        }
    }

    private static Integer version(RoutingContext ctx) {
        String raw = ctx.queryParams().get("version");
        if (raw == null) {
            return null;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("version", "must be a whole number, was \"" + raw + "\"");
        }
    }
}
