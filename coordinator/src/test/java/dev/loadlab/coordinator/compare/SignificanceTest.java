package dev.loadlab.coordinator.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.Json;
import org.junit.jupiter.api.Test;

class SignificanceTest {
    private static final double[] BASE = {100, 102, 98, 101, 99, 100, 103, 97};

    @Test
    void higherCandidateThroughputIsAnImprovement() {
        Significance.Outcome outcome = Significance.assess(BASE, new double[] {120, 118, 122, 121, 119, 117, 123, 120});

        assertThat(outcome.verdict()).isEqualTo(Verdict.IMPROVED);
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.test().pValue()).isLessThan(0.05);
        assertThat(outcome.test().baselineSamples()).isEqualTo(8);
        assertThat(outcome.test().candidateSamples()).isEqualTo(8);
        assertThat(outcome.test().baselineMedianRps()).isEqualTo(100);
        assertThat(outcome.test().candidateMedianRps()).isEqualTo(120);
    }

    @Test
    void lowerCandidateThroughputIsARegression() {
        Significance.Outcome outcome = Significance.assess(BASE, new double[] {80, 82, 79, 81, 80, 78, 83, 80});

        assertThat(outcome.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(outcome.test().z()).isNegative();
    }

    @Test
    void theSameSamplesAreNoSignificantChange() {
        Significance.Outcome outcome = Significance.assess(BASE, BASE.clone());

        assertThat(outcome.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
        assertThat(outcome.test().pValue()).isEqualTo(1.0);
    }

    @Test
    void overlappingSamplesAreNoSignificantChange() {
        // Hand-computed in MannWhitneyTest: p = 0.1015 >= 0.05.
        Significance.Outcome outcome = Significance.assess(new double[] {1, 2, 2, 3, 3}, new double[] {2, 3, 3, 4, 5});

        assertThat(outcome.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
        assertThat(outcome.test().pValue()).isBetween(0.10, 0.11);
    }

    @Test
    void fewerThanFiveSamplesOnEitherSideIsInsufficientDataWithTheReason() {
        Significance.Outcome outcome = Significance.assess(BASE, new double[] {200, 210, 220, 230});

        assertThat(outcome.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(outcome.reason()).contains("8", "4", "at least 5");
        assertThat(outcome.test().pValue()).isNull();
        assertThat(outcome.test().candidateSamples()).isEqualTo(4);
    }

    @Test
    void noSamplesAtAllIsInsufficientData() {
        Significance.Outcome outcome = Significance.assess(new double[0], new double[0]);

        assertThat(outcome.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(outcome.test().baselineMedianRps()).isNull();
    }

    @Test
    void equalMediansTakeTheDirectionFromTheRanks() {
        // Same median (10) on both sides, but every other candidate value is far above every baseline value.
        double[] base = {1, 2, 3, 4, 5, 10, 10, 10, 10, 10, 10};
        double[] cand = {10, 10, 10, 10, 10, 10, 20, 21, 22, 23, 24};
        Significance.Outcome outcome = Significance.assess(base, cand);

        assertThat(outcome.test().baselineMedianRps()).isEqualTo(outcome.test().candidateMedianRps());
        assertThat(outcome.test().pValue()).isLessThan(0.05);
        assertThat(outcome.verdict()).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void theVerdictIsWrittenInWords() {
        assertThat(Verdict.NO_SIGNIFICANT_CHANGE.words()).isEqualTo("no significant change");
        assertThat(Verdict.INSUFFICIENT_DATA.words()).isEqualTo("insufficient data");
        assertThat(Json.write(Verdict.IMPROVED)).isEqualTo("\"improved\"");
    }
}
