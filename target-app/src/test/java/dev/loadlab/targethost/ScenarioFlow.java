package dev.loadlab.targethost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.control.StatusCounts;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test support: the scenario endpoints ({@code /login}, {@code /items}, {@code /echo}) exercised over real HTTP the way
 * a load test uses them, asserting every answer, and counting what was sent per counted path and status class, so a
 * test can check the target's stats against it. Each request goes on a new connection (a new client), so that under a
 * multi-process profile creates and reads land on different worker processes.
 */
public final class ScenarioFlow {
    public static final String PASSWORD = "loadlab";

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

    private final URI base;
    private final Map<String, long[]> sent = new LinkedHashMap<>();

    public ScenarioFlow(URI base) {
        this.base = base;
    }

    /** What this flow has sent so far: counted path -> status classes. */
    public Map<String, StatusCounts> sent() {
        Map<String, StatusCounts> counts = new LinkedHashMap<>();
        sent.forEach((path, c) -> counts.put(path, new StatusCounts(c[0], c[1], c[2])));
        return counts;
    }

    /** Requests sent so far. */
    public long total() {
        return sent.values().stream().mapToLong(c -> c[0] + c[1] + c[2]).sum();
    }

    /** Logs in with the right password and returns the token, after a wrong password (401) and a bad body (400). */
    public String login() throws Exception {
        HttpResponse<String> wrong = send("POST", "/login", "{\"user\":\"ann\",\"password\":\"nope\"}", null, null);
        assertProblem(wrong, 401, "wrong user or password");
        assertProblem(send("POST", "/login", "{\"user\":\"ann\",", null, null), 400, "JSON object");
        assertProblem(
                send("POST", "/login", "{\"password\":\"" + PASSWORD + "\"}", null, null), 400, "user is required");
        HttpResponse<String> ok =
                send("POST", "/login", "{\"user\":\"ann\",\"password\":\"" + PASSWORD + "\"}", null, null);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).contains("application/json");
        Matcher token = TOKEN.matcher(ok.body());
        assertThat(token.find()).as(ok.body()).isTrue();
        return token.group(1);
    }

    /**
     * The protected endpoints: refused without a token and with a forged one (401 and {@code WWW-Authenticate:
     * Bearer}); {@code items} creates, each read back on another connection; an unknown id is a 404; the list holds
     * them oldest first; a wrong method is a 405. Returns the created items' ids.
     */
    public List<String> items(String token, int items) throws Exception {
        HttpResponse<String> none = send("GET", "/items", null, null, null);
        assertProblem(none, 401, "send Authorization: Bearer TOKEN");
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertProblem(
                send("POST", "/items", "{\"sku\":\"x\"}", "Bearer " + token + "x", null), 401, "not one this host");
        List<String> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            String item = "{\"sku\":\"a" + i + "\",\"qty\":" + i + ",\"tags\":[\"t\\\"q\"]}";
            HttpResponse<String> created = send("POST", "/items", item, "Bearer " + token, "application/json");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            Matcher id = ID.matcher(created.body());
            assertThat(id.find()).isTrue();
            assertThat(id.group(1)).matches("[A-Za-z0-9_-]{20,64}");
            assertThat(created.headers().firstValue("Location")).contains("/items/" + id.group(1));
            assertThat(created.body()).isEqualTo("{\"id\":\"" + id.group(1) + "\"," + item.substring(1));
            ids.add(id.group(1));
            bodies.add(created.body());
        }
        for (int i = 0; i < items; i++) {
            HttpResponse<String> read = send("GET", "/items/" + ids.get(i), null, "Bearer " + token, null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(read.body()).isEqualTo(bodies.get(i));
        }
        assertProblem(send("GET", "/items/nonexistent", null, "Bearer " + token, null), 404, "no item nonexistent");
        HttpResponse<String> list = send("GET", "/items", null, "bearer " + token, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).startsWith("[").endsWith("]");
        int at = -1;
        for (String body : bodies) {
            int next = list.body().indexOf(body);
            assertThat(next)
                    .as("%s in the list after position %d: %s", body, at, list.body())
                    .isGreaterThan(at);
            at = next;
        }
        HttpResponse<String> delete = send("DELETE", "/items", null, "Bearer " + token, null);
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).contains("GET, POST");
        return ids;
    }

    /** {@code /echo} mirrors method, path, query, lower-cased headers and body. */
    public void echo() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/echo?a=1&b=%20"))
                .timeout(Duration.ofSeconds(30))
                .header("X-Scenario", "Shop \"1\"")
                .method("PUT", HttpRequest.BodyPublishers.ofString("{\"hi\":\"é\"}"))
                .build();
        HttpResponse<String> echo = send(request, "/echo");
        assertThat(echo.statusCode()).as(echo.body()).isEqualTo(200);
        assertThat(echo.body())
                .startsWith("{\"method\":\"PUT\",\"path\":\"/echo\",\"query\":\"a=1&b=%20\",\"headers\":{")
                .contains("\"x-scenario\":\"Shop \\\"1\\\"\"", "\"content-length\":\"11\"")
                .endsWith(",\"body\":\"{\\\"hi\\\":\\\"é\\\"}\"}");
    }

    /** Runs {@link #login}, {@link #items} and {@link #echo}. */
    public void runAll(int items) throws Exception {
        items(login(), items);
        echo();
    }

    /**
     * Over one raw connection of a keep-alive front-end: a POST with a body, a chunked POST and a GET, pipelined in one
     * write, all answered in order, then a body over the limit answered 413 (not counted: refused before routing) and
     * the connection closed.
     */
    public void keepAliveAfterBodiesThen413(String token) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String item = "{\"sku\":\"raw\"}";
            out.write(("POST /items HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + item.length() + "\r\n\r\n"
                            + item
                            + "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
                            + "GET /echo HTTP/1.1\r\nHost: t\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 201").contains("Location: /items/");
            assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 200").endsWith("\"body\":\"abcde\"}");
            assertThat(RawHttp.readResponse(in)).startsWith("HTTP/1.1 200").endsWith("\"body\":\"\"}");
            count("/items", 201);
            count("/echo", 200);
            count("/echo", 200);
            // The head alone: the answer comes before the body would be read, and a client still sending a body into a
            // closed connection may see a reset instead of the answer.
            out.write(
                    "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 70000\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(RawHttp.readResponse(in))
                    .startsWith("HTTP/1.1 413")
                    .contains("request bodies are limited to 65536 bytes");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization, String type)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (type != null) {
            request.header("Content-Type", type);
        }
        return send(request.build(), path);
    }

    private HttpResponse<String> send(HttpRequest request, String path) throws IOException, InterruptedException {
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            count(bare.startsWith("/items/") ? "/items/{id}" : bare, response.statusCode());
            return response;
        }
    }

    /** Counts a request the caller sent itself (over a raw socket). */
    public void count(String path, int status) {
        long[] counts = sent.computeIfAbsent(path, p -> new long[3]);
        counts[status < 400 ? 0 : status < 500 ? 1 : 2]++;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status, detail);
    }
}
