package dev.loadlab.targethost.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void parsesEachEndpoint() {
        assertThat(Endpoint.parse("/hello", null)).isEqualTo(new Endpoint.Hello());
        assertThat(Endpoint.parse("/io", "ms=50")).isEqualTo(new Endpoint.Io(50));
        assertThat(Endpoint.parse("/cpu", "ms=0&cachebuster=123")).isEqualTo(new Endpoint.Cpu(0));
        assertThat(Endpoint.parse("/mixed", "cpu=2&io=8")).isEqualTo(new Endpoint.Mixed(8, 2));
        assertThat(Endpoint.parse("/io", "ms=%2060000")).isEqualTo(new Endpoint.Io(60_000));
    }

    @Test
    void otherPathsAreNotEndpoints() {
        assertThat(Endpoint.parse("/health", null)).isNull();
        assertThat(Endpoint.parse("/io/", "ms=1")).isNull();
    }

    @Test
    void badParametersNameTheParameterAndTheBound() {
        assertBad("/io", "ms=abc", "ms", "ms must be an integer between 0 and 60000, was 'abc'");
        assertBad("/io", "ms=-1", "ms", "ms must be between 0 and 60000, was -1");
        assertBad("/cpu", "ms=60001", "ms", "ms must be between 0 and 60000, was 60001");
        assertBad("/cpu", null, "ms", "ms is required: an integer between 0 and 60000");
        assertBad("/io", "ms=1&ms=2", "ms", "ms must be given once");
        assertBad("/mixed", "io=5", "cpu", "cpu is required: an integer between 0 and 60000");
        assertBad(
                "/mixed",
                "io=99999999999999999999&cpu=1",
                "io",
                "io must be an integer between 0 and 60000, was " + "'99999999999999999999'");
    }

    @Test
    void aLongBadValueIsEchoedShortened() {
        String value = "x".repeat(1_000);
        assertThatThrownBy(() -> Endpoint.parse("/io", "ms=" + value))
                .hasMessageEndingWith("was '" + "x".repeat(32) + "...'");
    }

    private static void assertBad(String path, String query, String parameter, String message) {
        assertThatThrownBy(() -> Endpoint.parse(path, query))
                .isInstanceOfSatisfying(BadParameterException.class, e -> assertThat(e.parameter())
                        .isEqualTo(parameter))
                .hasMessage(message);
    }
}
