package dev.loadlab.protocol.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code load.connections}: its wire names, its default per model, its rules, in JSON and in YAML. */
class ConnectionsTest {
    @ParameterizedTest
    @EnumSource(Connections.class)
    void roundTripsInJsonAndYaml(Connections connections) {
        String json = ScenarioCodecTest.README_EXAMPLE.replace(
                "\"duration\": \"10s\"}",
                "\"duration\": \"10s\", \"connections\": \"" + connections.wireName() + "\"}");
        String yaml = """
                name: mixed-80-20
                target: {baseUrl: "http://127.0.0.1:9000"}
                workload:
                  requests:
                    - {name: io, method: GET, path: "/io?ms=20", weight: 80}
                    - {name: cpu, method: GET, path: "/cpu?ms=5", weight: 20}
                load: {model: closed, users: 32, warmup: 2s, duration: 10s, connections: %s}
                agents: 1
                """.formatted(connections.wireName());

        Scenario fromJson = ScenarioCodec.decode(json);
        Scenario fromYaml = ScenarioCodec.decode(yaml, ScenarioFormat.YAML, ScenarioReferences.UNCHECKED);

        assertThat(fromJson.load().connections()).isEqualTo(connections);
        assertThat(fromYaml).isEqualTo(fromJson);
        String encoded = ScenarioCodec.encode(fromJson);
        assertThat(encoded).contains("\"connections\":\"" + connections.wireName() + "\"");
        assertThat(ScenarioCodec.decode(encoded)).isEqualTo(fromJson);
    }

    @Test
    void absentMeansTheModelsDefaultAndIsNotWrittenBack() {
        Scenario closed = ScenarioCodec.decode(ScenarioCodecTest.README_EXAMPLE);
        Scenario open = ScenarioCodec.decode(
                ScenarioCodecTest.README_EXAMPLE.replace("\"closed\", \"users\": 32", "\"open\", \"rate\": 5"));

        assertThat(closed.load().connections()).isNull();
        assertThat(closed.load().connectionsOrDefault()).isEqualTo(Connections.PER_USER);
        assertThat(open.load().connectionsOrDefault()).isEqualTo(Connections.SHARED);
        assertThat(ScenarioCodec.encode(closed)).doesNotContain("connections");
    }

    @Test
    void aSearchsProbesKeepTheChoice() {
        Load search = new Load(
                LoadModel.SEARCH,
                null,
                10.0,
                null,
                java.time.Duration.ofSeconds(5),
                null,
                null,
                null,
                null,
                Connections.CLOSE_EACH);

        assertThat(search.probe(20).connectionsOrDefault()).isEqualTo(Connections.CLOSE_EACH);
        assertThat(new Load(LoadModel.SEARCH, null, 10.0, null, java.time.Duration.ofSeconds(5))
                        .probe(20)
                        .connectionsOrDefault())
                .isEqualTo(Connections.SHARED);
    }

    @Test
    void perUserIsAllowedWithTheOpenModel() {
        Scenario open = ScenarioCodec.decode(ScenarioCodecTest.README_EXAMPLE.replace(
                "\"closed\", \"users\": 32", "\"open\", \"rate\": 5, \"connections\": \"per-user\""));

        assertThat(open.load().connectionsOrDefault()).isEqualTo(Connections.PER_USER);
    }

    @Test
    void anUnknownValueNamesTheFieldAndTheValuesAllowed() {
        String json = ScenarioCodecTest.README_EXAMPLE.replace(
                "\"duration\": \"10s\"}", "\"duration\": \"10s\", \"connections\": \"keep-alive\"}");

        assertThatThrownBy(() -> ScenarioCodec.decode(json)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            FieldError error = e.errors().get(0);
            assertThat(error.field()).isEqualTo("$.load.connections");
            assertThat(error.message())
                    .isEqualTo("cannot take the value \"keep-alive\": must be one of per-user, shared, close-each");
        });
    }

    @Test
    void anUnknownValueInYamlNamesTheSameField() {
        String yaml = """
                name: y
                target: {baseUrl: "http://127.0.0.1:9000"}
                workload: {requests: [{name: io, path: /io}]}
                load: {model: closed, users: 2, duration: 10s, connections: pooled}
                """;

        assertThatThrownBy(() -> ScenarioCodec.decode(yaml, ScenarioFormat.YAML, ScenarioReferences.UNCHECKED))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo("$.load.connections");
                            assertThat(error.message()).contains("per-user, shared, close-each");
                        }));
    }

    @Test
    void aRequestsOwnConnectionHeaderIsRefusedOnceTheChoiceIsMade() {
        String chosen = """
                {"name": "h", "target": {"baseUrl": "http://127.0.0.1:9000"},
                 "workload": {"requests": [{"name": "hello", "path": "/hello", "headers": {"connection": "keep-alive"}}]},
                 "load": {"model": "closed", "users": 2, "duration": "5s", "connections": "close-each"}}
                """;

        assertThatThrownBy(() -> ScenarioCodec.decode(chosen))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo("$.workload.requests[0].headers.connection");
                            assertThat(error.message()).contains("$.load.connections");
                        }));
        // Without a choice the header is the scenario's business, as before.
        assertThat(ScenarioCodec.decode(chosen.replace(", \"connections\": \"close-each\"", ""))
                        .load()
                        .connections())
                .isNull();
    }

    @Test
    void closeEachIsRefusedOverHttp2() {
        String json = """
                {"name": "h2", "target": {"baseUrl": "https://localhost", "http2": true},
                 "workload": {"requests": [{"name": "hello", "path": "/hello"}]},
                 "load": {"model": "closed", "users": 2, "duration": "5s", "connections": "close-each"}}
                """;

        assertThatThrownBy(() -> ScenarioCodec.decode(json))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo("$.load.connections");
                            assertThat(error.message()).contains("HTTP/2");
                        }));
        assertThat(ScenarioCodec.decode(json.replace("close-each", "shared"))
                        .load()
                        .connections())
                .isEqualTo(Connections.SHARED);
    }
}
