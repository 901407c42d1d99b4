package dev.loadlab.protocol.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** No scalar of a scenario is coerced into another kind, in JSON or in YAML; each refusal names the field. */
class StrictInputTest {
    private static final String EXAMPLE = ScenarioCodecTest.README_EXAMPLE;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"users\": 32|\"users\": \"32\"|$.load.users|must be a whole number",
                "\"agents\": 1|\"agents\": \"1\"|$.agents|must be a whole number",
                "\"weight\": 80|\"weight\": \"80\"|$.workload.requests[0].weight|must be a whole number",
                "\"weight\": 80|\"weight\": true|$.workload.requests[0].weight|must be a whole number",
                "\"name\": \"mixed-80-20\"|\"name\": 42|$.name|must be a string, not the number 42",
                "\"name\": \"mixed-80-20\"|\"name\": true|$.name|must be a string, not the boolean true",
                "\"method\": \"GET\", \"path\": \"/io?ms=20\"|\"method\": \"GET\", \"path\": 3.5|$.workload.requests[0].path|must be a string, not the number 3.5",
                "\"users\": 32|\"users\": \"\"|$.load.users|must be a whole number",
            })
    void refusesAScalarOfAnotherKindInJson(String from, String to, String field, String message) {
        String json =
                EXAMPLE.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
        assertThat(json).isNotEqualTo(EXAMPLE);

        assertThatThrownBy(() -> ScenarioCodec.decode(json))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly(field))
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "users: 32|users: \"32\"|$.load.users|must be a whole number",
                "agents: 1|agents: '1'|$.agents|must be a whole number",
                "name: yaml-example|name: 42|$.name|must be a string, not the number 42",
                "name: yaml-example|name: true|$.name|must be a string, not the boolean true",
            })
    void refusesAScalarOfAnotherKindInYaml(String from, String to, String field, String message) {
        String yaml = """
                name: yaml-example
                target:
                  baseUrl: http://127.0.0.1:9000
                workload:
                  requests:
                    - name: io
                      path: /io
                load:
                  model: closed
                  users: 32
                  duration: 10s
                agents: 1
                """;
        ScenarioCodec.decode(yaml, ScenarioFormat.YAML, ScenarioReferences.UNCHECKED);

        assertThatThrownBy(() ->
                        ScenarioCodec.decode(yaml.replace(from, to), ScenarioFormat.YAML, ScenarioReferences.UNCHECKED))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly(field))
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"http://127.0.0.1:99999, port 99999 is outside 1-65535", "http://127.0.0.1:0, port 0 is outside 1-65535"
    })
    void refusesAPortOutOfBounds(String url, String message) {
        String json = EXAMPLE.replace("http://127.0.0.1:9000", url);

        assertThatThrownBy(() -> ScenarioCodec.decode(json))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("$.target.baseUrl", message)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"\"rate\": 12.5|\"rate\": 12"})
    void keepsAWholeNumberWhereAFractionMayBe(String from, String to) {
        String open = """
                {"name": "open", "target": {"baseUrl": "http://127.0.0.1:9000"},
                 "workload": {"requests": [{"name": "hello", "path": "/hello"}]},
                 "load": {"model": "open", "rate": 12.5, "duration": "1m"}}
                """;

        assertThat(ScenarioCodec.decode(open.replace(from, to)).load().rate()).isEqualTo(12.0);
    }
}
