package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code GET /api/v1/runs/{id}/export} end to end: a short real run (two repeats of a two-request step against the
 * reference app on 127.0.0.1, one agent in its own JVM) exported as CSV, JUnit XML and an HdrHistogram log, each read
 * back with a standard reader and checked against {@code GET /api/v1/runs/{id}}, and as HTML, opened in a real
 * headless Chromium (skipped, with the reason, when none can be had): its charts drawn, no request leaving the file,
 * the verdict and every step shown; an unknown format is a 400 problem naming {@code format}, an unknown run a 404,
 * and the export needs the token like the rest of the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportIT {
    private static final String SCENARIO = """
            {"name": "export",
             "target": {"baseUrl": "%s"},
             "workload": {"requests": [{"name": "hello", "path": "/hello"}, {"name": "io", "path": "/io?ms=2"}]},
             "load": {"model": "closed", "users": 2, "warmup": "1s", "duration": "2s"},
             "repeats": 2,
             "slo": {"p99Ms": 10000, "errorRate": 0.5}}
            """;

    @TempDir
    static Path dir;

    private AppStack stack;
    private JsonNode run;

    @BeforeAll
    void runOnce() {
        stack = AppStack.start(dir, "export", 1);
        run = stack.runToEnd(SCENARIO.formatted(stack.targetUrl()), Duration.ofSeconds(120));
        assertThat(run.get("status").asText()).as(run.toPrettyString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("steps")).hasSize(2);
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aRunsCsvJunitAndHlogExportsReadBackToTheFiguresTheApiShows() throws Exception {
        String id = run.get("id").asText();
        JsonNode steps = run.get("steps");

        checkCsv(stack.api.download("/api/v1/runs/" + id + "/export?format=csv"), id, steps);
        checkJunit(stack.api.download("/api/v1/runs/" + id + "/export?format=junit"), run);
        checkHlog(stack.api.download("/api/v1/runs/" + id + "/export?format=hlog"), steps);

        Api.Reply unknown = stack.api.get("/api/v1/runs/" + id + "/export?format=pdf");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().get("field").asText()).isEqualTo("format");
        assertThat(unknown.body().get("detail").asText()).contains("csv, junit, hlog, html");
        assertThat(stack.api.get("/api/v1/runs/" + id + "/export").status()).isEqualTo(400);
        Api.Reply missing = stack.api.get("/api/v1/runs/" + UUID.randomUUID() + "/export?format=csv");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(new Api(stack.coordinator.httpUrl())
                        .download("/api/v1/runs/" + id + "/export?format=html")
                        .status())
                .isEqualTo(401);
    }

    /** The same run as one HTML file, opened in a real headless Chromium; skipped when no Chromium can be had. */
    @Test
    void aRunsHtmlExportDrawsItsChartsInARealBrowserWithoutARequestAndShowsTheVerdictAndEveryStep() throws Exception {
        String id = run.get("id").asText();
        Api.Download html = stack.api.download("/api/v1/runs/" + id + "/export?format=html");
        Map<Integer, JsonNode> timelines = new HashMap<>();
        for (JsonNode step : run.get("steps")) {
            int index = step.get("index").asInt();
            timelines.put(
                    index,
                    stack.api
                            .get("/api/v1/runs/" + id + "/steps/" + index + "/timeline")
                            .body()
                            .get("seconds"));
        }
        checkHtml(html, run, timelines);
    }

    private void checkHtml(Api.Download html, JsonNode run, Map<Integer, JsonNode> timelines) throws Exception {
        String id = run.get("id").asText();
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(html.disposition()).isEqualTo("attachment; filename=\"loadlab-run-" + id + ".html\"");
        String served = new String(html.body(), StandardCharsets.UTF_8);
        String verdict = run.get("verdict").get("outcome").asText();
        // Readable without a script: the verdict and every step's row are in the file as served.
        assertThat(served).contains("data-verdict=\"" + verdict + "\"", "id=\"no-sweep\"");
        for (JsonNode step : run.get("steps")) {
            assertThat(served).contains("<tr id=\"step-" + step.get("index").asInt() + "\"");
        }
        Path file = dir.resolve("report").resolve("loadlab-run-" + id + ".html");
        Files.createDirectories(file.getParent());
        Files.write(file, html.body());

        HeadlessChromium chromium = HeadlessChromium.get();
        HeadlessChromium.Page page = chromium.open(file, dir.resolve("chromium"));

        assertThat(page.pageRequests())
                .as("the page's requests (the browser's own: %s)", page.browserRequests())
                .allSatisfy(r -> assertThat(r.url()).startsWith("file:"));
        Map<String, String> body = page.body();
        assertThat(body)
                .as("CSP violations or a chart error: %s", body)
                .doesNotContainKeys("data-csp-violations", "data-chart-error")
                .containsEntry("data-run", id)
                .containsEntry("data-styles", "1");
        assertThat(page.elements("section", "id=\"verdict\"")).singleElement().satisfies(v -> assertThat(v)
                .containsEntry("data-verdict", verdict));
        assertThat(page.dom()).contains("<strong class=\"verdict-" + verdict + "\">" + verdict + "</strong>");
        for (JsonNode step : run.get("steps")) {
            assertThat(page.elements("tr", "id=\"step-" + step.get("index").asInt() + "\""))
                    .hasSize(1);
        }
        // No sweep here: no scaling chart, a sentence instead; per step its two timeline charts, drawn.
        assertThat(page.elements("figure", "data-chart=\"series\"")).isEmpty();
        List<Map<String, String>> figures = page.elements("figure", "data-chart=\"timeline\"");
        assertThat(figures).hasSize(2 * timelines.size());
        assertThat(body).containsEntry("data-charts", Integer.toString(figures.size()));
        for (Map<String, String> figure : figures) {
            assertThat(figure)
                    .as("figure %s", figure)
                    .containsEntry("data-drawn", "true")
                    .doesNotContainKey("data-error");
            assertThat(Integer.parseInt(figure.get("data-line-pixels")))
                    .as("figure %s", figure)
                    .isGreaterThan(50);
            int seconds =
                    timelines.get(Integer.parseInt(figure.get("data-step"))).size();
            assertThat(seconds).isGreaterThanOrEqualTo(3);
            if (figure.get("data-key").equals("throughput")) {
                // requests/s and errors/s, one value each per stored second.
                assertThat(figure)
                        .containsEntry("data-series", "2")
                        .containsEntry("data-points", Integer.toString(2 * seconds));
            } else {
                assertThat(Integer.parseInt(figure.get("data-points"))).isBetween(2, 2 * seconds);
            }
        }
        checkLeakIsSeen(chromium, file);
    }

    /**
     * The control: the same file without its Content-Security-Policy and with an image from a loopback port does show
     * that request in the net log, so an empty list above means none was made, not that none could be seen.
     */
    private void checkLeakIsSeen(HeadlessChromium chromium, Path file) throws Exception {
        String leaky = Files.readString(file)
                .replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
                .replace("</main>", "<img alt=\"\" src=\"http://127.0.0.1:1/leak.png\"></main>");
        Path control = dir.resolve("report").resolve("leaky.html");
        Files.writeString(control, leaky);
        HeadlessChromium.Page page = chromium.open(control, dir.resolve("chromium-control"));
        assertThat(page.pageRequests())
                .extracting(HeadlessChromium.Request::url)
                .contains("http://127.0.0.1:1/leak.png");
    }

    private static void checkCsv(Api.Download csv, String id, JsonNode steps) {
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.disposition()).isEqualTo("attachment; filename=\"loadlab-run-" + id + ".csv\"");
        List<List<String>> rows = parseCsv(new String(csv.body(), StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        assertThat(header).startsWith("kind", "index", "request").contains("sloOutcome");
        assertThat(rows).hasSize(1 + steps.size() * 3);
        Map<String, List<String>> byKey = new HashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertThat(row).hasSameSizeAs(header);
            byKey.put(row.get(0) + "/" + row.get(1) + "/" + row.get(2), row);
        }
        for (JsonNode step : steps) {
            String index = step.get("index").asText();
            List<String> row = byKey.get("step/" + index + "/");
            assertThat(cell(header, row, "requests"))
                    .isEqualTo(step.get("requests").asText());
            assertThat(cell(header, row, "errors")).isEqualTo(step.get("errors").asText());
            assertThat(Double.parseDouble(cell(header, row, "throughputRps")))
                    .isEqualTo(step.get("throughputRps").asDouble());
            assertThat(cell(header, row, "p99Ms"))
                    .isEqualTo(step.get("latencyMs").get("p99").asText());
            assertThat(cell(header, row, "repeat")).isEqualTo(step.get("repeat").asText());
            assertThat(cell(header, row, "sloOutcome"))
                    .isEqualTo(step.get("slo").get("outcome").asText());
            for (String name : List.of("hello", "io")) {
                List<String> request = byKey.get("request/" + index + "/" + name);
                JsonNode shown = step.get("byRequest").get(name);
                assertThat(cell(header, request, "requests"))
                        .isEqualTo(shown.get("requests").asText());
                assertThat(cell(header, request, "p90Ms"))
                        .isEqualTo(shown.get("latencyMs").get("p90").asText());
            }
        }
    }

    private static void checkJunit(Api.Download junit, JsonNode run) throws Exception {
        assertThat(junit.status()).isEqualTo(200);
        assertThat(junit.contentType()).startsWith("application/xml");
        assertThat(junit.disposition())
                .contains("filename=\"loadlab-run-" + run.get("id").asText() + ".junit.xml\"");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(junit.body()));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        JsonNode steps = run.get("steps");
        // One testcase per step and per SLO rule (p99Ms and errorRate).
        assertThat(suite.getElementsByTagName("testcase").getLength()).isEqualTo(steps.size() * 3);
        long failedSteps = 0;
        long inconclusiveSteps = 0;
        for (JsonNode step : steps) {
            String outcome = step.get("slo").get("outcome").asText();
            failedSteps += outcome.equals("failed") ? 1 : 0;
            inconclusiveSteps += outcome.equals("inconclusive") ? 1 : 0;
        }
        NodeList cases = suite.getElementsByTagName("testcase");
        long stepFailures = 0;
        long stepSkips = 0;
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (!c.getAttribute("name").contains(": ")) {
                stepFailures += c.getElementsByTagName("failure").getLength();
                stepSkips += c.getElementsByTagName("skipped").getLength();
            }
        }
        assertThat(stepFailures).isEqualTo(failedSteps);
        // An inconclusive step is skipped; a passed one only when the run's verdict doubts it (e.g. degraded).
        assertThat(stepSkips).isBetween(inconclusiveSteps, (long) steps.size() - failedSteps);
        Map<String, String> properties = new HashMap<>();
        NodeList nodes = suite.getElementsByTagName("property");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element p = (Element) nodes.item(i);
            properties.put(p.getAttribute("name"), p.getAttribute("value"));
        }
        assertThat(properties)
                .containsEntry("loadlab.run.id", run.get("id").asText())
                .containsEntry("loadlab.run.status", "SUCCEEDED")
                .containsEntry(
                        "loadlab.run.verdict", run.get("verdict").get("outcome").asText())
                .containsEntry(
                        "loadlab.run.verdict.reason",
                        run.get("verdict").get("reason").asText());
    }

    private static void checkHlog(Api.Download hlog, JsonNode steps) {
        assertThat(hlog.status()).isEqualTo(200);
        assertThat(hlog.contentType()).startsWith("text/plain");
        assertThat(hlog.disposition()).endsWith(".hlog\"");
        HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(hlog.body()));
        List<Histogram> intervals = new ArrayList<>();
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null) {
            intervals.add((Histogram) next);
        }
        assertThat(intervals).hasSameSizeAs(steps);
        for (int i = 0; i < intervals.size(); i++) {
            Histogram h = intervals.get(i);
            JsonNode step = steps.get(i);
            assertThat(h.getTag()).isEqualTo("step-" + step.get("index").asInt());
            assertThat(h.getTotalCount()).isEqualTo(step.get("requests").asLong());
            assertThat(h.getValueAtPercentile(99))
                    .isEqualTo(step.get("latencyMs").get("p99").asLong());
            assertThat(h.getMaxValue())
                    .isEqualTo(step.get("latencyMs").get("max").asLong());
        }
    }

    private static String cell(List<String> header, List<String> row, String column) {
        assertThat(row).as("row for " + column).isNotNull();
        return row.get(header.indexOf(column));
    }

    /** RFC 4180: records end in CRLF, a quoted field may hold commas, CR, LF and doubled quotes. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("a bare line end outside quotes").isNotIn('\r', '\n');
                field.append(c);
            }
        }
        assertThat(quoted).as("an unterminated quoted field").isFalse();
        assertThat(record).as("text after the last CRLF").isEmpty();
        return records;
    }
}
