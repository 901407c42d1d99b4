package dev.loadlab.coordinator.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.scenario.Slo;
import java.util.List;
import org.junit.jupiter.api.Test;

class SloVerdictTest {
    private static final Slo SLO = new Slo(100L, 0.01);

    @Test
    void aClosedModelStepIsJudgedOnP99AndErrorRateOnly() {
        SloVerdict met = SloVerdict.judge(SLO, null, new Measured(1000, 10, 5, 20, 100, 1.0, false));
        SloVerdict missed = SloVerdict.judge(SLO, null, new Measured(1000, 11, 5, 20, 101, 1.0, false));

        assertThat(met.met()).isTrue();
        assertThat(met.reasons()).isEmpty();
        assertThat(missed.met()).isFalse();
        assertThat(missed.reasons())
                .containsExactly("p99 101 ms is above the SLO's 100 ms", "error rate 1.10% is above the SLO's 1.00%");
    }

    @Test
    void anOpenModelStepMustAlsoServeNinetyPercentOfTheOfferedRate() {
        assertThat(SloVerdict.judge(SLO, 100.0, new Measured(900, 0, 90, 20, 30, 1.0, false))
                        .met())
                .isTrue();
        assertThat(SloVerdict.judge(SLO, 100.0, new Measured(890, 0, 89, 20, 30, 1.0, false))
                        .reasons())
                .containsExactly("served 89.0 of 100.0 offered requests/s (below 90%): the target is not keeping up");
    }

    @Test
    void aGeneratorBoundOrEmptyStepNeverMeetsIt() {
        assertThat(SloVerdict.judge(SLO, null, new Measured(1000, 0, 100, 20, 30, 1.0, true))
                        .reasons())
                .singleElement()
                .asString()
                .startsWith("the load generator was the bottleneck");
        assertThat(SloVerdict.judge(SLO, null, new Measured(0, 0, 0, 0, 0, null, false))
                        .reasons())
                .containsExactly("no response was measured");
    }

    @Test
    void figuresThatCannotBeTrustedAreInconclusiveNotPassedAndBrokenRulesOnTrustedOnesFail() {
        Measured fine = new Measured(1000, 0, 100, 20, 30, 1.0, false);
        assertThat(SloVerdict.judge(SLO, null, fine).outcome()).isEqualTo(SloVerdict.Outcome.PASSED);

        SloVerdict unsteady = SloVerdict.judge(SLO, null, fine, "throughput drifted +9.1 %");
        assertThat(unsteady.met()).isFalse();
        assertThat(unsteady.outcome()).isEqualTo(SloVerdict.Outcome.INCONCLUSIVE);
        assertThat(unsteady.reasons())
                .containsExactly("the measured window was not steady (throughput drifted +9.1 %), so no verdict can"
                        + " rest on it");

        SloVerdict bound = SloVerdict.judge(SLO, null, new Measured(1000, 0, 100, 20, 300, 1.0, true));
        assertThat(bound.outcome()).isEqualTo(SloVerdict.Outcome.INCONCLUSIVE);
        assertThat(bound.reasons()).hasSize(2);

        SloVerdict slow = SloVerdict.judge(SLO, null, new Measured(1000, 0, 100, 20, 300, 1.0, false), null);
        assertThat(slow.outcome()).isEqualTo(SloVerdict.Outcome.FAILED);
        assertThat(SloVerdict.judge(SLO, null, new Measured(0, 0, 0, 0, 0, null, false), "drifted")
                        .outcome())
                .as("nothing measured is a failure, whatever the steadiness")
                .isEqualTo(SloVerdict.Outcome.FAILED);
    }

    @Test
    void aSearchStepMeetsItWhenTheSearchFoundAKnee() {
        assertThat(SloVerdict.ofSearch(new SearchOutcome(90.0, 3, "converged", SLO, List.of())))
                .isEqualTo(new SloVerdict(SLO, true, List.of()));
        assertThat(SloVerdict.ofSearch(new SearchOutcome(null, null, "no probed rate met the SLO", SLO, List.of())))
                .isEqualTo(new SloVerdict(SLO, false, List.of("no probed rate met the SLO")));
    }
}
