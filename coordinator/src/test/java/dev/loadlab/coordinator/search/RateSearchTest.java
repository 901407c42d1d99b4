package dev.loadlab.coordinator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Slo;
import java.time.Duration;
import java.util.List;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

class RateSearchTest {
    private static final Slo SLO = new Slo(100L, 0.01);

    @Test
    void rampsByDoublingThenBisectsToTheCapacityWithinThePrecision() {
        RateSearch search = new RateSearch(search(10, 5000, 0.05, 20), SLO);

        List<Probe> probes = runAgainst(search, rate -> rate <= 137);

        assertThat(probes.stream().limit(6).map(Probe::rateRps)).containsExactly(10.0, 20.0, 40.0, 80.0, 160.0, 120.0);
        SearchOutcome outcome = search.outcome();
        assertThat(outcome.kneeRateRps()).isLessThanOrEqualTo(137).isCloseTo(137, within(137 * 0.05));
        assertThat(outcome.note()).startsWith("converged: ").contains("within 5%");
        assertThat(probes.get(outcome.kneeProbe() - 1).rateRps()).isEqualTo(outcome.kneeRateRps());
    }

    @Test
    void aFailingFirstProbeHalvesUntilOnePasses() {
        RateSearch search = new RateSearch(search(400, 5000, 0.1, 20), SLO);

        List<Probe> probes = runAgainst(search, rate -> rate <= 30);

        assertThat(probes.stream().limit(5).map(Probe::rateRps)).containsExactly(400.0, 200.0, 100.0, 50.0, 25.0);
        assertThat(search.outcome().kneeRateRps()).isCloseTo(30, within(3.0)).isLessThanOrEqualTo(30);
    }

    @Test
    void holdingAtMaxRateSaysTheLimitIsHigher() {
        RateSearch search = new RateSearch(search(10, 50, 0.05, 20), SLO);

        List<Probe> probes = runAgainst(search, rate -> true);

        assertThat(probes).extracting(Probe::rateRps).containsExactly(10.0, 20.0, 40.0, 50.0);
        assertThat(search.outcome().kneeRateRps()).isEqualTo(50.0);
        assertThat(search.outcome().note()).contains("the target's limit is above it");
    }

    @Test
    void nothingMeetingTheSloHasNoKnee() {
        RateSearch search = new RateSearch(search(8, 5000, 0.05, 20), SLO);

        runAgainst(search, rate -> false);

        assertThat(search.outcome().kneeRateRps()).isNull();
        assertThat(search.outcome().kneeProbe()).isNull();
        assertThat(search.outcome().note()).startsWith("no probed rate met the SLO; the lowest, 1.0/s");
    }

    @Test
    void maxProbesBoundsTheSearchAndTheNoteGivesTheBracket() {
        RateSearch search = new RateSearch(search(10, 5000, 0.01, 6), SLO);

        List<Probe> probes = runAgainst(search, rate -> rate <= 137);

        assertThat(probes).hasSize(6);
        assertThat(search.outcome().note())
                .isEqualTo("stopped after 6 probes (load.maxProbes): the limit is between"
                        + " 120.0/s (met the SLO) and 160.0/s (did not)");
        assertThat(search.outcome().kneeRateRps()).isEqualTo(120.0);
    }

    @Test
    void bisectsTheBracketAndAProbeThatServesTooLittleFailsEvenWithAGoodP99() {
        RateSearch search = new RateSearch(search(10, 5000, 0.05, 20), SLO);
        passes(search); // 10
        passes(search); // 20
        passes(search); // 40
        fails(search); // 80
        passes(search); // 60
        fails(search); // 70
        assertThat(search.nextRate()).hasValue(65.0);
        fails(search); // 65
        assertThat(search.nextRate()).hasValue(62.5);
        Probe starved = search.record(new Measured(180, 0, 40, 20, 20, null, false));

        assertThat(starved.passed()).isFalse();
        assertThat(search.nextRate()).isEmpty();
        assertThat(search.outcome().kneeRateRps()).isEqualTo(60.0);
        assertThat(search.outcome().kneeProbe()).isEqualTo(5);
    }

    @Test
    void judgesEachSloRuleAndSaysWhy() {
        Probe slow = Probe.judge(1, 100, new Measured(1000, 0, 100, 20, 250, 1.5, false), SLO);
        Probe erring = Probe.judge(2, 100, new Measured(1000, 50, 100, 20, 30, 1.5, false), SLO);
        Probe behind = Probe.judge(3, 100, new Measured(1000, 0, 70, 20, 30, 1.5, false), SLO);
        Probe bound = Probe.judge(4, 100, new Measured(1000, 0, 100, 20, 30, 1.5, true), SLO);
        Probe fine = Probe.judge(5, 100, new Measured(1000, 10, 95, 20, 100, 1.5, false), SLO);

        assertThat(slow.reasons()).containsExactly("p99 250 ms is above the SLO's 100 ms");
        assertThat(erring.reasons()).containsExactly("error rate 5.00% is above the SLO's 1.00%");
        assertThat(behind.reasons())
                .containsExactly("served 70.0 of 100.0 offered requests/s (below 90%): the target is not keeping up");
        assertThat(bound.passed()).isFalse();
        assertThat(bound.reasons()).singleElement().asString().contains("load generator was the bottleneck");
        assertThat(fine.passed()).isTrue();
        assertThat(fine.reasons()).isEmpty();
    }

    private static List<Probe> runAgainst(RateSearch search, DoublePredicate meetsSlo) {
        while (search.nextRate().isPresent()) {
            if (meetsSlo.test(search.nextRate().getAsDouble())) {
                passes(search);
            } else {
                fails(search);
            }
        }
        return search.outcome().probes();
    }

    private static void passes(RateSearch search) {
        double rate = search.nextRate().orElseThrow();
        search.record(new Measured((long) (rate * 3), 0, rate, 20, 25, 1.0, false));
    }

    private static void fails(RateSearch search) {
        double rate = search.nextRate().orElseThrow();
        search.record(new Measured((long) (rate * 3), 0, rate, 20, 900, 2.0, false));
    }

    private static Load search(double rate, double maxRate, double precision, int maxProbes) {
        return new Load(
                LoadModel.SEARCH,
                null,
                rate,
                Duration.ofSeconds(1),
                Duration.ofSeconds(3),
                maxRate,
                precision,
                maxProbes);
    }
}
