package dev.loadlab.coordinator;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the coordinator is configured with, read once by {@link CoordinatorMain} (flag, then environment
 * variable, then default) and passed down through constructors. Port 0 means "any free port". Without a
 * {@code databaseUrl}, an embedded PostgreSQL keeps its data under {@code dataDir}. {@code targetHost} is the target
 * host the built-in scenarios point at. {@code apiToken} is the bearer token every REST call must carry; without one,
 * the coordinator keeps a generated token in {@code dataDir/api-token}. Immutable.
 */
public record CoordinatorConfig(
        String httpHost,
        int httpPort,
        String hazelcastHost,
        int hazelcastPort,
        String clusterName,
        Optional<String> databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        Path dataDir,
        List<String> allowedTargets,
        Duration stepGrace,
        Duration placementTimeout,
        TargetHost targetHost,
        Optional<String> apiToken) {

    public static final int MAX_BODY_BYTES = 1 << 20;
    /** A bearer token shorter than this is too easy to guess for something that fires load at hosts. */
    public static final int MIN_API_TOKEN_LENGTH = 16;

    public CoordinatorConfig {
        checkPort("http-port", httpPort);
        checkPort("hazelcast-port", hazelcastPort);
        allowedTargets = List.copyOf(allowedTargets);
        Objects.requireNonNull(targetHost, "targetHost");
        apiToken = apiToken.filter(t -> !t.isBlank());
        apiToken.ifPresent(token -> {
            if (token.length() < MIN_API_TOKEN_LENGTH || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
                throw new IllegalArgumentException("--api-token must be at least " + MIN_API_TOKEN_LENGTH
                        + " printable ASCII characters without spaces, was " + token.length() + " characters");
            }
        });
    }

    /**
     * The target host the built-in scenarios use: its app's base URL, its control API's URL and the control token.
     * The default is the local target the README starts with {@code ./loadlab target --port 9000 --control-port 9001
     * --control-token s3cret}. Immutable.
     */
    public record TargetHost(String baseUrl, String controlUrl, String controlToken) {
        public static final TargetHost LOCAL =
                new TargetHost("http://127.0.0.1:9000", "http://127.0.0.1:9001", "s3cret");

        public TargetHost {
            checkUrl("target-url", baseUrl);
            checkUrl("target-control-url", controlUrl);
            if (controlToken == null || controlToken.isBlank()) {
                throw new IllegalArgumentException("--target-control-token must not be blank");
            }
        }

        private static void checkUrl(String flag, String url) {
            URI uri;
            try {
                uri = url == null ? null : new URI(url);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null
                    || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException(
                        "--" + flag + " must be an http(s) URL with a host, such as http://127.0.0.1:9000, was " + url);
            }
        }
    }

    /** A configuration for tests and the demo: loopback, free ports, embedded PostgreSQL under {@code dataDir}. */
    public static CoordinatorConfig local(Path dataDir, String clusterName) {
        return new CoordinatorConfig(
                "127.0.0.1",
                0,
                "127.0.0.1",
                0,
                clusterName,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                dataDir,
                List.of("127.0.0.1", "localhost", "::1", "[::1]"),
                Duration.ofSeconds(60),
                Duration.ofMinutes(10),
                TargetHost.LOCAL,
                Optional.empty());
    }

    public CoordinatorConfig withDatabase(String url, String user, String password) {
        return new CoordinatorConfig(
                httpHost,
                httpPort,
                hazelcastHost,
                hazelcastPort,
                clusterName,
                Optional.of(url),
                Optional.ofNullable(user),
                Optional.ofNullable(password),
                dataDir,
                allowedTargets,
                stepGrace,
                placementTimeout,
                targetHost,
                apiToken);
    }

    /** This configuration with a fixed cluster port (a restarted coordinator where its agents look for it). */
    public CoordinatorConfig withHazelcastPort(int port) {
        return new CoordinatorConfig(
                httpHost,
                httpPort,
                hazelcastHost,
                port,
                clusterName,
                databaseUrl,
                databaseUser,
                databasePassword,
                dataDir,
                allowedTargets,
                stepGrace,
                placementTimeout,
                targetHost,
                apiToken);
    }

    /** This configuration with another placement timeout (how long a run may wait for idle agents). */
    public CoordinatorConfig withPlacementTimeout(Duration timeout) {
        return new CoordinatorConfig(
                httpHost,
                httpPort,
                hazelcastHost,
                hazelcastPort,
                clusterName,
                databaseUrl,
                databaseUser,
                databasePassword,
                dataDir,
                allowedTargets,
                stepGrace,
                timeout,
                targetHost,
                apiToken);
    }

    /** This configuration with a fixed REST API token (instead of the one kept under {@code dataDir}). */
    public CoordinatorConfig withApiToken(String token) {
        return new CoordinatorConfig(
                httpHost,
                httpPort,
                hazelcastHost,
                hazelcastPort,
                clusterName,
                databaseUrl,
                databaseUser,
                databasePassword,
                dataDir,
                allowedTargets,
                stepGrace,
                placementTimeout,
                targetHost,
                Optional.of(token));
    }

    /** This configuration with another target host for the built-in scenarios. */
    public CoordinatorConfig withTargetHost(TargetHost host) {
        return new CoordinatorConfig(
                httpHost,
                httpPort,
                hazelcastHost,
                hazelcastPort,
                clusterName,
                databaseUrl,
                databaseUser,
                databasePassword,
                dataDir,
                allowedTargets,
                stepGrace,
                placementTimeout,
                host,
                apiToken);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--" + name + " must be between 0 and 65535, was " + port);
        }
    }
}
