package dev.loadlab.coordinator.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.model.DatasetTable;
import dev.loadlab.protocol.message.DatasetSlice;
import dev.loadlab.protocol.scenario.DatasetRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetSlicesTest {
    private static DatasetTable table(int rows) {
        return new DatasetTable(
                "d",
                "csv",
                List.of("n"),
                IntStream.range(0, rows)
                        .mapToObj(i -> List.of(Integer.toString(i)))
                        .toList(),
                0);
    }

    @ParameterizedTest(name = "{0} rows over {1} agents")
    @CsvSource({"10, 3", "3, 5", "0, 2", "100000, 7", "1, 1", "9, 9"})
    void queueSlicesAreContiguousDisjointAndTogetherEveryRowOnce(int rows, int agents) {
        DatasetTable table = table(rows);
        List<String> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < agents; i++) {
            DatasetSlice slice = DatasetSlices.slice(table, DatasetRef.Strategy.QUEUE, agents, i);
            assertThat(slice.rows()).hasSize((int) ((long) (i + 1) * rows / agents - (long) i * rows / agents));
            for (List<String> row : slice.rows()) {
                assertThat(seen.add(row.get(0))).as("row %s in two slices", row).isTrue();
                all.add(row.get(0));
            }
        }
        // Concatenated in agent order, the slices are the dataset itself: contiguous, nothing lost or repeated.
        assertThat(all).isEqualTo(table.rows().stream().map(r -> r.get(0)).toList());
    }

    @ParameterizedTest
    @CsvSource({"CIRCULAR", "RANDOM"})
    void everyOtherStrategyGivesEachAgentEveryRow(DatasetRef.Strategy strategy) {
        DatasetTable table = table(10);
        for (int i = 0; i < 3; i++) {
            DatasetSlice slice = DatasetSlices.slice(table, strategy, 3, i);
            assertThat(slice.rows()).isEqualTo(table.rows());
            assertThat(slice.columns()).containsExactly("n");
        }
    }
}
