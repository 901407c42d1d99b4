package dev.loadlab.protocol.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioCodecTest {
    static final String README_EXAMPLE = """
            {"name": "mixed-80-20",
             "target": {"baseUrl": "http://127.0.0.1:9000"},
             "workload": {"requests": [
               {"name": "io",  "method": "GET", "path": "/io?ms=20", "weight": 80},
               {"name": "cpu", "method": "GET", "path": "/cpu?ms=5", "weight": 20}]},
             "load": {"model": "closed", "users": 32, "warmup": "2s", "duration": "10s"},
             "agents": 1}
            """;

    @Test
    void decodesTheDocumentedExample() {
        Scenario scenario = ScenarioCodec.decode(README_EXAMPLE);

        assertThat(scenario.name()).isEqualTo("mixed-80-20");
        assertThat(scenario.target().baseUrl()).isEqualTo("http://127.0.0.1:9000");
        assertThat(scenario.workload().requests())
                .containsExactly(
                        new RequestSpec("io", "GET", "/io?ms=20", 80), new RequestSpec("cpu", "GET", "/cpu?ms=5", 20));
        assertThat(scenario.load().model()).isEqualTo(LoadModel.CLOSED);
        assertThat(scenario.load().users()).isEqualTo(32);
        assertThat(scenario.load().warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(scenario.load().duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(scenario.agents()).isEqualTo(1);
    }

    @Test
    void encodesBackToTheSameScenario() {
        Scenario scenario = ScenarioCodec.decode(README_EXAMPLE);

        String json = ScenarioCodec.encode(scenario);

        assertThat(json).contains("\"warmup\":\"2s\"").contains("\"model\":\"closed\"");
        assertThat(ScenarioCodec.decode(json)).isEqualTo(scenario);
    }

    @Test
    void fillsDefaultsForOptionalFields() {
        Scenario scenario = ScenarioCodec.decode("""
                {"name": "open", "target": {"baseUrl": "https://localhost"},
                 "workload": {"requests": [{"name": "hello", "path": "/hello"}]},
                 "load": {"model": "open", "rate": 12.5, "duration": "1m"}}
                """);

        assertThat(scenario.agents()).isEqualTo(1);
        assertThat(scenario.load().warmup()).isEqualTo(Duration.ZERO);
        assertThat(scenario.load().rate()).isEqualTo(12.5);
        assertThat(scenario.workload().requests().get(0)).isEqualTo(new RequestSpec("hello", "GET", "/hello", 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"name\": \"mixed-80-20\",|                              |$.name|is required",
                "\"users\": 32|\"users\": -1|$.load.users|must be between 1 and 10000, was -1",
                "\"users\": 32|\"users\": 10001|$.load.users|must be between 1 and 10000, was 10001",
                "\"agents\": 1|\"agents\": 1, \"extra\": 2|$.extra|is not a known field",
                "\"weight\": 20|\"weight\": 0|$.workload.requests[1].weight|must be between 1 and 1000, was 0",
                "\"10s\"|\"abc\"|$.load.duration|expected a duration such as",
                "\"10s\"|\"0s\"|$.load.duration|must be between 1s and 1h, was 0s",
                "\"10s\"|\"2h\"|$.load.duration|must be between 1s and 1h, was 2h",
                "http://127.0.0.1:9000|file:///etc/passwd|$.target.baseUrl|must be an http:// or https:// URL",
                "http://127.0.0.1:9000|http://|$.target.baseUrl|is not a URL",
                "\"GET\", \"path\": \"/cpu|\"BREW\", \"path\": \"/cpu|$.workload.requests[1].method|must be one of",
                "\"/io?ms=20\"|\"io\"|$.workload.requests[0].path|must start with '/'",
                "\"name\": \"cpu\"|\"name\": \"io\"|$.workload.requests[1].name|must be unique",
                "\"users\": 32|\"users\": 32, \"rate\": 5|$.load.rate|does not apply to the closed model",
                "\"users\": 32|\"users\": 3.5|$.load.users|",
                "\"closed\"|\"sideways\"|$.load.model|",
                "\"agents\": 1|\"agents\": 1, \"repeats\": 0|$.repeats|must be between 1 and 10, was 0",
                "\"agents\": 1|\"agents\": 1, \"repeats\": 11|$.repeats|must be between 1 and 10, was 11",
            })
    void refusesBadInputNamingTheField(String from, String to, String field, String message) {
        String json = README_EXAMPLE.replace(from, to == null ? "" : to);

        assertThatThrownBy(() -> ScenarioCodec.decode(json)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            FieldError first = e.errors().get(0);
            assertThat(first.field()).isEqualTo(field);
            assertThat(first.message()).contains(message == null ? "" : message);
        });
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        String json =
                README_EXAMPLE.replace("\"users\": 32", "\"users\": 0").replace("\"agents\": 1", "\"agents\": 99");

        assertThatThrownBy(() -> ScenarioCodec.decode(json))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(
                                e.errors().stream().map(FieldError::field).toList())
                        .isEqualTo(List.of("$.load.users", "$.agents")));
    }

    @Test
    void refusesMalformedAndEmptyJson() {
        assertThatThrownBy(() -> ScenarioCodec.decode("{\"name\": "))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("$"));
        assertThatThrownBy(() -> ScenarioCodec.decode("null"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("$"));
        assertThatThrownBy(() -> ScenarioCodec.decode("[]"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("$"));
    }
}
