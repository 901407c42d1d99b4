package dev.loadlab.coordinator.steady;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalTest {
    @ParameterizedTest
    @CsvSource({
        "0, 1",
        "0.5, 0.4795001221869535",
        "1, 0.15729920705028513",
        "1.3859038243496777, 0.05", // 1.959964 / sqrt 2: the two-sided 5% point
        "2, 0.004677734981047265",
        "3, 2.2090496998585438e-05",
        "5, 1.5374597944280351e-12",
        "8, 1.1224297172982928e-29",
        "-1, 1.8427007929497148"
    })
    void erfcMatchesReferenceValues(double x, double expected) {
        assertThat(Normal.erfc(x)).isCloseTo(expected, within(Math.abs(expected) * 1e-9));
    }
}
