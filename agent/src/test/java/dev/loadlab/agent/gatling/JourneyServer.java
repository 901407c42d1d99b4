package dev.loadlab.agent.gatling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP target for the journey tests, on 127.0.0.1 and a free port, that remembers what each connection asked
 * for, in order: a closed-model user keeps one connection, so one connection's list is one user's journey. Every path
 * answers 200 with a small JSON body ({@code {"token":"t-PATH"}}), except {@code /fail} (500), {@code /missing} (404)
 * and {@code /io?ms=N}, which waits N ms first.
 */
final class JourneyServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(64);
    private final Map<Integer, List<String>> byConnection = new ConcurrentHashMap<>();
    private final List<String> all = new ArrayList<>();

    JourneyServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Each connection's requests (path and query), in the order they arrived. */
    List<List<String>> journeys() {
        return byConnection.values().stream().map(JourneyServer::copy).toList();
    }

    /** Every request (path and query), in arrival order. */
    List<String> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    long count(String pathAndQuery) {
        return all().stream().filter(pathAndQuery::equals).count();
    }

    private static List<String> copy(List<String> list) {
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String seen = uri.getRawQuery() == null ? uri.getPath() : uri.getPath() + "?" + uri.getRawQuery();
        List<String> journey =
                byConnection.computeIfAbsent(exchange.getRemoteAddress().getPort(), p -> new ArrayList<>());
        synchronized (journey) {
            journey.add(seen);
        }
        synchronized (all) {
            all.add(seen);
        }
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            int status =
                    switch (uri.getPath()) {
                        case "/fail" -> 500;
                        case "/missing" -> 404;
                        default -> 200;
                    };
            if (uri.getPath().equals("/io")
                    && uri.getQuery() != null
                    && uri.getQuery().startsWith("ms=")) {
                // The wait is the workload under test (an I/O-bound endpoint), not synchronisation.
                try {
                    Thread.sleep(Long.parseLong(uri.getQuery().substring(3)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = ("{\"token\":\"t-" + uri.getPath().substring(1) + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
