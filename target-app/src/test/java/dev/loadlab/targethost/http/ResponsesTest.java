package dev.loadlab.targethost.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponsesTest {
    @Test
    void quotingEscapesWhatWouldBreakTheDocument() {
        assertThat(JsonText.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
    }

    @Test
    void aProblemNamesTheParameter() {
        assertThat(Responses.problemBody(400, "Bad Request", "ms must be between 0 and 60000, was -1", "ms"))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"detail\":\"ms must be between 0 and 60000, was -1\",\"parameter\":\"ms\"}");
    }
}
