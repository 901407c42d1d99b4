package dev.loadlab.coordinator.http;

import dev.loadlab.coordinator.agents.AgentRegistry;
import dev.loadlab.coordinator.compare.CompareService;
import dev.loadlab.coordinator.inputs.DatasetService;
import dev.loadlab.coordinator.inputs.SecretService;
import dev.loadlab.coordinator.metrics.CoordinatorMetrics;
import dev.loadlab.coordinator.runs.RunService;
import dev.loadlab.coordinator.scenarios.ScenarioService;
import dev.loadlab.protocol.ScenarioSchema;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The coordinator's one router. {@link #table()} lists every route served, REST API and dashboard, as method + path +
 * handler; the handlers live in one small class per resource ({@link RunHandlers}, {@link ScenarioHandlers},
 * {@link DatasetHandlers}, {@link SecretHandlers}, {@link CompareHandlers}, {@link SystemHandlers},
 * {@link MetricsHandlers}) and each parses, calls a service off the event loop and maps the
 * result. Every failure goes through {@link ProblemHandler}. Thread-safe once started.
 */
public final class HttpApi {
    public static final String RUNS = "/api/v1/runs";
    /** The API's own description: public, like the health checks, since it holds no data. */
    static final String OPENAPI = "/api/v1/openapi.yaml";
    /** The scenario document's JSON Schema, for editors: public for the same reason. */
    static final String SCENARIO_SCHEMA = ScenarioSchema.PATH;

    private final Vertx vertx;
    private final int maxBodyBytes;
    private final String apiToken;
    private final RunHandlers runs;
    private final ScenarioHandlers scenarios;
    private final CompareHandlers compare;
    private final SystemHandlers system;
    private final DatasetHandlers datasets;
    private final SecretHandlers secrets;
    private final MetricsHandlers metrics;
    private final boolean metricsOpen;
    private volatile List<String> routes = List.of();

    public HttpApi(
            Vertx vertx,
            RunService runs,
            ScenarioService scenarios,
            CompareService compare,
            DatasetService datasets,
            SecretService secrets,
            AgentRegistry agents,
            BooleanSupplier ready,
            int maxBodyBytes,
            String apiToken,
            CoordinatorMetrics metrics,
            boolean metricsOpen) {
        this.vertx = vertx;
        this.metrics = new MetricsHandlers(vertx, metrics);
        this.metricsOpen = metricsOpen;
        this.maxBodyBytes = maxBodyBytes;
        this.apiToken = apiToken;
        this.runs = new RunHandlers(vertx, runs);
        this.scenarios = new ScenarioHandlers(vertx, scenarios, runs);
        this.compare = new CompareHandlers(vertx, compare);
        this.system = new SystemHandlers(vertx, agents, ready);
        this.datasets = new DatasetHandlers(vertx, datasets);
        this.secrets = new SecretHandlers(vertx, secrets);
    }

    /** The route table: every route the coordinator serves, in the order Vert.x matches them. */
    private List<Route> table() {
        String scenario = ScenarioHandlers.SCENARIOS + "/:name";
        String dataset = DatasetHandlers.DATASETS + "/:name";
        String secret = SecretHandlers.SECRETS + "/:name";
        List<Route> api = List.of(
                Route.post(RUNS, runs::submit),
                Route.get(RUNS, runs::list),
                Route.get(RUNS + "/:id", runs::get),
                Route.get(RUNS + "/:id/export", runs::export),
                Route.post(RUNS + "/:id/cancel", runs::cancel),
                Route.get(RUNS + "/:id/steps/:index/timeline", runs::timeline),
                Route.get(RUNS + "/:id/steps/:index/percentiles", runs::percentiles),
                Route.post(ScenarioHandlers.SCENARIOS, scenarios::create),
                Route.get(ScenarioHandlers.SCENARIOS, scenarios::list),
                Route.get(scenario, scenarios::get),
                Route.put(scenario, scenarios::update),
                Route.delete(scenario, scenarios::delete),
                Route.post(scenario + "/runs", scenarios::start),
                Route.post(DatasetHandlers.DATASETS, datasets::upload),
                Route.get(DatasetHandlers.DATASETS, datasets::list),
                Route.get(dataset, datasets::get),
                Route.delete(dataset, datasets::delete),
                Route.post(SecretHandlers.SECRETS, secrets::add),
                Route.get(SecretHandlers.SECRETS, secrets::list),
                Route.delete(secret, secrets::delete),
                Route.get(CompareHandlers.COMPARE, compare::compare),
                Route.get(CompareHandlers.TREND, compare::trend),
                Route.get("/api/v1/agents", system::agents),
                Route.get(OPENAPI, system::openApi),
                Route.get(SCENARIO_SCHEMA, system::scenarioSchema),
                Route.get(MetricsHandlers.METRICS, metrics::scrape),
                Route.get("/health/live", system::live),
                Route.get("/health/ready", system::ready));
        return Stream.concat(api.stream(), DashboardRoutes.routes().stream()).toList();
    }

    public Router router() {
        Router router = Router.router(vertx);
        // Before the body is read: a caller without the token costs no more than its headers.
        router.route("/api/v1/*").handler(new BearerAuth(apiToken, Set.of(OPENAPI, SCENARIO_SCHEMA)));
        if (!metricsOpen) {
            // Run ids and scenario names are in the live series: as private as the API unless the operator says not.
            router.route(MetricsHandlers.METRICS).handler(new BearerAuth(apiToken, Set.of()));
        }
        // A dataset upload may be far larger than any other body; only that route reads that much. The general body
        // handler below sees the body already read and passes on.
        router.route(HttpMethod.POST, DatasetHandlers.DATASETS)
                .handler(BodyHandler.create(false).setBodyLimit(DatasetHandlers.MAX_UPLOAD_BODY_BYTES));
        router.route().handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
        table().forEach(route -> router.route(route.method(), route.path()).handler(route.handler()));
        router.route().last().handler(ctx -> ctx.fail(404));
        router.route()
                .failureHandler(new ProblemHandler(path ->
                        path.equals(DatasetHandlers.DATASETS) ? DatasetHandlers.MAX_UPLOAD_BODY_BYTES : maxBodyBytes));
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
}
