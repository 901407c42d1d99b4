package dev.loadlab.protocol.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchLoadTest {
    static final String SEARCH = """
            {"name": "knee",
             "target": {"baseUrl": "http://127.0.0.1:9000"},
             "workload": {"requests": [{"name": "io", "path": "/io?ms=20"}]},
             "load": {"model": "search", "rate": 10, "maxRate": 400, "precision": 0.1, "maxProbes": 9,
                      "warmup": "1s", "duration": "3s"},
             "slo": {"p99Ms": 100, "errorRate": 0.01}}
            """;

    @Test
    void decodesASearchWithItsSlo() {
        Scenario scenario = ScenarioCodec.decode(SEARCH);

        assertThat(scenario.load().model()).isEqualTo(LoadModel.SEARCH);
        assertThat(scenario.load().rate()).isEqualTo(10.0);
        assertThat(scenario.load().maxRate()).isEqualTo(400.0);
        assertThat(scenario.load().precision()).isEqualTo(0.1);
        assertThat(scenario.load().maxProbes()).isEqualTo(9);
        assertThat(scenario.slo()).isEqualTo(new Slo(100L, 0.01));
        assertThat(ScenarioCodec.decode(ScenarioCodec.encode(scenario))).isEqualTo(scenario);
    }

    @Test
    void fillsTheSearchDefaults() {
        Scenario scenario =
                ScenarioCodec.decode(SEARCH.replace("\"maxRate\": 400, \"precision\": 0.1, \"maxProbes\": 9,", ""));

        assertThat(scenario.load().maxRate()).isEqualTo(ScenarioLimits.MAX_RATE);
        assertThat(scenario.load().precision()).isEqualTo(Load.DEFAULT_PRECISION);
        assertThat(scenario.load().maxProbes()).isEqualTo(Load.DEFAULT_MAX_PROBES);
    }

    @Test
    void aProbeIsAPlainOpenLoadWithTheSearchWindow() {
        Load probe = ScenarioCodec.decode(SEARCH).load().probe(37.5);

        assertThat(probe).isEqualTo(new Load(LoadModel.OPEN, null, 37.5, Duration.ofSeconds(1), Duration.ofSeconds(3)));
    }

    @Test
    void otherModelsCarryNoSearchFieldsWhenEncoded() {
        String json = ScenarioCodec.encode(ScenarioCodec.decode(ScenarioCodecTest.README_EXAMPLE));

        assertThat(json).doesNotContain("maxRate").doesNotContain("precision").doesNotContain("slo");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"rate\": 10,|\"rate\": 0,|$.load.rate|must be above 0 and at most 50000 per second, was 0.0",
                "\"rate\": 10,||$.load.rate|is required",
                "\"maxRate\": 400|\"maxRate\": 5|$.load.maxRate|must be at least $.load.rate (10.0), was 5.0",
                "\"maxRate\": 400|\"maxRate\": 60000|$.load.maxRate|must be above 0 and at most 50000 per second",
                "\"precision\": 0.1|\"precision\": 0.001|$.load.precision|must be between 0.01 and 0.5, was 0.001",
                "\"maxProbes\": 9|\"maxProbes\": 31|$.load.maxProbes|must be between 2 and 30, was 31",
                "\"rate\": 10,|\"rate\": 10, \"users\": 4,|$.load.users|does not apply to the search model",
                "\"p99Ms\": 100|\"p99Ms\": 0|$.slo.p99Ms|must be between 1 and 60000, was 0",
                "\"p99Ms\": 100,||$.slo.p99Ms|is required",
                "\"errorRate\": 0.01|\"errorRate\": 1.5|$.slo.errorRate|must be between 0 and 1",
                ", \"slo\": {\"p99Ms\": 100, \"errorRate\": 0.01}||$.slo|is required by the search model",
                "\"model\": \"search\"|\"model\": \"open\"|$.load.maxRate|does not apply to the open model",
            })
    void refusesBadSearchInputNamingTheField(String from, String to, String field, String message) {
        String json = SEARCH.replace("\n \"slo\"", " \"slo\"").replace(from, to == null ? "" : to);

        assertThatThrownBy(() -> ScenarioCodec.decode(json)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            FieldError first = e.errors().get(0);
            assertThat(first.field()).isEqualTo(field);
            assertThat(first.message()).contains(message);
        });
    }

    @Test
    void everyModelMayCarryAnSlo() {
        String json = ScenarioCodecTest.README_EXAMPLE.replace(
                "\"agents\": 1", "\"agents\": 1, \"slo\": {\"p99Ms\": 100, \"errorRate\": 0.01}");

        assertThat(ScenarioCodec.decode(json).slo()).isEqualTo(new Slo(100L, 0.01));
    }
}
