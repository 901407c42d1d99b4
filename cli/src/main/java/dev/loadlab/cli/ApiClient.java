package dev.loadlab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A client of the coordinator's REST API: every call sends the bearer token and returns the reply's JSON, and every
 * failure (no connection, a timeout, an error reply in the API's problem+json shape) becomes a {@link CliException}
 * with a message fit for the user. Thread-safe (the JDK's HttpClient is).
 */
final class ApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final String token;
    private final HttpClient http;

    ApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            URI uri = URI.create(this.baseUrl);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (IllegalArgumentException e) {
            throw new CliException("--url must be an http(s) URL such as http://127.0.0.1:7070, got '" + baseUrl + "'");
        }
    }

    /** The coordinator's base URL, without a trailing slash. */
    String baseUrl() {
        return baseUrl;
    }

    JsonNode get(String path) {
        return send(request(path).GET());
    }

    JsonNode post(String path, String body, String contentType) {
        HttpRequest.Builder request = request(path);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return send(request);
    }

    /** {@code ?k=v&k=v} from the entries that have a value, each repeated for a list; empty when none have. */
    static String query(Map<String, List<String>> params) {
        String query = params.entrySet().stream()
                .flatMap(e -> e.getValue().stream()
                        .filter(v -> v != null && !v.isEmpty())
                        .map(v -> e.getKey() + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"));
        return query.isEmpty() ? "" : "?" + query;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** A file the API offers for download: its bytes, media type and the name its Content-Disposition suggests. */
    record Download(byte[] body, String contentType, String fileName) {}

    /** {@code GET path} for a file: the reply's bytes as they are; an error reply fails as every other call does. */
    Download download(String path) {
        HttpRequest request = request(path).setHeader("Accept", "*/*").GET().build();
        HttpResponse<byte[]> reply = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        if (reply.statusCode() >= 400) {
            throw CliException.refused(
                    problem(request, reply.statusCode(), parse(new String(reply.body(), StandardCharsets.UTF_8))),
                    reply.statusCode());
        }
        return new Download(
                reply.body(),
                reply.headers().firstValue("Content-Type").orElse(null),
                fileName(reply.headers().firstValue("Content-Disposition").orElse(null)));
    }

    /**
     * The file name of a {@code Content-Disposition: attachment; filename="..."} header, without any directory part
     * (a reply never chooses where a file goes); null when there is none.
     */
    static String fileName(String disposition) {
        if (disposition == null) {
            return null;
        }
        for (String part : disposition.split(";")) {
            String param = part.strip();
            if (param.regionMatches(true, 0, "filename=", 0, 9)) {
                String name = param.substring(9).strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
                return name.isBlank() || name.equals(".") || name.equals("..") ? null : name;
            }
        }
        return null;
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> reply = exchange(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = parse(reply.body());
        if (reply.statusCode() >= 400) {
            throw CliException.refused(problem(request, reply.statusCode(), body), reply.statusCode());
        }
        return body;
    }

    /** Sends {@code request}; no connection, a timeout or an interrupt become a {@link CliException}. */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new CliException("cannot reach the coordinator at " + baseUrl + " (" + describe(e)
                    + "); start it with ./loadlab coordinator or pass --url / LOADLAB_URL");
        } catch (HttpTimeoutException e) {
            throw new CliException("the coordinator at " + baseUrl + " did not answer " + request.method() + " "
                    + request.uri().getPath() + " in time");
        } catch (IOException e) {
            throw new CliException("cannot talk to the coordinator at " + baseUrl + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", ExitCode.RUN_FAILED);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return Json.lenient().missingNode();
        }
        try {
            return Json.lenient().readTree(text);
        } catch (JsonProcessingException e) {
            return Json.lenient().getNodeFactory().textNode(text);
        }
    }

    /** "POST /api/v1/runs: 400 Bad Request: load.users must be >= 1 (field load.users)". */
    private static String problem(HttpRequest request, int status, JsonNode body) {
        StringBuilder message = new StringBuilder()
                .append(request.method())
                .append(' ')
                .append(request.uri().getPath())
                .append(": ")
                .append(status);
        if (body.has("title")) {
            message.append(' ').append(body.get("title").asText());
        }
        if (body.hasNonNull("detail")) {
            message.append(": ").append(body.get("detail").asText());
        } else if (body.isTextual()) {
            message.append(": ").append(body.asText());
        }
        if (body.hasNonNull("field")) {
            message.append(" (field ").append(body.get("field").asText()).append(')');
        }
        JsonNode errors = body.path("errors");
        if (errors.size() > 1 || (errors.size() == 1 && !body.hasNonNull("field"))) {
            for (JsonNode error : errors) {
                message.append(System.lineSeparator())
                        .append("  ")
                        .append(
                                error.has("message")
                                        ? error.path("field").asText("") + ": "
                                                + error.get("message").asText()
                                        : error.asText(error.toString()));
            }
        }
        if (status == 401) {
            message.append(System.lineSeparator())
                    .append("  pass the coordinator's token with --token or LOADLAB_TOKEN (it keeps one in"
                            + " <data-dir>/api-token)");
        }
        return message.toString();
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
