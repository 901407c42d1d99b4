package dev.loadlab.coordinator;

import dev.loadlab.protocol.scenario.DurationText;
import dev.loadlab.protocol.target.TargetAllowlist;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the coordinator is configured with, read once by {@link CoordinatorMain} (flag, then environment
 * variable, then default) and passed down through constructors. Port 0 means "any free port". Without a
 * {@code databaseUrl}, an embedded PostgreSQL keeps its data under {@code dataDir}. {@code targetHost} is the target
 * host the built-in scenarios point at. {@code apiToken} is the bearer token every REST call must carry; without one,
 * the coordinator keeps a generated token in {@code dataDir/api-token}. {@code secretKey} (32 bytes) encrypts the
 * stored secrets; without one, the coordinator keeps a generated key in {@code dataDir/secret-key}.
 * {@code metricsOpen} serves {@code GET /metrics} without the token (for a scraper inside a trusted network). Made with {@link #builder()} (every default is
 * a {@code DEFAULT_*} constant, shared with the CLI) or {@link #local}. Immutable.
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
        Optional<String> apiToken,
        Optional<byte[]> secretKey,
        boolean metricsOpen) {

    // Each default is written once, here: the builder parses these, and CoordinatorMain's picocli options use them
    // as their defaultValue (which must be a compile-time constant string).
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    public static final String DEFAULT_HTTP_PORT = "7070";
    public static final String DEFAULT_HAZELCAST_HOST = "127.0.0.1";
    public static final String DEFAULT_HAZELCAST_PORT = "5701";
    public static final String DEFAULT_CLUSTER_NAME = "loadlab";
    public static final String DEFAULT_DATA_DIR = "loadlab-data";
    /** Loopback only, the agent's default too; see {@link TargetAllowlist} for the entries' syntax. */
    public static final String DEFAULT_ALLOWED_TARGETS = TargetAllowlist.DEFAULT;

    public static final String DEFAULT_STEP_GRACE = "60s";
    public static final String DEFAULT_PLACEMENT_TIMEOUT = "10m";
    /** The local target the README starts with {@code ./loadlab target --port 9000 --control-port 9001}. */
    public static final String DEFAULT_TARGET_URL = "http://127.0.0.1:9000";

    public static final String DEFAULT_TARGET_CONTROL_URL = "http://127.0.0.1:9001";
    /** The README's local target's control token; change it anywhere else. */
    public static final String DEFAULT_TARGET_CONTROL_TOKEN = "s3cret";

    public static final int MAX_BODY_BYTES = 1 << 20;
    /** A bearer token shorter than this is too easy to guess for something that fires load at hosts. */
    public static final int MIN_API_TOKEN_LENGTH = 16;
    /** AES-256: the secret key's length. */
    public static final int SECRET_KEY_BYTES = 32;

    public CoordinatorConfig {
        checkPort("http-port", httpPort);
        Objects.requireNonNull(secretKey, "secretKey");
        secretKey.ifPresent(key -> {
            if (key.length != SECRET_KEY_BYTES) {
                throw new IllegalArgumentException("--secret-key must be " + SECRET_KEY_BYTES
                        + " bytes in base64 (e.g. openssl rand -base64 32), was " + key.length + " bytes");
            }
        });
        checkPort("hazelcast-port", hazelcastPort);
        allowedTargets = List.copyOf(allowedTargets);
        try {
            TargetAllowlist.of(allowedTargets);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--allowed-targets: " + e.getMessage(), e);
        }
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
                new TargetHost(DEFAULT_TARGET_URL, DEFAULT_TARGET_CONTROL_URL, DEFAULT_TARGET_CONTROL_TOKEN);

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
        return builder()
                .httpPort(0)
                .hazelcastPort(0)
                .dataDir(dataDir)
                .clusterName(clusterName)
                .build();
    }

    /** A builder holding every default ({@code DEFAULT_*}); the CLI's defaults are the same constants. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.httpHost = httpHost;
        builder.httpPort = httpPort;
        builder.hazelcastHost = hazelcastHost;
        builder.hazelcastPort = hazelcastPort;
        builder.clusterName = clusterName;
        builder.databaseUrl = databaseUrl;
        builder.databaseUser = databaseUser;
        builder.databasePassword = databasePassword;
        builder.dataDir = dataDir;
        builder.allowedTargets = allowedTargets;
        builder.stepGrace = stepGrace;
        builder.placementTimeout = placementTimeout;
        builder.targetHost = targetHost;
        builder.apiToken = apiToken;
        builder.secretKey = secretKey;
        builder.metricsOpen = metricsOpen;
        return builder;
    }

    /**
     * Builds a {@link CoordinatorConfig}, starting from the defaults; {@link #build()} checks every value. Mutable,
     * not thread-safe: use it where it is made.
     */
    public static final class Builder {
        private String httpHost = DEFAULT_HTTP_HOST;
        private int httpPort = Integer.parseInt(DEFAULT_HTTP_PORT);
        private String hazelcastHost = DEFAULT_HAZELCAST_HOST;
        private int hazelcastPort = Integer.parseInt(DEFAULT_HAZELCAST_PORT);
        private String clusterName = DEFAULT_CLUSTER_NAME;
        private Optional<String> databaseUrl = Optional.empty();
        private Optional<String> databaseUser = Optional.empty();
        private Optional<String> databasePassword = Optional.empty();
        private Path dataDir = Path.of(DEFAULT_DATA_DIR);
        private List<String> allowedTargets = targets(DEFAULT_ALLOWED_TARGETS);
        private Duration stepGrace = DurationText.parse(DEFAULT_STEP_GRACE);
        private Duration placementTimeout = DurationText.parse(DEFAULT_PLACEMENT_TIMEOUT);
        private TargetHost targetHost = TargetHost.LOCAL;
        private Optional<String> apiToken = Optional.empty();
        private Optional<byte[]> secretKey = Optional.empty();
        private boolean metricsOpen;

        private Builder() {}

        /** Serve {@code GET /metrics} without the API token. */
        public Builder metricsOpen(boolean open) {
            this.metricsOpen = open;
            return this;
        }

        public Builder httpHost(String host) {
            this.httpHost = host;
            return this;
        }

        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        public Builder hazelcastHost(String host) {
            this.hazelcastHost = host;
            return this;
        }

        /** A fixed cluster port (a restarted coordinator where its agents look for it); 0 for any. */
        public Builder hazelcastPort(int port) {
            this.hazelcastPort = port;
            return this;
        }

        public Builder clusterName(String name) {
            this.clusterName = name;
            return this;
        }

        /** An external PostgreSQL; a null or blank URL keeps the embedded one (and a blank user is no user). */
        public Builder database(String url, String user, String password) {
            this.databaseUrl = Optional.ofNullable(url).filter(s -> !s.isBlank());
            this.databaseUser = Optional.ofNullable(user).filter(s -> !s.isBlank());
            this.databasePassword = Optional.ofNullable(password);
            return this;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Where scenarios may send load: host names, IP addresses, CIDR ranges (see {@link TargetAllowlist}). */
        public Builder allowedTargets(List<String> hosts) {
            this.allowedTargets = hosts.stream().map(String::trim).toList();
            return this;
        }

        public Builder stepGrace(Duration grace) {
            this.stepGrace = grace;
            return this;
        }

        /** How long a run may wait for idle agents. */
        public Builder placementTimeout(Duration timeout) {
            this.placementTimeout = timeout;
            return this;
        }

        /** The target host the built-in scenarios point at. */
        public Builder targetHost(TargetHost host) {
            this.targetHost = host;
            return this;
        }

        /** A fixed REST API token instead of the one kept under {@code dataDir}; null or blank for that one. */
        public Builder apiToken(String token) {
            this.apiToken = Optional.ofNullable(token);
            return this;
        }

        /**
         * The key that encrypts stored secrets, as base64 of {@link #SECRET_KEY_BYTES} bytes, instead of the one kept
         * under {@code dataDir}; null or blank for that one.
         *
         * @throws IllegalArgumentException when it is not base64 (the key itself is never in the message)
         */
        public Builder secretKey(String base64) {
            if (base64 == null || base64.isBlank()) {
                this.secretKey = Optional.empty();
                return this;
            }
            try {
                this.secretKey = Optional.of(Base64.getDecoder().decode(base64.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "--secret-key must be base64 of " + SECRET_KEY_BYTES + " bytes (e.g. openssl rand -base64 32)");
            }
            return this;
        }

        /** @throws IllegalArgumentException naming the flag of the first value out of bounds */
        public CoordinatorConfig build() {
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
                    apiToken,
                    secretKey,
                    metricsOpen);
        }
    }

    /** {@code "a,b"} as {@code [a, b]}, the form of {@link #DEFAULT_ALLOWED_TARGETS} and of the CLI flag. */
    public static List<String> targets(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** {@link #allowedTargets} as the allowlist both the submission and each step are checked against. */
    public TargetAllowlist targetAllowlist() {
        return TargetAllowlist.of(allowedTargets);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--" + name + " must be between 0 and 65535, was " + port);
        }
    }
}
