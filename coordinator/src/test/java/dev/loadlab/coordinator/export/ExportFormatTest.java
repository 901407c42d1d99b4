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
        assertThat(ExportFormat.parse(" Html ")).isEqualTo(ExportFormat.HTML);
        assertThat(ExportFormat.HTML.fileName("r")).isEqualTo("loadlab-run-r.html");
        assertThat(ExportFormat.HTML.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThatThrownBy(() -> ExportFormat.parse("pdf"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                            assertThat(error.field()).isEqualTo("format");
                            assertThat(error.message())
                                    .contains("csv, junit, hlog, html")
                                    .contains("pdf");
                        }));
        assertThatThrownBy(() -> ExportFormat.parse(null)).isInstanceOf(InvalidInputException.class);
    }
}
