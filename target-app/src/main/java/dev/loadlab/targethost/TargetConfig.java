package dev.loadlab.targethost;

import java.util.Map;

/**
 * Everything the target is configured with: the address it binds and the size of its blocking worker pool. Read once,
 * by {@link #resolve} (flag, then environment variable, then default), and passed to {@link TargetServer}'s
 * constructor. Port 0 means "any free port". Immutable.
 *
 * @param bindHost the address to listen on; loopback by default, because a load target must not be reachable by accident
 * @param port the TCP port, 0..65535, 0 for an ephemeral one
 * @param workers threads that serve requests, {@value #MIN_WORKERS}..{@value #MAX_WORKERS}
 */
public record TargetConfig(String bindHost, int port, int workers) {
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9000;
    public static final int DEFAULT_WORKERS = 16;
    public static final int MIN_WORKERS = 1;
    public static final int MAX_WORKERS = 64;
    public static final String PORT_ENV = "LOADLAB_TARGET_PORT";
    public static final String WORKERS_ENV = "LOADLAB_TARGET_WORKERS";
    public static final String BIND_HOST_ENV = "LOADLAB_TARGET_BIND_HOST";

    public TargetConfig {
        if (bindHost == null || bindHost.isBlank()) {
            throw new IllegalArgumentException("bindHost must not be blank");
        }
        checkRange("port", port, 0, 65_535);
        checkRange("workers", workers, MIN_WORKERS, MAX_WORKERS);
    }

    /** Loopback, an ephemeral port, {@code workers} threads: what tests and in-process users want. */
    public static TargetConfig ephemeral(int workers) {
        return new TargetConfig(DEFAULT_BIND_HOST, 0, workers);
    }

    /**
     * The one place configuration is read: each setting comes from its command-line flag if given, else from its
     * environment variable if set and not blank, else from the default. An error names where the bad value came from
     * ({@code --workers} or {@code LOADLAB_TARGET_WORKERS}) and the bound it broke.
     *
     * @param portFlag {@code --port}, or {@code null} if absent
     * @param workersFlag {@code --workers}, or {@code null} if absent
     * @param env the environment, passed in so that tests need not mutate the real one
     * @throws IllegalArgumentException naming the flag or variable and the bound
     */
    public static TargetConfig resolve(Integer portFlag, Integer workersFlag, Map<String, String> env) {
        return resolve(null, portFlag, workersFlag, env);
    }

    /**
     * As {@link #resolve(Integer, Integer, Map)}, with the address to listen on from {@code --bind-host} or
     * {@value #BIND_HOST_ENV} (loopback by default; {@code 0.0.0.0} or a pod IP to be reachable from other hosts).
     */
    public static TargetConfig resolve(
            String bindHostFlag, Integer portFlag, Integer workersFlag, Map<String, String> env) {
        int port = setting("--port", portFlag, PORT_ENV, env, DEFAULT_PORT, 0, 65_535);
        int workers = setting("--workers", workersFlag, WORKERS_ENV, env, DEFAULT_WORKERS, MIN_WORKERS, MAX_WORKERS);
        String source = bindHostFlag != null ? "--bind-host" : BIND_HOST_ENV;
        String host = bindHostFlag != null ? bindHostFlag : env.get(BIND_HOST_ENV);
        if (host == null || (bindHostFlag == null && host.isBlank())) {
            return new TargetConfig(DEFAULT_BIND_HOST, port, workers);
        }
        if (host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
            throw new IllegalArgumentException(
                    source + " must be an IP address or host name such as 0.0.0.0 or 127.0.0.1, was '" + host + "'");
        }
        return new TargetConfig(host.strip(), port, workers);
    }

    private static int setting(
            String flag, Integer flagValue, String envName, Map<String, String> env, int fallback, int min, int max) {
        if (flagValue != null) {
            return checkRange(flag, flagValue, min, max);
        }
        String raw = env.get(envName);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    envName + " must be an integer between " + min + " and " + max + ", was '" + raw + "'");
        }
        return checkRange(envName, value, min, max);
    }

    private static int checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
