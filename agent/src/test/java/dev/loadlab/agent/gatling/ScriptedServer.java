package dev.loadlab.agent.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP (or HTTPS) target with a few scripted endpoints, on 127.0.0.1 and a free port, for the request-level
 * tests: {@code /echo} keeps what it received; {@code /json} answers {@code {"sku":"b2","echo":<X-Echo header>}};
 * {@code /login} answers a token for password {@code hunter2}, 401 otherwise; {@code /items/me} needs that token;
 * {@code /slow?ms=N} waits; {@code /empty} is 204 without a body; {@code /created} is 201 with {@code Location:
 * /items/42}; {@code /items/42/view} is 200; anything else is 404. Counts every request by path.
 */
final class ScriptedServer implements AutoCloseable {
    static final String PASSWORD = "hunter2";

    /** One request as the server saw it; header names lower-cased, first value each. */
    record Received(String method, String pathAndQuery, Map<String, String> headers, String body) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final String scheme;
    private final ExecutorService pool = Executors.newFixedThreadPool(16);
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
    private final List<Received> echoes = new CopyOnWriteArrayList<>();
    private final LongAdder unauthorized = new LongAdder();

    private ScriptedServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    static ScriptedServer http() throws IOException {
        return new ScriptedServer(
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256), "http");
    }

    static ScriptedServer https(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        return new ScriptedServer(server, "https");
    }

    String baseUrl() {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    long received(String path) {
        LongAdder count = received.get(path);
        return count == null ? 0 : count.sum();
    }

    long receivedTotal() {
        return received.values().stream().mapToLong(LongAdder::sum).sum();
    }

    List<Received> echoes() {
        return echoes;
    }

    /** Requests to /items/me without the right token. */
    long unauthorized() {
        return unauthorized.sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        received.computeIfAbsent(path, p -> new LongAdder()).increment();
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            switch (path) {
                case "/echo" -> {
                    echoes.add(new Received(
                            exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath() + "?"
                                    + exchange.getRequestURI().getRawQuery(),
                            headers,
                            body));
                    send(exchange, 200, "{\"ok\":true}");
                }
                case "/json" -> {
                    ObjectNode json = MAPPER.createObjectNode().put("sku", "b2").put("echo", headers.get("x-echo"));
                    send(exchange, 200, json.toString());
                }
                case "/login" -> {
                    JsonNode login = MAPPER.readTree(body);
                    if (PASSWORD.equals(login.path("password").asText())) {
                        send(
                                exchange,
                                200,
                                "{\"token\":\"tok-" + login.path("user").asText() + "\"}");
                    } else {
                        send(exchange, 401, "{}");
                    }
                }
                case "/items/me" -> {
                    if ("Bearer tok-ann".equals(headers.get("authorization"))) {
                        send(exchange, 200, "{\"user\":\"ann\"}");
                    } else {
                        unauthorized.increment();
                        send(exchange, 401, "{}");
                    }
                }
                case "/slow" -> {
                    String query = exchange.getRequestURI().getQuery();
                    sleep(query != null && query.startsWith("ms=") ? Long.parseLong(query.substring(3)) : 0);
                    send(exchange, 200, "slow");
                }
                case "/empty" -> exchange.sendResponseHeaders(204, -1);
                case "/created" -> {
                    exchange.getResponseHeaders().set("Location", "/items/42");
                    send(exchange, 201, "{}");
                }
                case "/items/42/view" -> send(exchange, 200, "{}");
                default -> send(exchange, 404, "not here");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // The wait is the endpoint's behaviour under test (a slow response), not synchronisation.
    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
