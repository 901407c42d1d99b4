package dev.loadlab.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
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
}
