package dev.loadlab.targethost.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.control.Problem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PUT /control/config body as the host reads it: Jackson through the protocol record, every refusal a pointer. */
class ConfigRequestReaderTest {
    private static final ProfileCatalog CATALOG = ProfileCatalog.builtIn();

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"profile\":\"async\",\"workers\":|''|malformed JSON",
                "{\"profile\":\"async\",\"profile\":\"green\",\"workers\":1}|''|malformed JSON",
                "{\"profile\":\"async\",\"workers\":2,\"colour\":\"red\"}|/colour|unknown field 'colour'; a"
                        + " configuration has only profile and workers",
                "{\"profile\":\"async\",\"workers\":2,\"x\":{\"nested\":true}}|/x|unknown field 'x'",
                "{\"profile\":{\"name\":\"async\"},\"workers\":2}|/profile|profile is required: a string, one of"
                        + " [multi-process",
                "{\"workers\":2}|/profile|profile is required: a string",
                "{\"profile\":\"nope\",\"workers\":2}|/profile|profile must be one of [multi-process, threaded-gil,"
                        + " threaded, async, green], was 'nope'",
                "{\"profile\":\"async\",\"workers\":[2]}|/workers|workers is required: an integer between 1 and 64",
                "{\"profile\":\"async\",\"workers\":\"2\"}|/workers|workers is required: an integer between 1 and 64",
                "{\"profile\":\"async\"}|/workers|workers is required: an integer between 1 and 64",
                "{\"profile\":\"async\",\"workers\":0}|/workers|workers must be between 1 and 64, was 0",
                "{\"profile\":\"async\",\"workers\":65}|/workers|workers must be between 1 and 64, was 65",
            })
    void aBadBodyIsRefusedNamingTheField(String body, String pointer, String detail) {
        ConfigRequestReader.Outcome outcome = ConfigRequestReader.read(body, CATALOG);

        assertThat(outcome).isInstanceOf(ConfigRequestReader.Refused.class);
        Problem problem = ((ConfigRequestReader.Refused) outcome).problem();
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.pointer()).isEqualTo(pointer);
        assertThat(problem.detail()).startsWith(detail);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"profile\":\"threaded-gil\",\"workers\":4}|threaded-gil|4",
                " { \"workers\": 64, \"profile\": \"green\" } |green|64"
            })
    void aGoodBodyIsAccepted(String body, String profile, int workers) {
        assertThat(ConfigRequestReader.read(body, CATALOG)).isEqualTo(new ConfigRequestReader.Valid(profile, workers));
    }
}
