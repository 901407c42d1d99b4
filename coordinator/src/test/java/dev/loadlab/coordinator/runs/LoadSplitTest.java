package dev.loadlab.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.protocol.scenario.Load;
import dev.loadlab.protocol.scenario.LoadModel;
import dev.loadlab.protocol.scenario.Stage;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadSplitTest {
    @ParameterizedTest
    @CsvSource({"32,1", "32,3", "10,4", "7,7", "10000,64", "65,64"})
    void usersAreSplitExactlyWithTheRemainderSpread(int total, int agents) {
        int[] shares = IntStream.range(0, agents)
                .map(i -> LoadSplit.users(total, agents, i))
                .toArray();

        assertThat(IntStream.of(shares).sum()).isEqualTo(total);
        assertThat(IntStream.of(shares).max().orElseThrow()
                        - IntStream.of(shares).min().orElseThrow())
                .isLessThanOrEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"100,3", "12.5,2", "1,64"})
    void rateIsSplitIntoEqualParts(double total, int agents) {
        assertThat(LoadSplit.rate(total, agents) * agents).isCloseTo(total, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aStagedLoadIsNotSplitHere() {
        List<Stage> stages = List.of(
                new Stage(20, null, Duration.ofSeconds(10), null), new Stage(20, null, null, Duration.ofSeconds(30)));
        Load closed = new Load(LoadModel.CLOSED, null, null, Duration.ofSeconds(5), null, null, null, null, stages);
        Load open = new Load(
                LoadModel.OPEN,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new Stage(null, 50.0, Duration.ofSeconds(10), Duration.ofSeconds(10))));

        assertThat(LoadSplit.usersOrNull(closed, 3, 0)).isNull();
        assertThat(LoadSplit.rateOrNull(closed, 3)).isNull();
        assertThat(LoadSplit.rateOrNull(open, 3)).isNull();
        assertThat(closed.duration()).isEqualTo(Duration.ofSeconds(35));
    }
}
