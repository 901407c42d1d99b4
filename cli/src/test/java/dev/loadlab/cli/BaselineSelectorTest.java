package dev.loadlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code --baseline}: a run id or {@code label:KEY=VALUE}, and errors that name the option and what was expected. */
class BaselineSelectorTest {
    @Test
    void aLabelSelectorIsWrittenAsTheApiWritesLabels() {
        BaselineSelector selector = BaselineSelector.parse("label:branch=main");
        assertThat(selector.byLabel()).isTrue();
        assertThat(selector.label()).isEqualTo("branch:main");
        assertThat(selector).hasToString("label:branch=main");
        // The value is everything after the first '=', colons and '=' included.
        assertThat(BaselineSelector.parse("label:ref=refs/tags/v1=rc:2").label())
                .isEqualTo("ref:refs/tags/v1=rc:2");
    }

    @Test
    void aRunIdIsTakenAsItIs() {
        BaselineSelector selector = BaselineSelector.parse(" 520F9569-28b8-4c0e-836a-830e487b357f ");
        assertThat(selector.byLabel()).isFalse();
        assertThat(selector.runId()).isEqualTo("520f9569-28b8-4c0e-836a-830e487b357f");
    }

    @Test
    void whatIsNeitherIsRefusedNamingTheOptionAndTheShape() {
        assertThatThrownBy(() -> BaselineSelector.parse("x"))
                .isInstanceOf(CliException.class)
                .hasMessage("--baseline: expected label:KEY=VALUE or a run id, was 'x'");
        assertThatThrownBy(() -> BaselineSelector.parse("label:branch"))
                .hasMessage("--baseline: expected label:KEY=VALUE, was 'label:branch'");
        assertThatThrownBy(() -> BaselineSelector.parse("label:branch:main"))
                .hasMessage("--baseline: expected label:KEY=VALUE, was 'label:branch:main'");
        assertThatThrownBy(() -> BaselineSelector.parse("label:=main"))
                .hasMessageStartingWith("--baseline: the label key must be 1 to 40 letters")
                .hasMessageEndingWith("was '' in 'label:=main'");
        assertThatThrownBy(() -> BaselineSelector.parse("label:br anch=main")).hasMessageContaining("was 'br anch'");
        assertThatThrownBy(() -> BaselineSelector.parse("label:branch="))
                .hasMessage("--baseline: the value of label branch must be 1 to 100 characters, was '' in"
                        + " 'label:branch='");
        assertThatThrownBy(() -> BaselineSelector.parse("")).hasMessageStartingWith("--baseline: expected");
        assertThat(((CliException) catchThrowable("x")).exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }

    private static Throwable catchThrowable(String raw) {
        try {
            BaselineSelector.parse(raw);
            return null;
        } catch (CliException e) {
            return e;
        }
    }
}
