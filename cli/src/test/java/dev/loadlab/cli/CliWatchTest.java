package dev.loadlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code watch} against a real HTTP server on port 0 that answers like a coordinator with canned run views: running
 * once, then ended inconclusive. The inconclusive exit code (2) is hard to provoke reliably with real load, so it is
 * covered here; CliIT covers 0, 1, 3 and 4 against a real coordinator.
 */
class CliWatchTest {
    private HttpServer server;
    private final AtomicInteger polls = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/runs/r1", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/timeline")) {
                reply(exchange, 200, CannedRuns.TIMELINE);
            } else {
                reply(exchange, 200, polls.getAndIncrement() == 0 ? CannedRuns.RUNNING : CannedRuns.INCONCLUSIVE);
            }
        });
        server.createContext(
                "/api/v1/runs/missing",
                exchange -> reply(
                        exchange,
                        404,
                        "{\"type\": \"about:blank\", \"title\": \"Not Found\", \"status\": 404, \"detail\": \"no run missing\"}"));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    @Test
    void watchingAnInconclusiveRunPrintsProgressThenTheTableAndExits2() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliMain.execute(
                new String[] {"watch", "r1", "--url", url()},
                Map.of("LOADLAB_TOKEN", "secret"),
                new PrintWriter(out),
                new PrintWriter(err));

        assertThat(code).as(err.toString()).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(out.toString())
                .contains("step 6/8 (async W=1 #1) measuring 3/5 s | last second: 412 req/s, p99 12 ms, 2 errors\n")
                .contains("generator-bound, SLO inconclusive")
                .contains("verdict: inconclusive - 2 steps cannot carry a verdict")
                .contains("dashboard: " + url() + "/dashboard/#/runs/r1")
                .doesNotContain("\u001b");
        assertThat(authorizations).isNotEmpty().allMatch("Bearer secret"::equals);
    }

    @Test
    void quietPrintsOnlyTheResult() {
        StringWriter out = new StringWriter();
        int code = CliMain.execute(
                new String[] {"watch", "r1", "--url", url(), "--token", "t", "--quiet"},
                Map.of(),
                new PrintWriter(out),
                new PrintWriter(new StringWriter()));
        assertThat(code).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(out.toString()).doesNotContain("measuring").startsWith("step  profile");
    }

    @Test
    void aMarkdownSummaryIsAllThatGoesToStdout() {
        StringWriter out = new StringWriter();
        int code = CliMain.execute(
                new String[] {"watch", "r1", "--url", url(), "--token", "t", "--summary", "markdown"},
                Map.of(),
                new PrintWriter(out),
                new PrintWriter(new StringWriter()));
        assertThat(code).isEqualTo(ExitCode.INCONCLUSIVE);
        assertThat(out.toString())
                .startsWith("### LoadLab sweep: :warning: inconclusive\n")
                .doesNotContain("measuring", "dashboard:", "step  profile");
    }

    @Test
    void anErrorReplyIsReportedInItsOwnWordsAndExits4() {
        StringWriter err = new StringWriter();
        int code = CliMain.execute(
                new String[] {"show", "missing", "--url", url(), "--token", "t"},
                Map.of(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err.toString()).contains("GET /api/v1/runs/missing: 404 Not Found: no run missing");
    }
}
