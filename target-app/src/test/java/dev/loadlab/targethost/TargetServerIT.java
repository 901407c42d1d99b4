package dev.loadlab.targethost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TargetServerIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static TargetServer server;

    @BeforeAll
    static void start() {
        server = new TargetServer(TargetConfig.ephemeral(8)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void helloAndHealthAnswer() throws Exception {
        HttpResponse<String> hello = get(server, "/hello");
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).isEqualTo("hello");

        HttpResponse<String> health = get(server, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(server.port()).isPositive();
    }

    @Test
    void smallAnswersAreNotDelayedByNagle() throws Exception {
        get(server, "/hello"); // opens the keep-alive connection and warms the path up
        long[] micros = new long[20];
        for (int i = 0; i < micros.length; i++) {
            long start = System.nanoTime();
            assertThat(get(server, "/hello").statusCode()).isEqualTo(200);
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(micros);
        // With Nagle's algorithm on, each answer waits ~40 ms for the client's delayed ACK.
        assertThat(micros[micros.length / 2]).as("median /hello round trip, µs").isLessThan(20_000);
    }

    @Test
    void ioWaitsAsLongAsAskedAndNoLonger() throws Exception {
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(server, "/io?ms=50");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(ms).isGreaterThanOrEqualTo(50);
            best = Math.min(best, ms);
        }
        // Well under 50 + 40 ms: no delayed-ACK stall on top of the wait (best of three, to ignore a stray GC pause).
        assertThat(best).isLessThan(85);
    }

    @Test
    void cpuRunsTheCalibratedIterationsAndReturnsTheResult() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = get(server, "/cpu?ms=20");
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        long iterations = 20 * server.calibration().iterationsPerMs();
        assertThat(response.body()).contains("\"cpuMs\":20,\"iterations\":" + iterations + ",\"result\":");
        // The calibration is the fastest trial, so real work takes at least about as long (loose: machines vary).
        assertThat(ms).isGreaterThanOrEqualTo(10);
    }

    @Test
    void mixedWaitsThenComputes() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = get(server, "/mixed?io=30&cpu=5");
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"ioMs\":30,\"cpuMs\":5,");
        assertThat(ms).isGreaterThanOrEqualTo(30);
    }

    @Test
    void badParametersAre400ProblemsNamingTheParameterAndBound() throws Exception {
        assertProblem("/io?ms=abc", 400, "ms must be an integer between 0 and 60000, was 'abc'");
        assertProblem("/io?ms=-1", 400, "ms must be between 0 and 60000, was -1");
        assertProblem("/cpu?ms=60001", 400, "ms must be between 0 and 60000, was 60001");
        assertProblem("/mixed?io=5", 400, "cpu is required: an integer between 0 and 60000");
        assertThat(get(server, "/io?ms=abc").body()).contains("\"parameter\":\"ms\"");
    }

    @Test
    void unknownPathsAre404AndOtherMethods405() throws Exception {
        assertProblem("/nope", 404, "no endpoint /nope");
        HttpResponse<String> post = CLIENT.send(
                HttpRequest.newBuilder(server.baseUri().resolve("/hello"))
                        .POST(HttpRequest.BodyPublishers.ofString("ignored"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET");
    }

    @Test
    void oneConnectionCarriesSeveralRequestsEvenWithBodies() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /health HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nabcde").getBytes());
            assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 405");
            out.write("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n".getBytes());
            String second = RawHttp.readResponse(in);
            assertThat(second).startsWith("HTTP/1.1 200").endsWith("\r\n\r\nhello");
        }
    }

    @Test
    void statsCountExactlyTheWorkloadRequestsSentConcurrently() throws Exception {
        try (TargetServer counted = new TargetServer(TargetConfig.ephemeral(4)).start();
                ExecutorService clients = Executors.newFixedThreadPool(6)) {
            List<String> paths = List.of("/hello", "/io?ms=1", "/cpu?ms=1", "/mixed?io=1&cpu=1", "/io?ms=-5");
            int perThread = 40;
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                done.add(clients.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        get(counted, paths.get((thread + i) % paths.size()));
                        get(counted, "/health"); // not a workload: never counted
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }

            String stats = get(counted, "/stats").body();
            // 6 threads × 40 requests over 5 paths in rotation: 48 each.
            assertThat(number(stats, "requests")).isEqualTo(240);
            assertThat(number(stats, "/hello")).isEqualTo(48);
            assertThat(number(stats, "/io")).isEqualTo(96);
            assertThat(number(stats, "/cpu")).isEqualTo(48);
            assertThat(number(stats, "/mixed")).isEqualTo(48);
            assertThat(number(stats, "rejected")).isEqualTo(48);
            assertThat(number(stats, "workers")).isEqualTo(4);
            assertThat(number(stats, "iterationsPerMs"))
                    .isEqualTo(counted.calibration().iterationsPerMs());
            assertThat(stats).contains("\"method\":\"best of");
            assertThat(counted.stats().requests()).isEqualTo(240);
        }
    }

    @Test
    void theScenarioEndpointsAnswerKeepConnectionsAliveAndAreCountedPerEndpoint() throws Exception {
        try (TargetServer counted = new TargetServer(TargetConfig.ephemeral(4)).start()) {
            ScenarioFlow flow = new ScenarioFlow(counted.baseUri());
            String token = flow.login();
            flow.items(token, 3);
            flow.echo();
            try (Socket socket = new Socket("127.0.0.1", counted.port())) {
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                String item = "{\"sku\":\"raw\"}";
                out.write(("POST /items HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + token + "\r\nContent-Length: "
                                + item.length() + "\r\n\r\n" + item)
                        .getBytes(StandardCharsets.UTF_8));
                assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 201").contains("\"sku\":\"raw\"");
                out.write("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n"
                        .getBytes(StandardCharsets.UTF_8));
                assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 200").endsWith("\"body\":\"hi\"}");
                flow.count("/items", 201);
                flow.count("/echo", 200);
                out.write("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 70000\r\n\r\n".getBytes());
                out.write(new byte[70_000]);
                assertThat(RawHttp.readResponse(in))
                        .startsWith("HTTP/1.1 413")
                        .contains("request bodies are limited to 65536 bytes");
            }
            StatsSnapshot stats = counted.stats();
            flow.sent()
                    .forEach((path, sent) ->
                            assertThat(stats.statusByPath().get(path)).as(path).isEqualTo(sent));
            assertThat(stats.requests()).isEqualTo(flow.total());
            assertThat(get(counted, "/stats").body())
                    .contains("\"/items/{id}\":4", "\"statusByPath\":{", "\"/login\":{\"2xx\":1,\"4xx\":3,\"5xx\":0}");
        }
    }

    private static void assertProblem(String path, int status, String detail) throws Exception {
        HttpResponse<String> response = get(server, path);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status).contains("\"detail\":\"" + detail);
    }

    private static HttpResponse<String> get(TargetServer target, String pathAndQuery)
            throws IOException, InterruptedException {
        URI uri = URI.create(target.baseUri() + pathAndQuery);
        return CLIENT.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long number(String json, String key) {
        Matcher matcher =
                Pattern.compile("\"" + Pattern.quote(key) + "\":(\\d+)").matcher(json);
        assertThat(matcher.find()).as("%s in %s", key, json).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
