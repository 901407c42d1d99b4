package dev.loadlab.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.coordinator.Coordinator;
import dev.loadlab.coordinator.CoordinatorConfig;
import dev.loadlab.coordinator.metrics.MetricNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} on real parts: while a run drives a real agent JVM against the reference app on 127.0.0.1, a
 * scrape (bearer token; 401 without) parses as strict Prometheus text and holds the run's live per-second histograms
 * by run, scenario and request; once the run ended its live series are gone and the runs by status and verdict count
 * it. A coordinator started with {@code metricsOpen} serves the same without a token.
 */
class MetricsIT {
    private static final String SCENARIO = """
            {"name": "metrics-it",
             "target": {"baseUrl": "%s"},
             "workload": {"requests": [{"name": "work", "path": "/io?ms=5"}]},
             "load": {"model": "closed", "users": 4, "warmup": "1s", "duration": "8s"}}
            """;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aLiveRunsPerSecondHistogramsAreScrapedWhileItRunsAndDroppedWhenItEnds() {
        try (AppStack stack = AppStack.start(dir, "metrics", 1)) {
            String url = stack.coordinator.httpUrl() + "/metrics";
            String token = stack.coordinator.apiToken();

            HttpResponse<String> anonymous = get(url, null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(get(url, "not-the-token-at-all").statusCode()).isEqualTo(401);

            String id = stack.submit(SCENARIO.formatted(stack.targetUrl()));
            Map<String, String> live = Map.of("run", id, "scenario", "metrics-it", "request", "work");
            // Polled, not slept: the first merged second reaches the coordinator a second or so after the start.
            PromText during = Poll.until("the run's live series on /metrics", Duration.ofSeconds(60), () -> {
                PromText scraped = scrape(url, token);
                // A labelled family without series is left out of a scrape altogether.
                return scraped.families().containsKey(MetricNames.LIVE_LATENCY)
                                && !scraped.family(MetricNames.LIVE_LATENCY)
                                        .samples(MetricNames.LIVE_LATENCY + "_count", live)
                                        .isEmpty()
                        ? Optional.of(scraped)
                        : Optional.empty();
            });

            assertThat(during.families().keySet()).containsAll(families());
            assertThat(during.family(MetricNames.LIVE_THROUGHPUT).type()).isEqualTo("histogram");
            assertThat(during.family(MetricNames.LIVE_ERRORS).type()).isEqualTo("histogram");
            assertThat(during.family(MetricNames.LIVE_LATENCY).type()).isEqualTo("histogram");
            assertThat(during.family(MetricNames.RUNS).type()).isEqualTo("gauge");
            assertThat(during.family(MetricNames.LIVE_LATENCY).help()).isNotBlank();
            double seconds = value(during, MetricNames.LIVE_THROUGHPUT, "_count", live);
            double responses = value(during, MetricNames.LIVE_THROUGHPUT, "_sum", live);
            assertThat(seconds).as("merged seconds observed").isGreaterThanOrEqualTo(1);
            assertThat(responses).as("responses counted").isPositive();
            assertThat(value(during, MetricNames.LIVE_LATENCY, "_count", live))
                    .as("one latency observation per response")
                    .isEqualTo(responses);
            // /io?ms=5 answers in no less than 5 ms: nothing in the 1 ms and 2 ms buckets.
            assertThat(bucket(during, MetricNames.LIVE_LATENCY, live, "0.002")).isZero();
            assertThat(value(during, MetricNames.LIVE_LATENCY, "_sum", live) / responses)
                    .isBetween(0.005, 1.0);
            assertThat(value(during, MetricNames.RUNS, "", Map.of("status", "running")))
                    .isEqualTo(1);
            assertThat(value(during, MetricNames.AGENTS, "", Map.of("state", "busy")))
                    .isEqualTo(1);
            assertThat(value(during, MetricNames.LIVE_RUNS, "", Map.of())).isEqualTo(1);
            assertThat(during.families()).doesNotContainKey(MetricNames.STORAGE_ERRORS);

            JsonNode ended = stack.awaitEnd(id, Duration.ofSeconds(120));
            assertThat(ended.get("status").asText()).as(ended.toPrettyString()).isEqualTo("SUCCEEDED");
            String verdict = ended.get("verdict").get("outcome").asText();
            PromText after = Poll.until("the run's live series to go", Duration.ofSeconds(30), () -> {
                PromText scraped = scrape(url, token);
                return scraped.families().containsKey(MetricNames.LIVE_LATENCY)
                                && !scraped.family(MetricNames.LIVE_LATENCY)
                                        .samples()
                                        .isEmpty()
                        ? Optional.empty()
                        : Optional.of(scraped);
            });

            assertThat(after.families().values().stream()
                            .flatMap(f -> f.samples().stream())
                            .filter(s -> id.equals(s.labels().get("run"))))
                    .as("no series of the ended run")
                    .isEmpty();
            assertThat(value(after, MetricNames.RUNS, "", Map.of("status", "succeeded")))
                    .isEqualTo(1);
            assertThat(value(after, MetricNames.RUNS, "", Map.of("status", "running")))
                    .isZero();
            assertThat(value(after, MetricNames.RUNS_BY_VERDICT, "", Map.of("verdict", verdict)))
                    .isEqualTo(1);
            assertThat(value(after, MetricNames.STEP_DURATION, "_count", Map.of("status", "succeeded")))
                    .isEqualTo(1);
            assertThat(value(after, MetricNames.STEP_DURATION, "_sum", Map.of("status", "succeeded")))
                    .as("warm-up and measured window, 9 s planned")
                    .isGreaterThan(8);
            assertThat(value(after, MetricNames.LIVE_RUNS, "", Map.of())).isZero();
            assertThat(value(after, MetricNames.AGENTS, "", Map.of("state", "idle")))
                    .isEqualTo(1);
            assertThat(value(after, MetricNames.QUEUE_LENGTH, "", Map.of())).isZero();
        }
    }

    @Test
    void aCoordinatorWithOpenMetricsServesThemWithoutAToken() {
        CoordinatorConfig config =
                CoordinatorConfig.local(dir.resolve("data"), "metrics-open-" + UUID.randomUUID()).toBuilder()
                        .metricsOpen(true)
                        .build();
        try (Coordinator coordinator = Coordinator.start(config)) {
            HttpResponse<String> open = get(coordinator.httpUrl() + "/metrics", null);

            assertThat(open.statusCode()).isEqualTo(200);
            PromText scraped = PromText.parse(open.body());
            assertThat(value(scraped, MetricNames.RUNS, "", Map.of("status", "queued")))
                    .isZero();
            assertThat(get(coordinator.httpUrl() + "/api/v1/runs", null).statusCode())
                    .as("the API still needs the token")
                    .isEqualTo(401);
        }
    }

    /**
     * The families a scrape has while a run's first step is live: all but the storage errors (none happened) and the
     * step durations (no step has finished), whose labelled families have no series yet.
     */
    private static List<String> families() {
        return MetricNames.ALL.stream()
                .filter(name -> !name.equals(MetricNames.STORAGE_ERRORS) && !name.equals(MetricNames.STEP_DURATION))
                .toList();
    }

    private PromText scrape(String url, String token) {
        HttpResponse<String> reply = get(url, token);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        return PromText.parse(reply.body());
    }

    private static double value(PromText text, String family, String suffix, Map<String, String> labels) {
        List<PromText.Sample> samples = text.family(family).samples(family + suffix, labels);
        assertThat(samples).as(family + suffix + labels).hasSize(1);
        return samples.getFirst().value();
    }

    private static double bucket(PromText text, String family, Map<String, String> labels, String le) {
        Map<String, String> having = new java.util.HashMap<>(labels);
        having.put("le", le);
        return value(text, family, "_bucket", having);
    }

    private HttpResponse<String> get(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
