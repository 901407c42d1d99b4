package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadlab.protocol.message.Assignment;
import dev.loadlab.protocol.message.Interval;
import dev.loadlab.protocol.message.StepResult;
import dev.loadlab.protocol.result.HistogramCodec;
import dev.loadlab.protocol.result.RequestResult;
import dev.loadlab.protocol.scenario.Check;
import dev.loadlab.protocol.scenario.Extract;
import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.Target;
import dev.loadlab.protocol.scenario.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request level of scenario v2 through real Gatling against a real HTTP server on a free port: templates in path,
 * headers and JSON body, secrets, saves, checks and their labels, every error kind, failure messages (secrets masked)
 * and the exact count of what the server received.
 */
class RequestPathIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KEY = "s3cr3t";

    @TempDir
    Path workDir;

    private ScriptedServer server;
    private GatlingStepRunner runner;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedServer.http();
        runner = new GatlingStepRunner(workDir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Check status(Integer... allowed) {
        return new Check(List.of(allowed), null, null, null, null, null, null, null);
    }

    static Check bodyContains(String text) {
        return new Check(null, null, null, null, text, null, null, null);
    }

    static Check jsonEquals(String path, String value) {
        return new Check(null, path, null, json(value), null, null, null, null);
    }

    static Assignment assignment(String baseUrl, Target target, Map<String, String> secrets, RequestSpec... requests) {
        Load load = new Load(LoadModel.CLOSED, 1, null, Duration.ZERO, Duration.ofSeconds(3));
        Scenario scenario = new Scenario("v2", target, new Workload(List.of(requests)), load, 1);
        return new Assignment(Assignments.RUN, 0, 0, scenario, 1, 1, null, 0, secrets, null);
    }

    static Map<String, RequestResult> byName(StepResult result) {
        return result.requests().stream().collect(Collectors.toMap(RequestResult::name, Function.identity()));
    }

    @Test
    void templatesSavesChecksKindsAndMessagesAreRecordedExactly() throws Exception {
        Map<String, String> echoHeaders = new LinkedHashMap<>();
        echoHeaders.put("X-Key", "${secret:key}");
        echoHeaders.put("X-Literal", "#{not.el}");
        RequestSpec echo = new RequestSpec(
                "echo",
                "POST",
                "/echo?x=$$1",
                1,
                echoHeaders,
                json("{\"sku\":\"${secret:key}\\\"\",\"n\":1,\"el\":\"#{x}\"}"),
                null,
                List.of(status(200)),
                null,
                null);
        RequestSpec login = new RequestSpec(
                "login",
                "POST",
                "/login",
                1,
                null,
                json("{\"user\":\"ann\",\"password\":\"${secret:pw}\"}"),
                null,
                List.of(status(200)),
                Map.of("token", new Extract("$.token", null, null)),
                null);
        RequestSpec me = new RequestSpec(
                "me",
                "GET",
                "/items/me",
                1,
                Map.of("Authorization", "Bearer ${token}"),
                null,
                null,
                List.of(status(200)),
                null,
                null);
        RequestSpec judged = new RequestSpec(
                "json",
                "GET",
                "/json",
                1,
                Map.of("X-Echo", "${secret:key}"),
                null,
                null,
                List.of(jsonEquals("$.sku", "\"a1\""), jsonEquals("$.echo", "\"nope\"")),
                null,
                null);
        RequestSpec missing = new RequestSpec("missing", "GET", "/nowhere", 1);
        RequestSpec slow =
                new RequestSpec("slow", "GET", "/slow?ms=400", 1, null, null, Duration.ofMillis(100), null, null, null);
        RequestSpec unknown = new RequestSpec("unknown", "GET", "/items/${never}", 1);
        RequestSpec empty =
                new RequestSpec("empty", "GET", "/empty", 1, null, null, null, List.of(bodyContains("x")), null, null);
        RequestSpec created = new RequestSpec(
                "created",
                "POST",
                "/created",
                1,
                null,
                null,
                null,
                List.of(status(201), new Check(null, null, null, null, null, "location", "/items/.+", null)),
                Map.of("id", new Extract(null, "Location", "[^/]+$")),
                null);
        RequestSpec view = new RequestSpec("view", "GET", "/items/${id}/view", 1);
        Map<String, String> secrets = Map.of("key", KEY, "pw", ScriptedServer.PASSWORD);

        StepHarness driver = StepHarness.runToEnd(
                runner,
                assignment(
                        server.baseUrl(),
                        new Target(server.baseUrl()),
                        secrets,
                        echo,
                        login,
                        me,
                        judged,
                        missing,
                        slow,
                        unknown,
                        empty,
                        created,
                        view));
        StepResult result = driver.get();
        Map<String, RequestResult> results = byName(result);

        assertThat(result.failure()).isNull();
        // Headers and a JSON body from templates: secret values substituted and JSON-escaped, "$$" a literal '$', and
        // "#{...}" sent as text, never read as Gatling's expression language.
        assertThat(results.get("echo").errors()).isZero();
        assertThat(server.echoes()).isNotEmpty();
        ScriptedServer.Received sent = server.echoes().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.pathAndQuery()).isEqualTo("/echo?x=$1");
        assertThat(sent.headers())
                .containsEntry("x-key", KEY)
                .containsEntry("x-literal", "#{not.el}")
                .containsEntry("content-type", "application/json");
        assertThat(json(sent.body())).isEqualTo(json("{\"sku\":\"s3cr3t\\\"\",\"n\":1,\"el\":\"#{x}\"}"));

        // The saved token is sent by later requests; before the first login, "me" is not sent at all.
        assertThat(results.get("login").errors()).isZero();
        RequestResult meResult = results.get("me");
        long notSent = meResult.failedChecks().getOrDefault("missing(${token})", 0L);
        assertThat(meResult.failedChecks().keySet()).isSubsetOf("missing(${token})");
        assertThat(meResult.errorsByKind()).isEqualTo(notSent == 0 ? Map.of() : Map.of("check", notSent));
        assertThat(server.received("/items/me"))
                .isEqualTo(meResult.requests() - notSent)
                .isPositive();
        assertThat(server.unauthorized()).isZero();

        RequestResult jsonResult = results.get("json");
        assertThat(jsonResult.requests()).isPositive();
        assertThat(jsonResult.errorsByKind()).isEqualTo(Map.of("check", jsonResult.requests()));
        assertThat(jsonResult.failedChecks())
                .isEqualTo(Map.of("jsonPath($.sku)", jsonResult.requests(), "jsonPath($.echo)", jsonResult.requests()));
        assertThat(HistogramCodec.fromBase64(jsonResult.histogram()).getTotalCount())
                .isEqualTo(jsonResult.requests());

        RequestResult missingResult = results.get("missing");
        assertThat(missingResult.requests()).isPositive();
        assertThat(missingResult.errorsByKind()).isEqualTo(Map.of("http_4xx", missingResult.requests()));

        RequestResult slowResult = results.get("slow");
        assertThat(slowResult.requests()).isPositive();
        assertThat(slowResult.errorsByKind()).isEqualTo(Map.of("timeout", slowResult.requests()));
        assertThat(HistogramCodec.fromBase64(slowResult.histogram()).getTotalCount())
                .isZero();

        RequestResult unknownResult = results.get("unknown");
        assertThat(unknownResult.requests()).isPositive();
        assertThat(unknownResult.errorsByKind()).isEqualTo(Map.of("check", unknownResult.requests()));
        assertThat(unknownResult.failedChecks()).isEqualTo(Map.of("missing(${never})", unknownResult.requests()));

        // An empty body is captured as empty: a body check fails on it, and nothing is lost.
        RequestResult emptyResult = results.get("empty");
        assertThat(emptyResult.requests()).isPositive();
        assertThat(emptyResult.failedChecks()).isEqualTo(Map.of("bodyContains", emptyResult.requests()));

        // A header check and a regex save on a header: the saved id is used in a later path.
        assertThat(results.get("created").errors()).isZero();
        RequestResult viewResult = results.get("view");
        long viewNotSent = viewResult.failedChecks().getOrDefault("missing(${id})", 0L);
        assertThat(viewResult.failedChecks().keySet()).isSubsetOf("missing(${id})");
        assertThat(server.received("/items/42/view"))
                .isEqualTo(viewResult.requests() - viewNotSent)
                .isPositive();

        assertThat(result.failureMessages())
                .contains(
                        "json: jsonPath($.sku): expected \"a1\", found \"b2\"",
                        "json: jsonPath($.echo): expected \"nope\", found \"${secret:key}\"",
                        "missing: http_4xx: status 404",
                        "slow: timeout: no response within 100 ms",
                        "unknown: missing(${never}): ${never} has no value, so the request was not sent",
                        "empty: bodyContains: the body does not contain \"x\"")
                .allSatisfy(message -> assertThat(message)
                        .doesNotContain(KEY)
                        .doesNotContain(ScriptedServer.PASSWORD)
                        .hasSizeLessThanOrEqualTo(StepResult.MAX_FAILURE_MESSAGE_LENGTH))
                .hasSizeLessThanOrEqualTo(StepResult.MAX_FAILURE_MESSAGES);

        // Every request is counted once: all that were sent reached the server, plus those never sent.
        long recorded = result.warmupRequests()
                + result.requests().stream().mapToLong(RequestResult::requests).sum();
        long neverSent = notSent + viewNotSent + unknownResult.requests();
        assertThat(recorded).isEqualTo(server.receivedTotal() + neverSent);
        driver.assertIntervalsAddUpTo(result);
        assertFailedChecksAddUp(driver, result);
    }

    /** The intervals' failed checks add up to the result's, per request name. */
    static void assertFailedChecksAddUp(StepHarness driver, StepResult result) {
        Map<String, Map<String, Long>> sums = new HashMap<>();
        for (Interval interval : driver.intervals) {
            if (interval.warmup()) {
                continue;
            }
            for (RequestResult r : interval.requests()) {
                r.failedChecks().forEach((label, n) -> sums.computeIfAbsent(r.name(), k -> new HashMap<>())
                        .merge(label, n, Long::sum));
            }
        }
        for (RequestResult r : result.requests()) {
            assertThat(sums.getOrDefault(r.name(), Map.of())).as(r.name()).isEqualTo(r.failedChecks());
        }
    }
}
