package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.message.DatasetSlice;
import dev.loadlab.protocol.scenario.DatasetRef;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DatasetFeederTest {
    private final SplittableRandom random = new SplittableRandom(7);
    private final DatasetSlice slice = new DatasetSlice(
            "shoppers", List.of("user", "sku"), List.of(List.of("u0", "s0"), List.of("u1", "s1"), List.of("u2", "s2")));

    @Test
    void circularWalksTheRowsInOrderAndStartsOver() {
        DatasetFeeder feeder = new DatasetFeeder(slice, DatasetRef.Strategy.CIRCULAR);
        assertThat(feeder.next(random)).isEqualTo(Map.of("user", "u0", "sku", "s0"));
        assertThat(feeder.next(random)).containsEntry("user", "u1");
        assertThat(feeder.next(random)).containsEntry("user", "u2");
        assertThat(feeder.next(random)).containsEntry("user", "u0");
    }

    @Test
    void randomDrawsEveryRowSometimes() {
        DatasetFeeder feeder = new DatasetFeeder(slice, DatasetRef.Strategy.RANDOM);
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(feeder.next(random).get("user"));
        }
        assertThat(seen).containsExactlyInAnyOrder("u0", "u1", "u2");
    }

    @Test
    void queueGivesEachRowOnceThenNothingAndSaysSo() {
        DatasetFeeder feeder = new DatasetFeeder(slice, DatasetRef.Strategy.QUEUE);
        assertThat(feeder.next(random)).containsEntry("user", "u0");
        assertThat(feeder.next(random)).containsEntry("user", "u1");
        assertThat(feeder.next(random)).containsEntry("user", "u2");
        assertThat(feeder.next(random)).isNull();
        assertThat(feeder.next(random)).isNull();
        assertThat(feeder.ranOutNote()).isEqualTo("dataset shoppers ran out after 3 rows");
        assertThat(new DatasetFeeder(new DatasetSlice("empty", List.of("a"), List.of()), DatasetRef.Strategy.CIRCULAR)
                        .next(random))
                .isNull();
    }
}
