package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.protocol.Json;
import dev.loadlab.protocol.OpenApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard as a browser gets it from a real coordinator: {@code /} leads to it, its files come with the right
 * content types and a strict Content-Security-Policy, it loads nothing from elsewhere, writes no server data as HTML,
 * and every REST call in its JavaScript is a route that openapi.yaml documents and the router serves, so renaming a
 * route breaks the build rather than the page.
 */
class DashboardIT {
    /** An entry of the API table in lib.js: {@code name: ['GET', '/api/v1/runs/{id}'],}. */
    private static final Pattern API_ENTRY = Pattern.compile("\\['(GET|POST|PUT|DELETE)',\\s*'(/api/v1/[^']*)'\\]");

    private static final Map<String, String> ASSETS = Map.of(
            "app.js", "text/javascript",
            "lib.js", "text/javascript",
            "style.css", "text/css");

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path dir;

    @Test
    void servesTheDashboardStrictlyAndItCallsOnlyDocumentedRoutes() throws Exception {
        try (Coordinator coordinator =
                Coordinator.start(CoordinatorConfig.local(dir, "dashboard-" + UUID.randomUUID()))) {
            String base = coordinator.httpUrl();

            for (String entry : List.of("/", "/dashboard")) {
                HttpResponse<String> redirect = get(base + entry, Map.of());
                assertThat(redirect.statusCode()).as(entry).isEqualTo(302);
                assertThat(redirect.headers().firstValue("Location")).as(entry).contains("/dashboard/");
            }

            HttpResponse<String> index = get(base + "/dashboard/", Map.of());
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
            assertStrictHeaders(index);
            assertThat(index.body())
                    .contains("<script type=\"module\" src=\"app.js\"></script>")
                    .contains("href=\"style.css\"");
            assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>")
                            .matcher(index.body())
                            .find())
                    .as("an inline script (the CSP would block it)")
                    .isFalse();
            assertThat(index.body()).doesNotContain(" style=").doesNotContain("<style");
            assertThat(index.body())
                    .as("the charts' library, a classic script (its global uPlot) before the module that uses it")
                    .containsSubsequence(
                            "<script src=\"uplot/uPlot.iife.min.js\"></script>",
                            "<script type=\"module\" src=\"app.js\"></script>")
                    .contains("href=\"uplot/uPlot.min.css\"");
            assertTheVendoredUplotIsServed(base);

            StringBuilder scripts = new StringBuilder();
            List<String> bodies = new ArrayList<>(List.of(index.body()));
            for (Map.Entry<String, String> asset : ASSETS.entrySet()) {
                HttpResponse<String> file = get(base + "/dashboard/" + asset.getKey(), Map.of());
                assertThat(file.statusCode()).as(asset.getKey()).isEqualTo(200);
                assertThat(file.headers().firstValue("Content-Type"))
                        .as(asset.getKey())
                        .contains(asset.getValue() + "; charset=utf-8");
                assertStrictHeaders(file);
                String etag = file.headers().firstValue("ETag").orElseThrow();
                assertThat(get(base + "/dashboard/" + asset.getKey(), Map.of("If-None-Match", etag))
                                .statusCode())
                        .as(asset.getKey() + " revalidated with its ETag")
                        .isEqualTo(304);
                bodies.add(file.body());
                if (asset.getKey().endsWith(".js")) {
                    scripts.append(file.body()).append('\n');
                }
            }
            // Only the dashboard's own files, by exact name: not other classpath resources, not unknown names.
            assertThat(get(base + "/dashboard/%2e%2e/logback.xml", Map.of()).statusCode())
                    .isEqualTo(404);
            assertThat(get(base + "/dashboard/logback.xml", Map.of()).statusCode())
                    .isEqualTo(404);
            HttpResponse<String> unknown = get(base + "/dashboard/nope.js", Map.of());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");

            // Offline labs: nothing is fetched from another origin (the SVG namespace is a name, not a fetch).
            for (String body : bodies) {
                assertThat(body.replace("http://www.w3.org/2000/svg", ""))
                        .doesNotContain("http://")
                        .doesNotContain("https://")
                        .doesNotContain("//cdn")
                        .doesNotContain("@import");
            }
            // Server strings reach the page as text nodes only.
            assertThat(scripts.toString())
                    .doesNotContain("innerHTML")
                    .doesNotContain("outerHTML")
                    .doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write")
                    .doesNotContain("eval(");
            // Every module app.js imports is served.
            Matcher imports = Pattern.compile("from '\\./([^']+)'").matcher(scripts);
            while (imports.find()) {
                assertThat(ASSETS).as("imported module " + imports.group(1)).containsKey(imports.group(1));
            }

            assertTheScriptsCallOnlyDocumentedServedRoutes(scripts.toString(), coordinator.routes());

            // The two listings the first page reads answer in the shape it expects, to the token it sends, and
            // without it with the 401 that makes the page ask for one; the page itself needs no token.
            Map<String, String> bearer = Map.of("Authorization", "Bearer " + coordinator.apiToken());
            assertThat(get(base + "/api/v1/runs?limit=25", Map.of()).statusCode())
                    .isEqualTo(401);
            JsonNode runs = Json.lenient()
                    .readTree(get(base + "/api/v1/runs?limit=25", bearer).body());
            assertThat(runs.get("runs").isArray()).as(runs.toString()).isTrue();
            JsonNode scenarios = Json.lenient()
                    .readTree(get(base + "/api/v1/scenarios", bearer).body());
            assertThat(scenarios.get("scenarios").findValuesAsText("builtIn")).contains("true");
        }
    }

    /**
     * The uPlot files served are the ones vendored in {@code dashboard/uplot/} (see its README), byte for byte: the
     * SHA-256 of each as committed, so an edited or replaced copy fails here, not in a browser. The library sets
     * element.style only (allowed by style-src 'self'), so the CSP needs no 'unsafe-inline' for it.
     */
    private void assertTheVendoredUplotIsServed(String base) throws Exception {
        Map<String, String> vendored = Map.of(
                "uplot/uPlot.iife.min.js", "7f29cd14e36d84141ab49c5e0a806d88e4d855596a9bc0e10799bc2c114b4c4f",
                "uplot/uPlot.min.css", "df630c6a8d6f8eeaff264b50f73ce5b114f646ffd9a0bb74f049b0a00135fa04");
        for (Map.Entry<String, String> file : vendored.entrySet()) {
            HttpResponse<byte[]> served = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/dashboard/" + file.getKey()))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(served.statusCode()).as(file.getKey()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Security-Policy"))
                    .as(file.getKey())
                    .contains("default-src 'self'; script-src 'self'; style-src 'self';"
                            + " img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
                            + " form-action 'self'; frame-ancestors 'none'");
            assertThat(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(served.body())))
                    .as(file.getKey() + " is the vendored uPlot 1.6.30")
                    .isEqualTo(file.getValue());
            if (file.getKey().endsWith(".js")) {
                String text = new String(served.body(), StandardCharsets.UTF_8);
                assertThat(text).contains("uPlot (v1.6.30)");
                assertThat(text).as("uPlot injects no <style> element").doesNotContain("\"style\")");
            }
        }
    }

    private static void assertStrictHeaders(HttpResponse<String> response) {
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp)
                .as(response.uri().toString())
                .contains("default-src 'self'")
                .contains("script-src 'self'")
                .contains("object-src 'none'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval")
                .doesNotContain("*");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
    }

    private static void assertTheScriptsCallOnlyDocumentedServedRoutes(String scripts, List<String> routes)
            throws Exception {
        Set<String> documented = new TreeSet<>();
        JsonNode paths =
                new ObjectMapper(new YAMLFactory()).readTree(OpenApi.yaml()).get("paths");
        paths.fields().forEachRemaining(path -> path.getValue()
                .fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

        List<String> called = new ArrayList<>();
        Matcher entry = API_ENTRY.matcher(scripts);
        while (entry.find()) {
            called.add(entry.group(1) + " " + entry.group(2));
        }
        assertThat(called).as("the API table in lib.js").hasSizeGreaterThanOrEqualTo(8);
        int mentions = scripts.split("/api/v1/", -1).length - 1;
        assertThat(mentions)
                .as("every /api/v1/ path in the dashboard's scripts is an entry of its API table: " + called)
                .isEqualTo(called.size());
        for (String call : called) {
            assertThat(documented).as("openapi.yaml documents " + call).contains(call);
            assertThat(routes).as("the router serves " + call).contains(call.replaceAll("\\{([^}]+)}", ":$1"));
        }
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
