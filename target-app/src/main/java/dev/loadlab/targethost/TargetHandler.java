package dev.loadlab.targethost;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.loadlab.protocol.Json;
import dev.loadlab.targethost.http.RequestParser;
import dev.loadlab.targethost.http.Responses;
import dev.loadlab.targethost.http.Route;
import dev.loadlab.targethost.http.Routes;
import dev.loadlab.targethost.http.ShopCalls;
import dev.loadlab.targethost.shop.Answer;
import dev.loadlab.targethost.shop.Shop;
import dev.loadlab.targethost.work.CpuWork;
import dev.loadlab.targethost.work.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every path of the threaded profile on the calling worker thread: waits block the thread (as a synchronous
 * Python worker's would), CPU work runs on it. The route table is the one every front-end shares ({@link Routes}); this
 * class only turns its decision into a JDK {@code HttpServer} answer and counts it; the scenario endpoints (read with
 * their body, at most 64 KiB as on the raw front-ends) are answered by the {@link Shop}. Problem bodies and the endpoint
 * answers are written by hand (they are on the per-request path of the thing under load, whose overhead should be close
 * to nothing); {@code /stats} is the protocol's {@code WorkerStats} record. No per-request logging: the target's own
 * overhead must stay small and constant. Thread-safe (its state is immutable or thread-safe).
 */
final class TargetHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TargetHandler.class);
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final byte[] HEALTH = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    /** The most of a refused body read before the 413 is sent. */
    private static final long DROP_BYTES = 1024 * 1024;

    private final CpuWork cpu;
    private final RequestStats stats;
    private final int workers;
    private final Shop shop;

    TargetHandler(CpuWork cpu, RequestStats stats, int workers, Shop shop) {
        this.cpu = cpu;
        this.stats = stats;
        this.workers = workers;
        this.shop = shop;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Route route = Routes.resolve(
                    exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery());
            if (route instanceof Route.ShopCall call) {
                serveShop(exchange, call);
                return;
            }
            // Read the whole request body even though these routes do not use it, so the connection can be kept alive.
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            switch (route) {
                case Route.Health health -> send(exchange, 200, JSON, HEALTH);
                case Route.Stats s -> send(exchange, 200, JSON, statsBody());
                case Route.Perform perform -> serveEndpoint(exchange, perform.endpoint());
                case Route.ShopCall call -> throw new IllegalStateException("served above");
                case Route.MethodNotAllowed notAllowed -> {
                    if (notAllowed.countedAs() != null) {
                        stats.record(notAllowed.countedAs(), 405);
                    }
                    exchange.getResponseHeaders().set("Allow", notAllowed.allow());
                    sendProblem(exchange, 405, "Method Not Allowed", notAllowed.detail(), null);
                }
                case Route.NotFound notFound -> sendProblem(exchange, 404, "Not Found", notFound.detail(), null);
                case Route.BadRequest bad -> {
                    stats.record(path, 400);
                    sendProblem(exchange, 400, "Bad Request", bad.detail(), bad.parameter());
                }
            }
        } catch (IOException e) {
            // The client went away mid-exchange; under load that is normal and not worth a log line per request.
        } catch (InterruptedException e) {
            // The server is stopping; the connection is closed without an answer, and the request is not counted.
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure serving {}", exchange.getRequestURI(), e);
            internalError(exchange);
        }
    }

    /**
     * A scenario endpoint: the body is read (at most {@link RequestParser#MAX_BODY_BYTES}, else 413 as the raw
     * front-ends answer), answered by the {@link Shop} and counted.
     */
    private void serveShop(HttpExchange exchange, Route.ShopCall call) throws IOException {
        byte[] body;
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        boolean tooLarge = contentLength(length) > RequestParser.MAX_BODY_BYTES;
        try (InputStream in = exchange.getRequestBody()) {
            body = tooLarge ? null : in.readNBytes(RequestParser.MAX_BODY_BYTES + 1);
            if (body == null || body.length > RequestParser.MAX_BODY_BYTES) {
                // Read (a bounded amount of) what the client still sends first: closing with unread bytes resets the
                // connection, and the client might lose the answer. As on the raw front-ends, a 413 is not counted
                // and ends the connection.
                drop(in);
                exchange.getResponseHeaders().set("Connection", "close");
                sendProblem(
                        exchange,
                        413,
                        "Content Too Large",
                        "request bodies are limited to " + RequestParser.MAX_BODY_BYTES + " bytes",
                        null);
                return;
            }
        }
        Headers headers = exchange.getRequestHeaders();
        Answer answer = ShopCalls.answer(
                call,
                shop,
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                headers.getFirst("Authorization"),
                headers.getFirst("Content-Type"),
                () -> lowerCased(headers),
                body);
        stats.record(call.countedAs(), answer.status());
        if (answer.headerName() != null) {
            exchange.getResponseHeaders().set(answer.headerName(), answer.headerValue());
        }
        send(exchange, answer.status(), answer.contentType(), answer.body());
    }

    private static void drop(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        long dropped = 0;
        for (int n = in.read(sink); n > 0 && dropped < DROP_BYTES; n = in.read(sink)) {
            dropped += n;
        }
    }

    /** The announced body length, 0 if none (chunked) or malformed (the JDK server has refused that already). */
    private static long contentLength(String header) {
        try {
            return header == null ? 0 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Every header as {@code /echo} shows it: lower-cased names, repeated values joined with {@code ", "}. */
    private static Map<String, String> lowerCased(Headers headers) {
        Map<String, String> all = new TreeMap<>();
        headers.forEach((name, values) -> all.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        return all;
    }

    private void serveEndpoint(HttpExchange exchange, Endpoint endpoint) throws IOException, InterruptedException {
        byte[] body = perform(endpoint);
        // Counted before the answer is written, so a client that has its answer and then asks /stats sees it counted.
        stats.record(endpoint.path(), 200);
        send(exchange, 200, endpoint instanceof Endpoint.Hello ? "text/plain; charset=utf-8" : JSON, body);
    }

    private byte[] perform(Endpoint endpoint) throws InterruptedException {
        if (endpoint instanceof Endpoint.Hello) {
            return HELLO;
        }
        if (endpoint.ioMs() > 0) {
            Thread.sleep(endpoint.ioMs());
        }
        long iterations = cpu.iterationsFor(endpoint.cpuMs());
        // Seeded from the clock so no two requests compute the same thing; the result goes into the body, so the JIT
        // cannot drop the work.
        long result = iterations == 0 ? 0 : CpuWork.compute(System.nanoTime(), iterations);
        String json = "{\"ioMs\":" + endpoint.ioMs() + ",\"cpuMs\":" + endpoint.cpuMs() + ",\"iterations\":"
                + iterations + ",\"result\":" + result + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The protocol's {@code WorkerStats} record, written by Jackson: {@code /stats} is not on the per-request path. */
    private byte[] statsBody() {
        return Json.write(stats.snapshot().toWire(workers, null, null, cpu.calibration()))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void sendProblem(HttpExchange exchange, int status, String title, String detail, String parameter)
            throws IOException {
        send(
                exchange,
                status,
                PROBLEM,
                Responses.problemBody(status, title, detail, parameter).getBytes(StandardCharsets.UTF_8));
    }

    private static void internalError(HttpExchange exchange) {
        if (exchange.getResponseCode() != -1) {
            return; // headers already sent: closing the exchange is all that is left
        }
        try {
            sendProblem(exchange, 500, "Internal Server Error", "the target failed to serve this request", null);
        } catch (IOException e) {
            // The client is gone as well; nothing more to do.
        }
    }

    /** Sends a fixed-length body; never an empty one, whose length the JDK server would read as "chunked". */
    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
