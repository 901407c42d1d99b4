package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskTest {
    @Test
    void everySecretValueIsReplacedByItsReferenceLongestFirst() {
        SecretMask mask = new SecretMask(Map.of("short", "abc", "long", "abcdef", "empty", ""));
        assertThat(mask.apply("login: jsonPath($.echo): expected \"abcdef\", found \"abc\""))
                .isEqualTo("login: jsonPath($.echo): expected \"${secret:long}\", found \"${secret:short}\"");
        assertThat(SecretMask.NONE.apply("abc")).isEqualTo("abc");
    }
}
