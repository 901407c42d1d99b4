package dev.loadlab.protocol.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.protocol.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetControlValidationTest {
    private static final String SWEEP = """
            {"name": "sweep",
             "target": {"baseUrl": "http://127.0.0.1:9000",
                        "control": {"url": "http://127.0.0.1:9001", "token": "secret"},
                        "profiles": ["multi-process", "threaded-gil"], "workers": [1, 2, 4]},
             "workload": {"requests": [{"name": "cpu", "path": "/cpu?ms=5"}]},
             "load": {"model": "closed", "users": 8, "duration": "5s"}}
            """;

    @Test
    void decodesASweepAndRedactsItsToken() {
        Scenario scenario = ScenarioCodec.decode(SWEEP);

        assertThat(scenario.target().control()).isEqualTo(new TargetControl("http://127.0.0.1:9001", "secret"));
        assertThat(scenario.target().profiles()).containsExactly("multi-process", "threaded-gil");
        assertThat(scenario.target().workers()).containsExactly(1, 2, 4);
        assertThat(scenario.redacted().target().control().token()).isEqualTo("***");
        assertThat(ScenarioCodec.encode(scenario.redacted())).doesNotContain("secret");
        assertThat(scenario.target().control().toString()).doesNotContain("secret");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"workers\": [1, 2, 4]|\"workers\": [0]|$.target.workers[0]|must be between 1 and 64, was 0",
                "\"workers\": [1, 2, 4]|\"workers\": [1000]|$.target.workers[0]|must be between 1 and 64, was 1000",
                "\"workers\": [1, 2, 4]|\"workers\": [2, 2]|$.target.workers[1]|must be unique",
                "\"workers\": [1, 2, 4]|\"workers\": []|$.target.workers|must hold 1 to 10",
                "\"threaded-gil\"]|\"threaded gil\"]|$.target.profiles[1]|must be 1 to 40 letters",
                "\"token\": \"secret\"|\"token\": \"\"|$.target.control.token|must be 1 to 200 characters",
                "\"token\": \"secret\"|\"tokn\": \"secret\"|$.target.control.tokn|is not a known field",
                "http://127.0.0.1:9001|ftp://127.0.0.1:9001|$.target.control.url|must be an http:// or https:// URL",
                ", \"workers\": [1, 2, 4]||$.target.workers|is required with $.target.profiles",
            })
    void refusesBadSweepsNamingTheField(String from, String to, String field, String message) {
        String json = SWEEP.replace(from, to == null ? "" : to);

        assertThatThrownBy(() -> ScenarioCodec.decode(json)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.errors().get(0).field()).isEqualTo(field);
            assertThat(e.errors().get(0).message()).contains(message);
        });
    }

    @Test
    void profilesWithoutAControlApiAreRefused() {
        String json = SWEEP.replace("\"control\": {\"url\": \"http://127.0.0.1:9001\", \"token\": \"secret\"},", "");

        assertThatThrownBy(() -> ScenarioCodec.decode(json))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(
                                e.errors().stream().map(x -> x.field()).toList())
                        .isEqualTo(List.of("$.target.profiles", "$.target.workers")));
    }
}
