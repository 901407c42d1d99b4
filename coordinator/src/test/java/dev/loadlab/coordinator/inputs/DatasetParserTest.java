package dev.loadlab.coordinator.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.coordinator.model.DatasetTable;
import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetParserTest {
    @Test
    void csvFollowsRfc4180Quoting() {
        String csv = "user,password,note\r\n"
                + "ann,\"p,w\",\"she said \"\"hi\"\"\"\r\n"
                + "bob,x,\"two\nlines\"\n"
                + "\n"
                + "cy,,last";
        DatasetTable table = DatasetParser.parse("d", "csv", csv, "$.content");

        assertThat(table.columns()).containsExactly("user", "password", "note");
        assertThat(table.rows())
                .containsExactly(
                        List.of("ann", "p,w", "she said \"hi\""),
                        List.of("bob", "x", "two\nlines"),
                        List.of("cy", "", "last"));
        assertThat(table.bytes()).isEqualTo(csv.length());
    }

    @Test
    void jsonLinesTakeTheFirstRowsKeysAndWriteOtherValuesAsJson() {
        String lines = "{\"user\":\"ann\",\"n\":1,\"tags\":[\"a\"]}\n{\"n\":2.5,\"tags\":null,\"user\":\"bob\"}\n";
        DatasetTable table = DatasetParser.parse("d", "jsonl", lines, "$");

        assertThat(table.columns()).containsExactly("user", "n", "tags");
        assertThat(table.rows()).containsExactly(List.of("ann", "1", "[\"a\"]"), List.of("bob", "2.5", "null"));
    }

    @Test
    void aRowWithOtherKeysIsRefusedNamingTheRow() {
        assertThatThrownBy(() -> DatasetParser.parse("d", "jsonl", "{\"a\":1}\n{\"b\":2}", "$.content"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("$.content.rows[1]"));
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        assertThatThrownBy(() -> DatasetParser.parse("d", "csv", "a\n\"open", "$.content"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("$.content.rows[0]"));
    }

    @Test
    void exactlyTheRowLimitIsAccepted() {
        StringBuilder csv = new StringBuilder("n\n");
        for (int i = 0; i < DatasetParser.MAX_ROWS; i++) {
            csv.append(i).append('\n');
        }
        assertThat(DatasetParser.parse("d", "csv", csv.toString(), "$").rows()).hasSize(DatasetParser.MAX_ROWS);
        csv.append("one-more\n");
        assertThatThrownBy(() -> DatasetParser.parse("d", "csv", csv.toString(), "$"))
                .hasMessageContaining("$.rows")
                .hasMessageContaining("100000");
    }
}
