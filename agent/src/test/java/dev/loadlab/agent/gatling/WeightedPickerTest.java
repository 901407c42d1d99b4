package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedPickerTest {
    @Test
    void everyTicketMapsToItsBandSoShareIsExactlyTheWeight() {
        WeightedPicker picker = new WeightedPicker(List.of(80, 20));
        int[] counts = new int[2];
        // Each of the 100 tickets is drawn with equal probability, so counting the bands is the exact expectation.
        for (long ticket = 0; ticket < 100; ticket++) {
            counts[picker.indexOf(ticket)]++;
        }
        assertThat(counts).containsExactly(80, 20);
    }

    @Test
    void bandBoundsBelongToTheNextBand() {
        WeightedPicker picker = new WeightedPicker(List.of(1, 2, 3));
        assertThat(picker.indexOf(0)).isZero();
        assertThat(picker.indexOf(1)).isEqualTo(1);
        assertThat(picker.indexOf(2)).isEqualTo(1);
        assertThat(picker.indexOf(3)).isEqualTo(2);
        assertThat(picker.indexOf(5)).isEqualTo(2);
    }

    @Test
    void randomPicksFollowTheWeights() {
        WeightedPicker picker = new WeightedPicker(List.of(3, 1));
        SplittableRandom random = new SplittableRandom(42);
        int first = 0;
        int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            if (picker.pick(random) == 0) {
                first++;
            }
        }
        assertThat(first / (double) draws).isBetween(0.74, 0.76);
    }

    @Test
    void aSingleRequestIsAlwaysPicked() {
        WeightedPicker picker = new WeightedPicker(List.of(7));
        assertThat(picker.pick(new SplittableRandom(1))).isZero();
        assertThat(picker.size()).isEqualTo(1);
    }

    @Test
    void refusesEmptyOrNonPositiveWeights() {
        assertThatThrownBy(() -> new WeightedPicker(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights");
        assertThatThrownBy(() -> new WeightedPicker(List.of(1, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weights[1] must be >= 1, was 0");
    }
}
