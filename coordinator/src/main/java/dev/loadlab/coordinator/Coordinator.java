package dev.loadlab.coordinator;

import dev.loadlab.cluster.CoordinatorEndpoint;
import dev.loadlab.coordinator.agents.AgentRegistry;
import dev.loadlab.coordinator.compare.CompareService;
import dev.loadlab.coordinator.db.CompareQueries;
import dev.loadlab.coordinator.db.Database;
import dev.loadlab.coordinator.db.DatasetStore;
import dev.loadlab.coordinator.db.RunQueries;
import dev.loadlab.coordinator.db.RunStore;
import dev.loadlab.coordinator.db.ScenarioStore;
import dev.loadlab.coordinator.db.SecretStore;
import dev.loadlab.coordinator.db.StepStore;
import dev.loadlab.coordinator.http.ApiTokenFile;
import dev.loadlab.coordinator.http.HttpApi;
import dev.loadlab.coordinator.inputs.DatasetService;
import dev.loadlab.coordinator.inputs.SecretCipher;
import dev.loadlab.coordinator.inputs.SecretKeyFile;
import dev.loadlab.coordinator.inputs.SecretService;
import dev.loadlab.coordinator.inputs.StoredInputs;
import dev.loadlab.coordinator.inputs.StoredReferences;
import dev.loadlab.coordinator.metrics.CoordinatorMetrics;
import dev.loadlab.coordinator.model.DatasetCatalog;
import dev.loadlab.coordinator.model.ScenarioCatalog;
import dev.loadlab.coordinator.runs.RunScheduler;
import dev.loadlab.coordinator.runs.RunService;
import dev.loadlab.coordinator.scenarios.BuiltInScenarios;
import dev.loadlab.coordinator.scenarios.ScenarioService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running coordinator: PostgreSQL (migrated), the Hazelcast data member, the scheduler and the REST API, started in
 * that order and stopped in reverse. Used by {@link CoordinatorMain}, the demo and the tests. Thread-safe.
 */
public final class Coordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    private final Deque<AutoCloseable> resources;
    private final Database database;
    private final CoordinatorEndpoint cluster;
    private final HttpServer http;
    private final String httpHost;
    private final List<String> routes;
    private final String apiToken;

    private Coordinator(
            Deque<AutoCloseable> resources,
            Database database,
            CoordinatorEndpoint cluster,
            HttpServer http,
            String host,
            List<String> routes,
            String apiToken) {
        this.routes = routes;
        this.apiToken = apiToken;
        this.resources = resources;
        this.database = database;
        this.cluster = cluster;
        this.http = http;
        this.httpHost = host;
    }

    public static Coordinator start(CoordinatorConfig config) {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            Database database = Database.open(
                    config.databaseUrl(), config.databaseUser(), config.databasePassword(), config.dataDir());
            resources.push(database);
            CoordinatorEndpoint cluster =
                    CoordinatorEndpoint.start(config.hazelcastHost(), config.hazelcastPort(), config.clusterName());
            resources.push(cluster);
            RunStore runStore = new RunStore(database.dataSource());
            StepStore stepStore = new StepStore(database.dataSource());
            ScenarioCatalog savedScenarios = new ScenarioStore(database.dataSource());
            DatasetCatalog datasetStore = new DatasetStore(database.dataSource());
            byte[] secretKey = config.secretKey().orElseGet(() -> SecretKeyFile.loadOrCreate(config.dataDir()));
            if (config.secretKey().isEmpty()) {
                LOG.info("secret key: in {}", config.dataDir().resolve(SecretKeyFile.NAME));
            }
            SecretService secrets = new SecretService(
                    new SecretStore(database.dataSource()),
                    new SecretCipher(secretKey),
                    savedScenarios,
                    Clock.systemUTC());
            DatasetService datasets = new DatasetService(datasetStore, savedScenarios, Clock.systemUTC());
            AgentRegistry agents = new AgentRegistry();
            RunQueries runQueries = new RunQueries(database.dataSource());
            // The metrics watch the scheduler, which tells them how runs go: each needs the other.
            AtomicReference<RunScheduler> queued = new AtomicReference<>();
            CoordinatorMetrics metrics = new CoordinatorMetrics(runQueries, agents, () -> {
                RunScheduler s = queued.get();
                return s == null ? 0 : s.queueLength();
            });
            RunScheduler scheduler = new RunScheduler(
                    runStore,
                    stepStore,
                    agents,
                    cluster,
                    config.stepGrace(),
                    config.placementTimeout(),
                    Clock.systemUTC(),
                    new StoredInputs(datasetStore, secrets),
                    metrics,
                    config.targetAllowlist());
            queued.set(scheduler);
            resources.push(scheduler);
            scheduler.start();
            String apiToken = config.apiToken().orElseGet(() -> ApiTokenFile.loadOrCreate(config.dataDir()));
            if (config.apiToken().isEmpty()) {
                LOG.info(
                        "REST API token: in {} (send it as Authorization: Bearer <token>)",
                        config.dataDir().resolve(ApiTokenFile.NAME));
            }
            Vertx vertx = Vertx.vertx();
            resources.push(() -> vertx.close().await(10, TimeUnit.SECONDS));
            RunService runs = new RunService(
                    runQueries,
                    savedScenarios,
                    scheduler,
                    config.targetAllowlist(),
                    new StoredReferences(datasetStore, secrets));
            ScenarioService scenarios = new ScenarioService(savedScenarios, runs::validate, Clock.systemUTC());
            scenarios
                    .seedBuiltIns(BuiltInScenarios.resolve(config.targetHost()))
                    .forEach((name, seeded) -> {
                        if (seeded == ScenarioCatalog.Seeded.USER_VERSION_KEPT) {
                            LOG.warn("built-in scenario {} not seeded: its latest version was saved by a user", name);
                        } else {
                            LOG.info("built-in scenario {}: {}", name, seeded);
                        }
                    });
            HttpApi api = new HttpApi(
                    vertx,
                    runs,
                    scenarios,
                    new CompareService(new CompareQueries(database.dataSource())),
                    datasets,
                    secrets,
                    agents,
                    () -> database.isUsable() && cluster.isRunning(),
                    CoordinatorConfig.MAX_BODY_BYTES,
                    apiToken,
                    metrics,
                    config.metricsOpen());
            HttpServer http = api.listen(config.httpHost(), config.httpPort()).await(30, TimeUnit.SECONDS);
            return new Coordinator(resources, database, cluster, http, config.httpHost(), api.routes(), apiToken);
        } catch (Exception e) {
            closeAll(resources);
            throw new IllegalStateException("the coordinator could not start: " + e.getMessage(), e);
        }
    }

    public int httpPort() {
        return http.actualPort();
    }

    public String httpUrl() {
        return "http://" + httpHost + ":" + httpPort();
    }

    /** {@code host:port} of the Hazelcast member agents join. */
    public String clusterAddress() {
        return cluster.address();
    }

    /** Every REST route served, as "METHOD /path" with ":param" placeholders. */
    public List<String> routes() {
        return routes;
    }

    /** The bearer token every REST call must carry. */
    public String apiToken() {
        return apiToken;
    }

    public String databaseJdbcUrl() {
        return database.jdbcUrl();
    }

    public String databaseDescription() {
        return database.description();
    }

    @Override
    public synchronized void close() {
        closeAll(resources);
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("a coordinator part did not stop cleanly", e);
            }
        }
    }
}
