package dev.loadlab.coordinator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MergePatchTest {
    /** RFC 7396, appendix A (the test cases), quotes written as single quotes. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "{'a':'b'}                | {'a':'c'}            | {'a':'c'}",
                "{'a':'b'}                | {'b':'c'}            | {'a':'b','b':'c'}",
                "{'a':'b'}                | {'a':null}           | {}",
                "{'a':'b','b':'c'}        | {'a':null}           | {'b':'c'}",
                "{'a':['b']}              | {'a':'c'}            | {'a':'c'}",
                "{'a':'c'}                | {'a':['b']}          | {'a':['b']}",
                "{'a':{'b':'c'}}          | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
                "{'a':[{'b':'c'}]}        | {'a':[1]}            | {'a':[1]}",
                "['a','b']                | ['c','d']            | ['c','d']",
                "{'a':'b'}                | ['c']                | ['c']",
                "{'a':'foo'}              | null                 | null",
                "{'a':'foo'}              | 'bar'                | 'bar'",
                "{'e':null}               | {'a':1}              | {'e':null,'a':1}",
                "[1,2]                    | {'a':'b','c':null}   | {'a':'b'}",
                "{}                       | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}"
            })
    void followsTheRfcExamples(String target, String patch, String expected) throws Exception {
        JsonNode result = MergePatch.apply(json(target), json(patch));

        assertThat(result).isEqualTo(json(expected));
    }

    @Test
    void leavesItsArgumentsAlone() throws Exception {
        JsonNode target = json("{'load':{'users':64,'duration':'10s'}}");
        JsonNode patch = json("{'load':{'duration':'2s'}}");

        JsonNode result = MergePatch.apply(target, patch);

        assertThat(result).isEqualTo(json("{'load':{'users':64,'duration':'2s'}}"));
        assertThat(target).isEqualTo(json("{'load':{'users':64,'duration':'10s'}}"));
        assertThat(patch).isEqualTo(json("{'load':{'duration':'2s'}}"));
    }

    private static JsonNode json(String text) throws Exception {
        return Json.lenient().readTree(text.replace('\'', '"'));
    }
}
