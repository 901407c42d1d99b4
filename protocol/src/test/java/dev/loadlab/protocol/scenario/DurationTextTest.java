package dev.loadlab.protocol.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
    @ParameterizedTest
    @CsvSource({"500ms,500", "2s,2000", "1m,60000", "1m30s,90000", "1h,3600000", "0s,0", "1h1m1s,3661000"})
    void parsesAndFormatsBack(String text, long millis) {
        Duration parsed = DurationText.parse(text);

        assertThat(parsed.toMillis()).isEqualTo(millis);
        assertThat(DurationText.parse(DurationText.format(parsed))).isEqualTo(parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "10", "-1s", "1.5s", "10 s", "PT10S", "s"})
    void refusesAnythingElseNamingTheAcceptedForms(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"10s\"");
    }
}
