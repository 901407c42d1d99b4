package dev.loadlab.coordinator;

import dev.loadlab.coordinator.http.ApiTokenFile;
import dev.loadlab.protocol.scenario.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loadlab coordinator}: starts the coordinator and keeps it running until the process is stopped. */
@Command(
        name = "loadlab coordinator",
        mixinStandardHelpOptions = true,
        description =
                "Runs the LoadLab coordinator: REST API, run scheduler, Hazelcast member for the agents, PostgreSQL.")
public final class CoordinatorMain implements Callable<Integer> {
    @Option(
            names = "--http-host",
            defaultValue = "${env:LOADLAB_HTTP_HOST:-" + CoordinatorConfig.DEFAULT_HTTP_HOST + "}",
            description = "REST API address (env LOADLAB_HTTP_HOST, default ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(
            names = "--http-port",
            defaultValue = "${env:LOADLAB_HTTP_PORT:-" + CoordinatorConfig.DEFAULT_HTTP_PORT + "}",
            description = "REST API port, 0 for any (env LOADLAB_HTTP_PORT, default ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(
            names = "--hazelcast-host",
            defaultValue = "${env:LOADLAB_HAZELCAST_HOST:-" + CoordinatorConfig.DEFAULT_HAZELCAST_HOST + "}",
            description = "Address agents reach the cluster on (env LOADLAB_HAZELCAST_HOST, default ${DEFAULT-VALUE}).")
    String hazelcastHost;

    @Option(
            names = "--hazelcast-port",
            defaultValue = "${env:LOADLAB_HAZELCAST_PORT:-" + CoordinatorConfig.DEFAULT_HAZELCAST_PORT + "}",
            description = "Cluster port agents join (env LOADLAB_HAZELCAST_PORT, default ${DEFAULT-VALUE}).")
    int hazelcastPort;

    @Option(
            names = "--cluster-name",
            defaultValue = "${env:LOADLAB_CLUSTER_NAME:-" + CoordinatorConfig.DEFAULT_CLUSTER_NAME + "}",
            description = "Hazelcast cluster name (env LOADLAB_CLUSTER_NAME, default ${DEFAULT-VALUE}).")
    String clusterName;

    @Option(
            names = "--database-url",
            defaultValue = "${env:LOADLAB_DATABASE_URL}",
            description =
                    "JDBC URL of a PostgreSQL; without it an embedded PostgreSQL runs under the data directory (env LOADLAB_DATABASE_URL).")
    String databaseUrl;

    @Option(
            names = "--database-user",
            defaultValue = "${env:LOADLAB_DATABASE_USER}",
            description = "PostgreSQL user (env LOADLAB_DATABASE_USER).")
    String databaseUser;

    @Option(
            names = "--database-password",
            defaultValue = "${env:LOADLAB_DATABASE_PASSWORD}",
            description = "PostgreSQL password (env LOADLAB_DATABASE_PASSWORD).")
    String databasePassword;

    @Option(
            names = "--data-dir",
            defaultValue = "${env:LOADLAB_DATA_DIR:-" + CoordinatorConfig.DEFAULT_DATA_DIR + "}",
            description =
                    "Where the embedded PostgreSQL keeps its data (env LOADLAB_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--allowed-targets",
            defaultValue = "${env:LOADLAB_ALLOWED_TARGETS:-" + CoordinatorConfig.DEFAULT_ALLOWED_TARGETS + "}",
            split = ",",
            description = "Where scenarios may send load: host names, IP addresses ([::1] for IPv6), CIDR ranges"
                    + " (127.0.0.0/8) (env LOADLAB_ALLOWED_TARGETS, default ${DEFAULT-VALUE}).")
    String[] allowedTargets;

    @Option(
            names = "--step-grace",
            defaultValue = "${env:LOADLAB_STEP_GRACE:-" + CoordinatorConfig.DEFAULT_STEP_GRACE + "}",
            description =
                    "How long past its planned end a step may take before it is failed (env LOADLAB_STEP_GRACE, default ${DEFAULT-VALUE}).")
    String stepGrace;

    @Option(
            names = "--placement-timeout",
            defaultValue = "${env:LOADLAB_PLACEMENT_TIMEOUT:-" + CoordinatorConfig.DEFAULT_PLACEMENT_TIMEOUT + "}",
            description =
                    "How long a run may wait for enough idle agents before it fails (env LOADLAB_PLACEMENT_TIMEOUT, default ${DEFAULT-VALUE}).")
    String placementTimeout;

    @Option(
            names = "--target-url",
            defaultValue = "${env:LOADLAB_TARGET_URL:-" + CoordinatorConfig.DEFAULT_TARGET_URL + "}",
            description = "Base URL of the target host's app, used by the built-in scenarios (env LOADLAB_TARGET_URL,"
                    + " default ${DEFAULT-VALUE}).")
    String targetUrl;

    @Option(
            names = "--target-control-url",
            defaultValue = "${env:LOADLAB_TARGET_CONTROL_URL:-" + CoordinatorConfig.DEFAULT_TARGET_CONTROL_URL + "}",
            description = "URL of the target host's control API, used by the built-in scenarios"
                    + " (env LOADLAB_TARGET_CONTROL_URL, default ${DEFAULT-VALUE}).")
    String targetControlUrl;

    @Option(
            names = "--target-control-token",
            defaultValue =
                    "${env:LOADLAB_TARGET_CONTROL_TOKEN:-" + CoordinatorConfig.DEFAULT_TARGET_CONTROL_TOKEN + "}",
            description = "Token of the target host's control API, used by the built-in scenarios"
                    + " (env LOADLAB_TARGET_CONTROL_TOKEN, default ${DEFAULT-VALUE}: the README's local target;"
                    + " change it anywhere else).")
    String targetControlToken;

    @Option(
            names = "--api-token",
            defaultValue = "${env:LOADLAB_API_TOKEN}",
            description = "Bearer token every REST call must carry (env LOADLAB_API_TOKEN); without one, a generated"
                    + " token is kept in <data-dir>/api-token (readable by this user only).")
    String apiToken;

    @Option(
            names = "--secret-key",
            defaultValue = "${env:LOADLAB_SECRET_KEY}",
            description = "Base64 of the 32-byte key that encrypts stored secrets (env LOADLAB_SECRET_KEY, preferred:"
                    + " a flag shows in the process list); without one, a generated key is kept in"
                    + " <data-dir>/secret-key (readable by this user only).")
    String secretKey;

    @Option(
            names = "--metrics-open",
            defaultValue = "${env:LOADLAB_METRICS_OPEN:-false}",
            description = "Serve GET /metrics without the API token, for a Prometheus inside a trusted network"
                    + " (env LOADLAB_METRICS_OPEN, default ${DEFAULT-VALUE}: the token is needed).")
    boolean metricsOpen;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CoordinatorMain()).execute(args));
    }

    CoordinatorConfig config() {
        try {
            return configOrThrow();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    private CoordinatorConfig configOrThrow() {
        return CoordinatorConfig.builder()
                .httpHost(httpHost)
                .httpPort(httpPort)
                .hazelcastHost(hazelcastHost)
                .hazelcastPort(hazelcastPort)
                .clusterName(clusterName)
                .database(databaseUrl, databaseUser, databasePassword)
                .dataDir(dataDir)
                .allowedTargets(Arrays.asList(allowedTargets))
                .stepGrace(duration("--step-grace", stepGrace))
                .placementTimeout(duration("--placement-timeout", placementTimeout))
                .targetHost(targetHost())
                .apiToken(apiToken)
                .secretKey(secretKey)
                .metricsOpen(metricsOpen)
                .build();
    }

    private CoordinatorConfig.TargetHost targetHost() {
        try {
            return new CoordinatorConfig.TargetHost(targetUrl, targetControlUrl, targetControlToken);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    private Duration duration(String flag, String text) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), flag + ": " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        CoordinatorConfig config = config();
        Coordinator coordinator = Coordinator.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            coordinator.close();
            stopped.countDown();
        }));
        System.out.println("loadlab-coordinator ready: " + coordinator.httpUrl() + " (cluster "
                + coordinator.clusterAddress() + ", database " + coordinator.databaseDescription() + ")");
        System.out.println("REST API token: "
                + (config.apiToken().isPresent()
                        ? "the one given by --api-token / LOADLAB_API_TOKEN"
                        : "in " + config.dataDir().resolve(ApiTokenFile.NAME).toAbsolutePath())
                + " (send Authorization: Bearer <token>)");
        stopped.await();
        return 0;
    }
}
