package dev.loadlab.targethost.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.control.Problem;
import dev.loadlab.protocol.control.ProfileKind;
import dev.loadlab.protocol.control.ProfileList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
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
 *   <li>{@code GET /control/stats}: CPU, memory and request counts of the running configuration, in total and per
 *       endpoint and status class
 * </ul>
 *
 * Each route validates, then calls the {@link Supervisor}; every body is a record of {@code dev.loadlab.protocol.control}
 * written by Jackson, and every error is {@code application/problem+json} ({@link Problem}) naming the field (as a JSON
 * pointer) and its bound; a refused request changes nothing. Thread-safe.
 */
public final class ControlServer implements AutoCloseable {
    private static final String BODY = "loadlab.body";
    private static final int MAX_BODY_BYTES = 16 * 1024;
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

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
                case "GET /control/profiles" -> send(exchange, 200, JSON, profiles(supervisor.catalog()));
                case "GET /control/config" -> send(exchange, 200, JSON, supervisor.current());
                case "PUT /control/config" -> putConfig(exchange);
                case "GET /control/stats" -> send(exchange, 200, JSON, supervisor.stats());
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
        switch (ConfigRequestReader.read(body, supervisor.catalog())) {
            case ConfigRequestReader.Refused refused -> send(exchange, 400, PROBLEM, refused.problem());
            case ConfigRequestReader.Valid valid -> {
                try {
                    send(exchange, 200, JSON, supervisor.apply(valid.profile(), valid.workers()));
                } catch (StartFailedException e) {
                    problem(
                            exchange,
                            503,
                            "Service Unavailable",
                            "the new configuration did not start, and nothing runs now: " + e.getMessage(),
                            null);
                }
            }
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
        send(exchange, status, PROBLEM, Problem.of(status, title, detail, pointer));
    }

    private static void send(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static ProfileList profiles(ProfileCatalog catalog) {
        List<ProfileList.Entry> entries = new ArrayList<>();
        for (Profile profile : catalog.all()) {
            ProfileKind kind = profile instanceof Profile.Command ? ProfileKind.COMMAND : ProfileKind.BUILT_IN;
            entries.add(new ProfileList.Entry(profile.name(), kind, profile.description()));
        }
        return new ProfileList(entries);
    }
}
