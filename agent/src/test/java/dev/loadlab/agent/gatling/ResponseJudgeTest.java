package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadlab.protocol.scenario.Check;
import dev.loadlab.protocol.scenario.Extract;
import dev.loadlab.protocol.scenario.RequestSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ResponseJudgeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Function<String, String> NO_SECRETS = name -> null;

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Check status(Integer... allowed) {
        return new Check(List.of(allowed), null, null, null, null, null, null, null);
    }

    private static Check jsonExists(String path, boolean exists) {
        return new Check(null, path, exists, null, null, null, null, null);
    }

    private static Check jsonEquals(String path, String value) {
        return new Check(null, path, null, json(value), null, null, null, null);
    }

    private static Check bodyContains(String text) {
        return new Check(null, null, null, null, text, null, null, null);
    }

    private static Check header(String name, String matches) {
        return new Check(null, null, null, null, null, name, matches, null);
    }

    private static Check maxMs(long ms) {
        return new Check(null, null, null, null, null, null, null, ms);
    }

    private static ResponseJudge judge(List<Check> checks, Map<String, Extract> save) {
        return ResponseJudge.compile(
                new RequestSpec("read", "GET", "/items/1", 1, null, null, null, checks, save, null));
    }

    private static ResponseView response(int status, long ms, String body, Map<String, String> headers) {
        return new ResponseView(status, ms, headers, body);
    }

    private static Function<String, String> vars(Map<String, String> values) {
        return values::get;
    }

    @Test
    void aGoodResponsePassesAndItsValuesAreSaved() {
        Map<String, Extract> save = new LinkedHashMap<>();
        save.put("token", new Extract("$.token", null, null));
        save.put("id", new Extract(null, "Location", "[^/]+$"));
        save.put("n", new Extract("$.n", null, null));
        ResponseJudge judge = judge(
                List.of(
                        status(200, 201),
                        jsonExists("$.token", true),
                        jsonEquals("$.sku", "\"${sku}\""),
                        header("Location", "/items/.+"),
                        maxMs(500)),
                save);
        assertThat(judge.needsBody()).isTrue();
        assertThat(judge.headersNeeded()).containsExactly("Location");

        ResponseJudge.Verdict verdict = judge.judge(
                response(
                        201, 12, "{\"token\":\"t-1\",\"sku\":\"a1\",\"n\":{\"x\":1}}", Map.of("location", "/items/42")),
                vars(Map.of("sku", "a1")),
                NO_SECRETS);

        assertThat(verdict.kind()).isNull();
        assertThat(verdict.failedChecks()).isEmpty();
        assertThat(verdict.messages()).isEmpty();
        assertThat(verdict.saved())
                .containsExactly(Map.entry("token", "t-1"), Map.entry("id", "42"), Map.entry("n", "{\"x\":1}"));
        assertThat(verdict.extractionFailed()).isFalse();
    }

    @Test
    void withoutAStatusCheckErrorStatusesAreHttpKindsAndOtherFailuresStillCountTheirLabels() {
        ResponseJudge judge = judge(List.of(bodyContains("ok")), null);
        ResponseJudge.Verdict notFound = judge.judge(response(404, 3, "nope", Map.of()), vars(Map.of()), NO_SECRETS);
        assertThat(notFound.kind()).isEqualTo("http_4xx");
        assertThat(notFound.failedChecks()).containsExactly("bodyContains");
        assertThat(notFound.messages())
                .containsExactly("read: http_4xx: status 404", "read: bodyContains: the body does not contain \"ok\"");

        ResponseJudge.Verdict broken = judge.judge(response(503, 3, "ok", Map.of()), vars(Map.of()), NO_SECRETS);
        assertThat(broken.kind()).isEqualTo("http_5xx");
        assertThat(broken.failedChecks()).isEmpty();

        ResponseJudge.Verdict redirect = judge.judge(response(302, 3, "ok", Map.of()), vars(Map.of()), NO_SECRETS);
        assertThat(redirect.kind()).isNull();
    }

    @Test
    void anExplicitStatusCheckMakesABadStatusAKindCheckAndAllowsListedErrorStatuses() {
        ResponseJudge judge = judge(List.of(status(201), maxMs(10)), null);
        ResponseJudge.Verdict verdict = judge.judge(response(500, 20, null, Map.of()), vars(Map.of()), NO_SECRETS);
        assertThat(verdict.kind()).isEqualTo("check");
        assertThat(verdict.failedChecks()).containsExactly("status", "maxMs");
        assertThat(verdict.messages())
                .containsExactly("read: status: expected 201, found 500", "read: maxMs: took 20 ms, more than 10");

        ResponseJudge notFoundIsFine = judge(List.of(status(200, 404)), null);
        assertThat(notFoundIsFine.needsBody()).isFalse();
        assertThat(notFoundIsFine
                        .judge(response(404, 1, null, Map.of()), vars(Map.of()), NO_SECRETS)
                        .kind())
                .isNull();
        assertThat(notFoundIsFine
                        .judge(response(500, 1, null, Map.of()), vars(Map.of()), NO_SECRETS)
                        .messages())
                .containsExactly("read: status: expected one of [200, 404], found 500");
    }

    @Test
    void jsonPathChecksSayWhatTheyExpectedAndFound() {
        ResponseJudge judge = judge(
                List.of(
                        jsonEquals("$.sku", "\"${sku}\""),
                        jsonEquals("$.qty", "1"),
                        jsonExists("$.gone", false),
                        jsonExists("$.missing", true)),
                null);
        ResponseJudge.Verdict verdict = judge.judge(
                response(200, 1, "{\"sku\":\"b2\",\"qty\":1.0,\"gone\":[1]}", Map.of()),
                vars(Map.of("sku", "a1")),
                NO_SECRETS);
        assertThat(verdict.kind()).isEqualTo("check");
        assertThat(verdict.failedChecks())
                .containsExactly("jsonPath($.sku)", "jsonPath($.gone)", "jsonPath($.missing)");
        assertThat(verdict.messages())
                .containsExactly(
                        "read: jsonPath($.sku): expected \"a1\", found \"b2\"",
                        "read: jsonPath($.gone): expected no match, found [1]",
                        "read: jsonPath($.missing): matched nothing");

        ResponseJudge.Verdict notJson =
                judge.judge(response(200, 1, "<html>", Map.of()), vars(Map.of("sku", "a1")), NO_SECRETS);
        assertThat(notJson.failedChecks()).hasSize(4);
        assertThat(notJson.messages().get(0)).isEqualTo("read: jsonPath($.sku): the body is not JSON");

        ResponseJudge.Verdict unknownVariable =
                judge.judge(response(200, 1, "{\"sku\":\"a1\"}", Map.of()), vars(Map.of()), NO_SECRETS);
        assertThat(unknownVariable.messages().get(0))
                .isEqualTo("read: jsonPath($.sku): cannot compare: ${sku} has no value");
    }

    @Test
    void headerChecksMatchTheWholeValueCaseInsensitiveName() {
        ResponseJudge judge = judge(List.of(header("content-type", "application/json"), header("X-Id", null)), null);
        ResponseJudge.Verdict verdict = judge.judge(
                response(200, 1, null, Map.of("content-type", "application/json; charset=utf-8")),
                vars(Map.of()),
                NO_SECRETS);
        assertThat(verdict.failedChecks()).containsExactly("header(content-type)", "header(X-Id)");
        assertThat(verdict.messages())
                .containsExactly(
                        "read: header(content-type): \"application/json; charset=utf-8\" does not match"
                                + " \"application/json\"",
                        "read: header(X-Id): missing");
    }

    @Test
    void aFailedSaveIsKindCheckUnderItsLabelAndAsksForARestart() {
        Map<String, Extract> save = new LinkedHashMap<>();
        save.put("token", new Extract("$.token", null, null));
        save.put("id", new Extract(null, "Location", "/items/(\\d+)"));
        save.put("word", new Extract(null, null, "w=(\\w+)"));
        save.put("whole", new Extract(null, null, "z\\d"));
        ResponseJudge judge = judge(null, save);
        ResponseJudge.Verdict verdict = judge.judge(
                response(200, 1, "{\"token\":null} z7", Map.of("location", "/other")), vars(Map.of()), NO_SECRETS);
        assertThat(verdict.kind()).isEqualTo("check");
        assertThat(verdict.extractionFailed()).isTrue();
        assertThat(verdict.failedChecks()).containsExactly("save(token)", "save(id)", "save(word)");
        assertThat(verdict.saved()).containsExactly(Map.entry("whole", "z7"));
        assertThat(verdict.messages())
                .containsExactly(
                        "read: save(token): $.token is null",
                        "read: save(id): regex \"/items/(\\d+)\" found no match in the Location header \"/other\"",
                        "read: save(word): regex \"w=(\\w+)\" found no match in the body");
    }

    @Test
    void aMissingHeaderForASaveFailsIt() {
        ResponseJudge judge = judge(null, Map.of("loc", new Extract(null, "Location", null)));
        ResponseJudge.Verdict verdict = judge.judge(response(201, 1, null, Map.of()), vars(Map.of()), NO_SECRETS);
        assertThat(judge.needsBody()).isFalse();
        assertThat(verdict.failedChecks()).containsExactly("save(loc)");
        assertThat(verdict.messages()).containsExactly("read: save(loc): no Location header");
    }

    @Test
    void aCheckOfNoKindIsRefusedNamingIt() {
        assertThatThrownBy(() -> judge(List.of(new Check(null, null, null, null, null, null, null, null)), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("read.checks[0]");
    }
}
