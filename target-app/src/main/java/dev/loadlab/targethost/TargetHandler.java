package dev.loadlab.targethost;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.loadlab.targethost.work.BadParameterException;
import dev.loadlab.targethost.work.CpuWork;
import dev.loadlab.targethost.work.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every path of the threaded profile on the calling worker thread: waits block the thread (as a synchronous
 * Python worker's would), CPU work runs on it. Route table: {@code /health}, {@code /stats}, then the workload
 * endpoints of {@link Workload#PATHS}; anything else is a 404. No per-request logging: the target's own overhead must
 * stay small and constant. Thread-safe (its state is immutable or thread-safe).
 */
final class TargetHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TargetHandler.class);
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final byte[] HEALTH = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    private final CpuWork cpu;
    private final RequestStats stats;
    private final int workers;

    TargetHandler(CpuWork cpu, RequestStats stats, int workers) {
        this.cpu = cpu;
        this.stats = stats;
        this.workers = workers;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            // Read the whole request body even though no endpoint uses it, so the connection can be kept alive.
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            String path = exchange.getRequestURI().getRawPath();
            switch (path) {
                case "/health" -> serveFixed(exchange, HEALTH);
                case "/stats" -> serveFixed(exchange, statsBody());
                default -> serveWorkload(exchange, path);
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

    private void serveFixed(HttpExchange exchange, byte[] body) throws IOException {
        if (isGet(exchange)) {
            send(exchange, 200, JSON, body);
        }
    }

    private void serveWorkload(HttpExchange exchange, String path) throws IOException, InterruptedException {
        Optional<Workload> parsed;
        try {
            parsed = Workload.parse(path, exchange.getRequestURI().getRawQuery());
        } catch (BadParameterException e) {
            stats.record(path, 400);
            sendProblem(exchange, 400, "Bad Request", e.getMessage(), e.parameter());
            return;
        }
        if (parsed.isEmpty()) {
            sendProblem(
                    exchange,
                    404,
                    "Not Found",
                    "no endpoint " + path + "; the target serves /hello, /io?ms=N, /cpu?ms=N, /mixed?io=N&cpu=M,"
                            + " /health and /stats",
                    null);
            return;
        }
        Workload workload = parsed.get();
        if (!exchange.getRequestMethod().equals("GET")) {
            stats.record(path, 405);
            methodNotAllowed(exchange);
            return;
        }
        byte[] body = perform(workload);
        // Counted before the answer is written, so a client that has its answer and then asks /stats sees it counted.
        stats.record(path, 200);
        send(exchange, 200, workload instanceof Workload.Hello ? "text/plain; charset=utf-8" : JSON, body);
    }

    private byte[] perform(Workload workload) throws InterruptedException {
        if (workload instanceof Workload.Hello) {
            return HELLO;
        }
        if (workload.ioMs() > 0) {
            Thread.sleep(workload.ioMs());
        }
        long iterations = cpu.iterationsFor(workload.cpuMs());
        // Seeded from the clock so no two requests compute the same thing; the result goes into the body, so the JIT
        // cannot drop the work.
        long result = iterations == 0 ? 0 : CpuWork.compute(System.nanoTime(), iterations);
        String json = "{\"ioMs\":" + workload.ioMs() + ",\"cpuMs\":" + workload.cpuMs() + ",\"iterations\":"
                + iterations + ",\"result\":" + result + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] statsBody() {
        return Json.stats(stats.snapshot(), workers, cpu.calibration()).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isGet(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("GET")) {
            return true;
        }
        methodNotAllowed(exchange);
        return false;
    }

    private static void methodNotAllowed(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Allow", "GET");
        sendProblem(
                exchange,
                405,
                "Method Not Allowed",
                "method " + exchange.getRequestMethod() + " is not allowed here; use GET",
                null);
    }

    private static void sendProblem(HttpExchange exchange, int status, String title, String detail, String parameter)
            throws IOException {
        send(
                exchange,
                status,
                PROBLEM,
                Json.problem(status, title, detail, parameter).getBytes(StandardCharsets.UTF_8));
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
