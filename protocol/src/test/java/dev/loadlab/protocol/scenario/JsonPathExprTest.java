package dev.loadlab.protocol.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonPathExprTest {
    private static final JsonNode DOC = read("""
            {"token": "t1", "items": [{"id": 1, "sku": "a"}, {"id": 2, "sku": "b"}],
             "odd key": {"x": true}, "n": null}
            """);

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "$|1",
                "$.token|\"t1\"",
                "$['token']|\"t1\"",
                "$[\"odd key\"].x|true",
                "$.items[0].id|1",
                "$.items[-1].sku|\"b\"",
                "$.items[*].sku|\"a\",\"b\"",
                "$.items.*.id|1,2",
                "$.n|null",
            })
    void selectsTheSubset(String path, String expected) {
        JsonPathExpr expr = JsonPathExpr.compile(path);

        String selected = String.join(
                ",", expr.select(DOC).stream().map(JsonNode::toString).toList());
        if (path.equals("$")) {
            assertThat(expr.select(DOC)).containsExactly(DOC);
        } else {
            assertThat(selected).isEqualTo(expected);
        }
        assertThat(expr.source()).isEqualTo(path);
    }

    @Test
    void missingMembersAndIndexesSelectNothing() {
        assertThat(JsonPathExpr.compile("$.nope").select(DOC)).isEmpty();
        assertThat(JsonPathExpr.compile("$.items[5]").first(DOC)).isEmpty();
        assertThat(JsonPathExpr.compile("$.token.x").select(DOC)).isEmpty();
        assertThat(JsonPathExpr.compile("$.items[0]").first(DOC))
                .hasValueSatisfying(n -> assertThat(n.get("sku").asText()).isEqualTo("a"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "token|must start with '$'",
                "$..id|recursive descent",
                "$.items[?(@.id)]|not in the supported subset at position 7",
                "$.items[0:2]|not in the supported subset",
                "$.|not in the supported subset at position 1",
                "$.items[|not in the supported subset",
            })
    void refusesWhatLeavesTheSubset(String path, String message) {
        assertThatThrownBy(() -> JsonPathExpr.compile(path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    private static JsonNode read(String json) {
        try {
            return Json.lenient().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
