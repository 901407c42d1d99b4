package dev.loadlab.targethost.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.loadlab.targethost.TargetConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The target host's control API on its own port; every call needs {@code Authorization: Bearer TOKEN}. Routes:
 *
 * <ul>
 *   <li>{@code GET /control/profiles}: {@code {"profiles":[{"name","kind","description"}]}}
 *   <li>{@code GET /control/config}: the running configuration
 *   <li>{@code PUT /control/config} with {@code {"profile":"threaded-gil","workers":4}}: switches, answers 200 with the
 *       new configuration once it is healthy
 *   <li>{@code GET /control/stats}: CPU, memory and request counts of the running configuration
 * </ul>
 *
 * Each route validates, then calls the {@link Supervisor}; every error is {@code application/problem+json} naming the
 * field (as a JSON pointer) and its bound, and a refused request changes nothing. Thread-safe.
 */
public final class ControlServer implements AutoCloseable {
    private static final String BODY = "loadlab.body";
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final Supervisor supervisor;
    private final byte[] token;
    private final HttpServer server;
    private final ExecutorService executor;

    /** Starts serving on {@code host:port} (0: any free port). */
    public ControlServer(Supervisor supervisor, String token, String host, int port) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the control token must not be blank");
        }
        this.supervisor = supervisor;
        this.token = token.getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        executor = Executors.newFixedThreadPool(
                4, Thread.ofPlatform().daemon(true).name("loadlab-control-", 1).factory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // Read the body first, always, so the connection stays usable even when the request is refused early.
            exchange.setAttribute(BODY, exchange.getRequestBody().readNBytes(MAX_BODY_BYTES));
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"loadlab-target\"");
                problem(
                        exchange,
                        401,
                        "Unauthorized",
                        "send Authorization: Bearer TOKEN with the host's control" + " token",
                        "/headers/Authorization");
                return;
            }
            String route =
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /control/profiles" -> send(exchange, 200, ControlJsonWriter.profiles(supervisor.catalog()));
                case "GET /control/config" -> send(exchange, 200, ControlJsonWriter.config(supervisor.current()));
                case "PUT /control/config" -> putConfig(exchange);
                case "GET /control/stats" -> send(exchange, 200, ControlJsonWriter.stats(supervisor.stats()));
                default ->
                    problem(
                            exchange,
                            404,
                            "Not Found",
                            "no route " + route + "; the control API has GET"
                                    + " /control/profiles, GET and PUT /control/config, GET /control/stats",
                            null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void putConfig(HttpExchange exchange) throws IOException, InterruptedException {
        String body = new String(bodyOf(exchange), StandardCharsets.UTF_8);
        Map<String, Object> json;
        try {
            json = FlatJson.parseObject(body);
        } catch (IllegalArgumentException e) {
            problem(exchange, 400, "Bad Request", e.getMessage(), "");
            return;
        }
        Object profile = json.get("profile");
        if (!(profile instanceof String name)) {
            problem(
                    exchange,
                    400,
                    "Bad Request",
                    "profile is required: a string, one of "
                            + supervisor.catalog().names(),
                    "/profile");
            return;
        }
        if (supervisor.catalog().find(name).isEmpty()) {
            problem(
                    exchange,
                    400,
                    "Bad Request",
                    "profile must be one of " + supervisor.catalog().names() + ", was '" + name + "'",
                    "/profile");
            return;
        }
        Object workers = json.get("workers");
        String bound = "an integer between " + TargetConfig.MIN_WORKERS + " and " + TargetConfig.MAX_WORKERS;
        if (!(workers instanceof Long count)) {
            problem(exchange, 400, "Bad Request", "workers is required: " + bound, "/workers");
            return;
        }
        if (count < TargetConfig.MIN_WORKERS || count > TargetConfig.MAX_WORKERS) {
            problem(
                    exchange,
                    400,
                    "Bad Request",
                    "workers must be between " + TargetConfig.MIN_WORKERS + " and " + TargetConfig.MAX_WORKERS
                            + ", was " + count,
                    "/workers");
            return;
        }
        for (String key : json.keySet()) {
            if (!key.equals("profile") && !key.equals("workers")) {
                problem(
                        exchange,
                        400,
                        "Bad Request",
                        "unknown field '" + key + "'; a configuration has only" + " profile and workers",
                        "/" + key);
                return;
            }
        }
        try {
            RunningConfig running = supervisor.apply(name, count.intValue());
            send(exchange, 200, ControlJsonWriter.config(running));
        } catch (StartFailedException e) {
            problem(
                    exchange,
                    503,
                    "Service Unavailable",
                    "the new configuration did not start, and nothing runs" + " now: " + e.getMessage(),
                    null);
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        // Constant-time comparison: the answer time must not reveal how much of a guessed token was right.
        return MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bodyOf(HttpExchange exchange) {
        Object body = exchange.getAttribute(BODY);
        return body instanceof byte[] bytes ? bytes : new byte[0];
    }

    private static void problem(HttpExchange exchange, int status, String title, String detail, String pointer)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        byte[] bytes = ControlJsonWriter.problem(status, title, detail, pointer).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
