package dev.loadlab.coordinator.http;

import dev.loadlab.coordinator.agents.AgentRegistry;
import dev.loadlab.coordinator.compare.CompareRoutes;
import dev.loadlab.coordinator.model.CancelOutcome;
import dev.loadlab.coordinator.runs.Labels;
import dev.loadlab.coordinator.runs.RunService;
import dev.loadlab.coordinator.scenarios.ScenarioService;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.OpenApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * The coordinator's REST API. Routes are listed first; each handler parses, calls a service off the event loop, and
 * maps the result. Every failure goes through {@link ProblemHandler}. Thread-safe once started.
 */
public final class HttpApi {
    public static final String RUNS = "/api/v1/runs";
    /** The API's own description: public, like the health checks, since it holds no data. */
    static final String OPENAPI = "/api/v1/openapi.yaml";

    private final Vertx vertx;
    private final RunService runs;
    private final AgentRegistry agents;
    private final BooleanSupplier ready;
    private final int maxBodyBytes;
    private final String apiToken;
    private final ScenarioRoutes scenarioRoutes;
    private final CompareRoutes compare;
    private volatile List<String> routes = List.of();

    public HttpApi(
            Vertx vertx,
            RunService runs,
            ScenarioService scenarios,
            CompareRoutes compare,
            AgentRegistry agents,
            BooleanSupplier ready,
            int maxBodyBytes,
            String apiToken) {
        this.vertx = vertx;
        this.runs = runs;
        this.scenarioRoutes = new ScenarioRoutes(vertx, scenarios, runs);
        this.compare = compare;
        this.agents = agents;
        this.ready = ready;
        this.maxBodyBytes = maxBodyBytes;
        this.apiToken = apiToken;
    }

    public Router router() {
        Router router = Router.router(vertx);
        // Before the body is read: a caller without the token costs no more than its headers.
        router.route("/api/v1/*").handler(new BearerAuth(apiToken, Set.of(OPENAPI)));
        router.route().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        router.post(RUNS).handler(this::submitRun);
        router.get(RUNS).handler(this::listRuns);
        router.get(RUNS + "/:id").handler(this::getRun);
        router.post(RUNS + "/:id/cancel").handler(this::cancelRun);
        router.get(RUNS + "/:id/steps/:index/timeline").handler(this::timeline);
        scenarioRoutes.register(router);
        compare.register(router, vertx);
        router.get("/api/v1/agents").handler(ctx -> blocking(vertx, ctx, agents::list));
        String openApi = OpenApi.yaml();
        router.get(OPENAPI).handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/yaml")
                .end(openApi));
        router.get("/health/live").handler(ctx -> json(ctx, 200, Map.of("status", "UP")));
        router.get("/health/ready").handler(this::readiness);
        DashboardRoutes.register(router);
        router.route().last().handler(ctx -> ctx.fail(404));
        router.route().failureHandler(new ProblemHandler(maxBodyBytes));
        return router;
    }

    public Future<HttpServer> listen(String host, int port) {
        Router router = router();
        routes = router.getRoutes().stream()
                .filter(route -> route.getPath() != null
                        && route.methods() != null
                        && !route.methods().isEmpty())
                .flatMap(route -> route.methods().stream().map(method -> method.name() + " " + route.getPath()))
                .sorted()
                .toList();
        return vertx.createHttpServer().requestHandler(router).listen(port, host);
    }

    /** Every route served, as "METHOD /path" with Vert.x's ":param" placeholders; known once listening. */
    public List<String> routes() {
        return routes;
    }

    private void submitRun(RoutingContext ctx) {
        Map<String, String> labels = Labels.parse(ctx.queryParam("label"));
        String body = requiredBody(ctx);
        if (body != null) {
            vertx.executeBlocking(() -> runs.submit(body, labels), false)
                    .onSuccess(id -> accepted(ctx, id))
                    .onFailure(ctx::fail);
        }
    }

    /** 202 with the new run's id and its Location. */
    static void accepted(RoutingContext ctx, UUID id) {
        String location = RUNS + "/" + id;
        ctx.response().putHeader("Location", location);
        json(ctx, 202, Map.of("id", id.toString(), "status", "QUEUED", "href", location));
    }

    /** The request body, or null after failing the request with a problem naming the missing body. */
    static String requiredBody(RoutingContext ctx) {
        String body = ctx.body().asString();
        if (body == null || body.isBlank()) {
            ctx.fail(new InvalidInputException("$", "is required: send a scenario as the JSON body"));
            return null;
        }
        return body;
    }

    private void getRun(RoutingContext ctx) {
        UUID id = runId(ctx.pathParam("id"));
        vertx.executeBlocking(() -> runs.find(id), false)
                .onSuccess(run -> {
                    if (run.isPresent()) {
                        json(ctx, 200, run.get());
                    } else {
                        ctx.fail(new NotFoundException("no run with id " + id));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void cancelRun(RoutingContext ctx) {
        UUID id = runId(ctx.pathParam("id"));
        vertx.executeBlocking(() -> runs.cancel(id), false)
                .onSuccess(outcome -> {
                    if (outcome.isEmpty()) {
                        ctx.fail(new NotFoundException("no run with id " + id));
                    } else if (outcome.get() == CancelOutcome.ALREADY_FINAL) {
                        ctx.fail(new ConflictException("run " + id
                                + " has already ended; only a queued or running run can be" + " cancelled"));
                    } else {
                        json(
                                ctx,
                                202,
                                Map.of(
                                        "id",
                                        id.toString(),
                                        "status",
                                        outcome.get() == CancelOutcome.CANCELLED ? "CANCELLED" : "CANCELLING"));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void timeline(RoutingContext ctx) {
        UUID id = runId(ctx.pathParam("id"));
        int index;
        try {
            index = Integer.parseInt(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            ctx.fail(new NotFoundException("no step " + ctx.pathParam("index") + " (steps are numbered from 0)"));
            return;
        }
        vertx.executeBlocking(() -> runs.timeline(id, index), false)
                .onSuccess(points -> {
                    if (points.isEmpty()) {
                        ctx.fail(new NotFoundException("no step " + index + " in run " + id));
                    } else {
                        json(ctx, 200, Map.of("runId", id.toString(), "stepIndex", index, "seconds", points.get()));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void listRuns(RoutingContext ctx) {
        HistoryQuery query = HistoryQuery.of(ctx.queryParams());
        blocking(vertx, ctx, () -> runs.list(query.filter(), query.limit(), query.cursor()));
    }

    private void readiness(RoutingContext ctx) {
        vertx.executeBlocking(ready::getAsBoolean, false)
                .onSuccess(ok -> {
                    if (ok) {
                        json(ctx, 200, Map.of("status", "UP"));
                    } else {
                        ctx.fail(new UnavailableException("PostgreSQL or Hazelcast is not usable"));
                    }
                })
                .onFailure(ctx::fail);
    }

    private static UUID runId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no run with id " + raw + " (run ids are UUIDs)");
        }
    }

    /** Runs {@code work} off the event loop and answers 200 with its result as JSON. */
    static <T> void blocking(Vertx vertx, RoutingContext ctx, Callable<T> work) {
        vertx.executeBlocking(work, false)
                .onSuccess(value -> json(ctx, 200, value))
                .onFailure(ctx::fail);
    }

    static void json(RoutingContext ctx, int status, Object value) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(Json.write(value));
    }
}
