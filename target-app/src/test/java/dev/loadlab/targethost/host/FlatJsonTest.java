package dev.loadlab.targethost.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {
    @Test
    void readsAFlatObject() {
        Map<String, Object> json = FlatJson.parseObject(" {\"profile\": \"threaded-gil\", \"workers\": 4, \"x\": null,"
                + " \"f\": 1.5, \"b\": true, \"s\": \"a\\\"\\u0041\"} ");
        assertThat(json)
                .containsEntry("profile", "threaded-gil")
                .containsEntry("workers", 4L)
                .containsEntry("f", 1.5)
                .containsEntry("b", true)
                .containsEntry("s", "a\"A")
                .containsKey("x");
    }

    @Test
    void refusesMalformedOrNestedDocumentsSayingWhere() {
        assertThatThrownBy(() -> FlatJson.parseObject("{\"profile\":"))
                .hasMessageStartingWith("malformed JSON: expected a value at character 11");
        assertThatThrownBy(() -> FlatJson.parseObject("{\"a\":[1]}")).hasMessageContaining("nested");
        assertThatThrownBy(() -> FlatJson.parseObject("{\"a\":1} x")).hasMessageContaining("end of document");
        assertThatThrownBy(() -> FlatJson.parseObject("{\"a\":1,\"a\":2}")).hasMessageContaining("twice");
        assertThatThrownBy(() -> FlatJson.parseObject("")).hasMessageContaining("expected '{'");
    }
}
