package dev.loadlab.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on port 0 standing in for a coordinator: each path prefix answers what its {@link Answer} says,
 * and every request line ({@code GET /api/v1/runs?label=...}) is recorded. For the cli's own tests; closing stops it.
 * Thread-safe.
 */
final class CannedCoordinator implements AutoCloseable {
    /** One reply. */
    record Reply(int status, String contentType, Map<String, String> headers, String body) {
        static Reply json(int status, String body) {
            return new Reply(status, status >= 400 ? "application/problem+json" : "application/json", Map.of(), body);
        }
    }

    /** What a path answers to one request. */
    interface Answer {
        Reply answer(HttpExchange exchange) throws IOException;
    }

    /** What a test run of the CLI gave back. */
    record Result(int code, String out, String err) {}

    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    CannedCoordinator() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.start();
    }

    CannedCoordinator on(String pathPrefix, Answer answer) {
        server.createContext(pathPrefix, exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                Reply reply = answer.answer(exchange);
                byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
                reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.sendResponseHeaders(reply.status(), bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Runs the CLI in-process with {@code --url} and a token, plain output, no signals. */
    Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url();
        all[args.length + 2] = "--token";
        all[args.length + 3] = "t";
        int code = CliMain.execute(all, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
