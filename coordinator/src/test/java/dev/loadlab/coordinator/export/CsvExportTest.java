package dev.loadlab.coordinator.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loadlab.coordinator.model.RunView;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvExportTest {
    @Test
    void oneRowPerStepAndPerRequestNameReadBackByAnRfc4180Reader() {
        RunView run = ExportFixtures.run();

        String csv = CsvExport.write(run);
        List<List<String>> rows = Rfc4180.parse(csv);

        assertThat(csv).endsWith("\r\n");
        assertThat(rows.get(0)).isEqualTo(CsvExport.COLUMNS);
        assertThat(rows).hasSize(1 + 3 * 3).allSatisfy(row -> assertThat(row).hasSize(CsvExport.COLUMNS.size()));
        assertThat(rows.subList(1, rows.size()).stream().map(r -> r.get(0)))
                .containsExactly(
                        "step", "request", "request", "step", "request", "request", "step", "request", "request");
        List<String> step1 = rows.get(4);
        assertThat(step1)
                .containsExactly(
                        "step",
                        "1",
                        "",
                        "threaded",
                        "2",
                        "0",
                        "SUCCEEDED",
                        "1000",
                        "1",
                        "100.0",
                        "10",
                        "20",
                        "150",
                        "155",
                        "10.0",
                        "false",
                        "false",
                        "failed");
        assertThat(rows.get(1).get(17)).isEqualTo("passed");
        assertThat(rows.get(7).get(15)).isEqualTo("true");
        assertThat(rows.get(7).get(17)).isEqualTo("inconclusive");
    }

    @Test
    void aHostileRequestNameSurvivesQuotingWithItsCommaQuoteAndNewline() {
        List<List<String>> rows = Rfc4180.parse(CsvExport.write(ExportFixtures.run()));

        List<String> hostile = rows.get(3);
        assertThat(hostile.get(0)).isEqualTo("request");
        assertThat(hostile.get(2)).isEqualTo(ExportFixtures.HOSTILE);
        assertThat(hostile.subList(7, 14)).containsExactly("400", "0", "40.0", "5", "6", "7", "9");
        assertThat(hostile.get(17)).isEmpty();
        assertThat(CsvExport.field("a,\"b\"\nc")).isEqualTo("\"a,\"\"b\"\"\nc\"");
        assertThat(CsvExport.field("plain")).isEqualTo("plain");
    }
}
