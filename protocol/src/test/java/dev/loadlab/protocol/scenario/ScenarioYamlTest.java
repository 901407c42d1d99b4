package dev.loadlab.protocol.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.protocol.FieldError;
import dev.loadlab.protocol.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** YAML goes through the same records, rules and error paths as JSON; anchors, aliases and huge documents do not. */
class ScenarioYamlTest {
    @Test
    void theSpecExampleInYamlEqualsItInJson() {
        Scenario yaml = ScenarioCodec.decode(Fixtures.SHOP_YAML, ScenarioFormat.YAML, Fixtures.STORES);
        Scenario json = ScenarioCodec.decode(Fixtures.SHOP_JSON, ScenarioFormat.JSON, Fixtures.STORES);

        assertThat(yaml).isEqualTo(json);
        assertThat(ScenarioCodec.decode(ScenarioCodec.encode(yaml))).isEqualTo(json);
    }

    @Test
    void aV1ScenarioReadsTheSameInYaml() {
        String yaml = """
                name: mixed-80-20
                target: {baseUrl: "http://127.0.0.1:9000"}
                workload:
                  requests:
                    - {name: io, method: GET, path: "/io?ms=20", weight: 80}
                    - {name: cpu, method: GET, path: "/cpu?ms=5", weight: 20}
                load: {model: closed, users: 32, warmup: 2s, duration: 10s}
                agents: 1
                """;

        assertThat(ScenarioCodec.decode(yaml, ScenarioFormat.YAML, ScenarioReferences.UNCHECKED))
                .isEqualTo(ScenarioCodec.decode(ScenarioCodecTest.README_EXAMPLE));
    }

    @Test
    void unknownFieldsAndBadValuesNameTheFieldAsInJson() {
        assertThat(yamlErrors(Fixtures.SHOP_YAML.replace("      weight: 1\n", "      weight: 1\n      wieght: 2\n")))
                .extracting(FieldError::field)
                .containsExactly("$.workload.flows[0].wieght");
        assertThat(yamlErrors(Fixtures.SHOP_YAML.replace("warmup: 5s", "warmup: soon")))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("$.load.warmup");
                    assertThat(e.message()).contains("expected a duration such as");
                });
        assertThat(yamlErrors(Fixtures.SHOP_YAML.replace("{users: 20, hold: 30s}", "{users: many, hold: 30s}")))
                .extracting(FieldError::field)
                .containsExactly("$.load.stages[1].users");
        assertThat(yamlErrors(Fixtures.SHOP_YAML.replace("/items/.+", "(")))
                .extracting(FieldError::field)
                .containsExactly("$.workload.flows[0].steps[2].checks[1].matches");
    }

    @Test
    void anchorsAndAliasesAreRefusedAtTheirField() {
        String aliased = Fixtures.SHOP_YAML
                .replace("{exponential: 200ms}", "&think {exponential: 200ms}")
                .replace("{pause: {uniform: [100ms, 300ms]}}", "{pause: *think}");

        assertThat(yamlErrors(aliased)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("$.workload.pause");
            assertThat(e.message()).contains("anchor (&think)").contains("may not use anchors or aliases");
        });
        String aliasOnly = Fixtures.SHOP_YAML.replace("name: shop\n", "name: *x\n");
        assertThat(yamlErrors(aliasOnly)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("$.name");
            assertThat(e.message()).contains("alias (*x)");
        });
    }

    @Test
    void aBillionLaughsDocumentIsRefusedBeforeItIsExpanded() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 9; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }

        assertThat(yamlErrors(yaml.toString())).singleElement().satisfies(e -> assertThat(e.message())
                .contains("anchor (&a0)"));
    }

    @Test
    void documentSizeAndNestingAreCapped() {
        String huge = "name: " + "x".repeat(ScenarioLimits.MAX_DOCUMENT_LENGTH) + "\n";
        assertThat(yamlErrors(huge)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("$");
            assertThat(e.message()).contains("must be at most 1048576 characters");
        });
        String deep = "name: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertThat(yamlErrors(deep)).singleElement().satisfies(e -> assertThat(e.field())
                .startsWith("$"));
    }

    @Test
    void aFieldGivenTwiceIsRefusedAtThatFieldInBothFormats() {
        assertThat(yamlErrors(Fixtures.SHOP_YAML.replace("  model: closed\n", "  model: closed\n  model: open\n")))
                .extracting(FieldError::toString)
                .containsExactly("$.load.model: is given twice");
        assertThatThrownBy(() -> ScenarioCodec.decode(
                        Fixtures.SHOP_JSON.replace("\"warmup\"", "\"model\": \"open\", \"warmup\"")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::toString)
                        .containsExactly("$.load.model: is given twice"));
    }

    @Test
    void aSecondDocumentIsRefused() {
        assertThat(yamlErrors(Fixtures.SHOP_YAML + "---\nname: other\n"))
                .extracting(FieldError::toString)
                .containsExactly("$: holds more than one YAML document; a scenario is one");
    }

    @Test
    void malformedYamlIsRefusedAtTheRoot() {
        assertThat(yamlErrors("name: [unclosed\n")).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("$");
            assertThat(e.message()).startsWith("is not valid YAML");
        });
        assertThat(yamlErrors("")).extracting(FieldError::field).containsExactly("$");
    }

    private static List<FieldError> yamlErrors(String yaml) {
        try {
            ScenarioCodec.decode(yaml, ScenarioFormat.YAML, Fixtures.STORES);
        } catch (InvalidInputException e) {
            return e.errors();
        }
        throw new AssertionError("expected the YAML to be refused:\n" + yaml);
    }
}
