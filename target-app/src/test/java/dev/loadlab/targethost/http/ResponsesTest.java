package dev.loadlab.targethost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.targethost.http.JsonText;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void quotingEscapesWhatWouldBreakTheDocument() {
        assertThat(JsonText.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    @Test
    void aProblemNamesTheParameter() {
        assertThat(Json.problem(400, "Bad Request", "ms must be between 0 and 60000, was -1", "ms"))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"detail\":\"ms must be between 0 and 60000, was -1\",\"parameter\":\"ms\"}");
    }
}
