package dev.loadlab.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControlApiTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"profile\":\"async\",\"workers\":|''|malformed JSON",
                "|''|malformed JSON",
                "[1]|''|malformed JSON",
                "null|''|malformed JSON",
                "{\"profile\":\"async\",\"workers\":2} x|''|malformed JSON",
                "{\"profile\":\"async\",\"profile\":\"green\"}|''|malformed JSON: Duplicate field 'profile'",
                "{\"profile\":\"async\",\"workers\":2,\"x\":1}|/x|unknown field 'x'",
                "{\"profile\":\"async\",\"workers\":2,\"x\":{\"a\":[1]}}|/x|unknown field 'x'",
                "{\"profile\":{\"name\":\"async\"},\"workers\":2}|/profile|wrong type",
                "{\"profile\":[\"async\"],\"workers\":2}|/profile|wrong type",
                "{\"profile\":5,\"workers\":2}|/profile|wrong type",
                "{\"profile\":\"async\",\"workers\":\"2\"}|/workers|wrong type",
                "{\"profile\":\"async\",\"workers\":2.5}|/workers|wrong type",
                "{\"profile\":\"async\",\"workers\":true}|/workers|wrong type",
                "{\"profile\":\"async\",\"workers\":[2]}|/workers|wrong type",
            })
    void aConfigRequestIsReadStrictlyNamingTheField(String body, String pointer, String message) {
        InvalidInputException refused = catchThrowableOfType(
                InvalidInputException.class,
                () -> ControlApi.readStrict(body == null ? "" : body, ConfigRequest.class));

        assertThat(refused).as(body).isNotNull();
        FieldError error = refused.errors().get(0);
        assertThat(error.field()).isEqualTo(pointer);
        assertThat(error.message()).startsWith(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"profile\":\"async\",\"workers\":2}|async|2",
                "{ \"workers\" : 64 , \"profile\" : \"green\" }|green|64",
                "{\"profile\":\"async\"}|async|",
                "{\"profile\":null,\"workers\":null}||",
                "{}||",
            })
    void aWellFormedConfigRequestIsReadAsItIs(String body, String profile, Integer workers) {
        assertThat(ControlApi.readStrict(body, ConfigRequest.class)).isEqualTo(new ConfigRequest(profile, workers));
    }
}
