package dev.loadlab.agent.gatling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A real HTTP target for the tests, on 127.0.0.1 and a free port: {@code /io?ms=N} waits N ms, {@code /fast} answers at
 * once, {@code /fail} answers 500. Counts every request it receives, by path, so tests compare against what the server
 * really saw, and when the first request arrived.
 */
public final class CountingServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(64);
    private final Map<String, LongAdder> received = new ConcurrentHashMap<>();
    private final AtomicLong firstReceivedMs = new AtomicLong(Long.MIN_VALUE);

    public CountingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long received(String path) {
        LongAdder count = received.get(path);
        return count == null ? 0 : count.sum();
    }

    public long receivedTotal() {
        return received.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Epoch ms at which the first request arrived, or {@code Long.MIN_VALUE} if none did. */
    public long firstReceivedMs() {
        return firstReceivedMs.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        firstReceivedMs.compareAndSet(Long.MIN_VALUE, System.currentTimeMillis());
        String path = exchange.getRequestURI().getPath();
        received.computeIfAbsent(path, p -> new LongAdder()).increment();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            int status = 200;
            switch (path) {
                case "/io" -> waitMs(exchange.getRequestURI().getQuery());
                case "/fast" -> {}
                case "/fail" -> status = 500;
                default -> status = 404;
            }
            byte[] body = (status == 200 ? "ok" : "status " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    // The wait is the workload under test (an I/O-bound endpoint), not synchronisation.
    private static void waitMs(String query) {
        long ms = query != null && query.startsWith("ms=") ? Long.parseLong(query.substring(3)) : 0;
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
