package dev.loadlab.coordinator.http;

import dev.loadlab.coordinator.runs.Labels;
import dev.loadlab.coordinator.runs.RunService;
import dev.loadlab.coordinator.scenarios.ScenarioService;
import dev.loadlab.protocol.InvalidInputException;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Routes for saved scenarios: {@code POST/GET /api/v1/scenarios}, {@code GET/PUT/DELETE /api/v1/scenarios/{name}}
 * and {@code POST /api/v1/scenarios/{name}/runs} (with an optional JSON Merge Patch body). Thin handlers over
 * {@link ScenarioService} and {@link RunService}.
 */
final class ScenarioRoutes {
    static final String SCENARIOS = "/api/v1/scenarios";

    private final Vertx vertx;
    private final ScenarioService scenarios;
    private final RunService runs;

    ScenarioRoutes(Vertx vertx, ScenarioService scenarios, RunService runs) {
        this.vertx = vertx;
        this.scenarios = scenarios;
        this.runs = runs;
    }

    void register(Router router) {
        router.post(SCENARIOS).handler(this::create);
        router.get(SCENARIOS).handler(ctx -> HttpApi.blocking(vertx, ctx, () -> Map.of("scenarios", scenarios.list())));
        router.get(SCENARIOS + "/:name").handler(this::get);
        router.put(SCENARIOS + "/:name").handler(this::update);
        router.delete(SCENARIOS + "/:name").handler(this::delete);
        router.post(SCENARIOS + "/:name/runs").handler(this::start);
    }

    private void create(RoutingContext ctx) {
        String body = HttpApi.requiredBody(ctx);
        if (body != null) {
            vertx.executeBlocking(() -> scenarios.create(body), false)
                    .onSuccess(saved -> answer(ctx, saved, 201))
                    .onFailure(ctx::fail);
        }
    }

    private void update(RoutingContext ctx) {
        String body = HttpApi.requiredBody(ctx);
        if (body != null) {
            vertx.executeBlocking(() -> scenarios.update(ctx.pathParam("name"), body), false)
                    .onSuccess(saved -> answer(ctx, saved, 200))
                    .onFailure(ctx::fail);
        }
    }

    private void answer(RoutingContext ctx, ScenarioService.Saved saved, int status) {
        switch (saved) {
            case ScenarioService.Created created -> {
                ctx.response()
                        .putHeader(
                                "Location", SCENARIOS + "/" + created.scenario().name());
                HttpApi.json(ctx, status, created.scenario());
            }
            case ScenarioService.Conflict conflict ->
                ctx.fail(new ConflictException("a scenario named " + conflict.name() + " exists; PUT " + SCENARIOS + "/"
                        + conflict.name() + " adds a version"));
            case ScenarioService.Missing missing ->
                ctx.fail(new NotFoundException(
                        "no scenario named " + missing.name() + "; POST " + SCENARIOS + " creates one"));
        }
    }

    private void get(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Integer version = version(ctx);
        vertx.executeBlocking(() -> scenarios.find(name, version), false)
                .onSuccess(found -> {
                    if (found.isPresent()) {
                        HttpApi.json(ctx, 200, found.get());
                    } else {
                        ctx.fail(new NotFoundException(
                                "no scenario named " + name + (version == null ? "" : " with version " + version)));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        vertx.executeBlocking(() -> scenarios.delete(name), false)
                .onSuccess(deleted -> {
                    if (deleted) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        ctx.fail(new NotFoundException("no scenario named " + name));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void start(RoutingContext ctx) {
        String name = ctx.pathParam("name");
        Map<String, String> labels = Labels.parse(ctx.queryParam("label"));
        String body = ctx.body().asString();
        String patch = body == null || body.isBlank() ? null : body;
        vertx.executeBlocking(() -> runs.submitSaved(name, patch, labels), false)
                .onSuccess(id -> {
                    if (id.isPresent()) {
                        HttpApi.accepted(ctx, id.get());
                    } else {
                        ctx.fail(new NotFoundException("no scenario named " + name));
                    }
                })
                .onFailure(ctx::fail);
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
