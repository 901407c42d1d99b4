package dev.loadlab.coordinator.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.protocol.InvalidInputException;
import org.junit.jupiter.api.Test;

class ExportFormatTest {
    @Test
    void namesAreCaseInsensitiveAndAnUnknownOneNamesTheFieldAndTheAllowedValues() {
        assertThat(ExportFormat.parse("CSV")).isEqualTo(ExportFormat.CSV);
        assertThat(ExportFormat.parse("junit")).isEqualTo(ExportFormat.JUNIT);
        assertThat(ExportFormat.parse("hlog").fileName("r")).isEqualTo("loadlab-run-r.hlog");
        assertThatThrownBy(() -> ExportFormat.parse("pdf"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo("format");
                            assertThat(error.message())
                                    .contains("csv, junit, hlog")
                                    .contains("pdf");
                        }));
        assertThatThrownBy(() -> ExportFormat.parse(null)).isInstanceOf(InvalidInputException.class);
    }
}
