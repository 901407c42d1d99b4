package dev.loadlab.protocol.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {
    @Test
    void splitsTextVariablesAndSecrets() {
        Template template = Template.parse("Bearer ${token} key=${secret:api-key} $$5");

        assertThat(template.parts())
                .containsExactly(
                        new Template.Text("Bearer "),
                        new Template.Variable("token"),
                        new Template.Text(" key="),
                        new Template.Secret("api-key"),
                        new Template.Text(" $5"));
        assertThat(template.variables()).containsExactly("token");
        assertThat(template.secrets()).containsExactly("api-key");
        assertThat(template.constant()).isFalse();
        assertThat(template.source()).isEqualTo("Bearer ${token} key=${secret:api-key} $$5");
    }

    @Test
    void rendersFromTheSessionAndTheSecrets() {
        Template template = Template.parse("/items/${id}?k=${secret:k}&again=${id}");

        assertThat(template.render(Map.of("id", "42")::get, Map.of("k", "s3")::get))
                .isEqualTo("/items/42?k=s3&again=42");
        assertThat(template.variables()).containsExactly("id");
    }

    @Test
    void aMissingValueNamesTheReferenceButNeverAValue() {
        Template template = Template.parse("${secret:k}${user}");

        assertThatThrownBy(() -> template.render(name -> null, Map.of("k", "hunter2")::get))
                .isInstanceOfSatisfying(Template.MissingValueException.class, e -> {
                    assertThat(e.reference()).isEqualTo("${user}");
                    assertThat(e.getMessage()).doesNotContain("hunter2");
                });
        assertThatThrownBy(() -> template.render(name -> "u", name -> null))
                .isInstanceOfSatisfying(Template.MissingValueException.class, e -> assertThat(e.reference())
                        .isEqualTo("${secret:k}"));
    }

    @Test
    void plainTextIsConstant() {
        assertThat(Template.parse("/io?ms=20").constant()).isTrue();
        assertThat(Template.parse("").parts()).isEmpty();
        assertThat(Template.parse("$$").render(n -> null, n -> null)).isEqualTo("$");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "cost $5|has a '$' at position 5",
                "${unclosed|has a '$' at position 0",
                "${}|names a variable \"\"",
                "${1abc}|names a variable \"1abc\"",
                "${a-b}|names a variable \"a-b\"",
                "${secret:}|names a secret \"\"",
                "${secret:-x}|names a secret \"-x\"",
                "trailing $|has a '$' at position 9",
            })
    void refusesWhatIsNotATemplate(String text, String message) {
        assertThatThrownBy(() -> Template.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
