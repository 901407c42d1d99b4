package dev.loadlab.agent.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Template;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTemplateTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static RequestSpec spec(Map<String, String> headers, String body) throws Exception {
        return new RequestSpec(
                "create",
                "POST",
                "/items/${id}?q=$$x",
                1,
                headers,
                body == null ? null : MAPPER.readTree(body),
                null,
                null,
                null,
                null);
    }

    @Test
    void pathHeadersAndJsonBodyAreRenderedWithEscapingAndAJsonContentType() throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer ${secret:api-key}");
        RequestTemplate template =
                RequestTemplate.compile(spec(headers, "{\"sku\":\"${sku}\",\"qty\":1,\"tags\":[\"${sku}-x\",\"$$\"]}"));
        Map<String, String> vars = Map.of("id", "7", "sku", "a\"b\\c\n");

        RequestTemplate.Rendered rendered = template.render(vars::get, Map.of("api-key", "s3cr3t")::get);

        assertThat(template.method()).isEqualTo("POST");
        assertThat(rendered.path()).isEqualTo("/items/7?q=$x");
        assertThat(template.headerNames()).containsExactly("Authorization", "Content-Type");
        assertThat(rendered.headerValues()).containsExactly("Bearer s3cr3t", "application/json");
        String body = new String(rendered.body(), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"sku\":\"a\\\"b\\\\c\\n\",\"qty\":1,\"tags\":[\"a\\\"b\\\\c\\n-x\",\"$\"]}");
        assertThat(MAPPER.readTree(body).get("sku").textValue()).isEqualTo("a\"b\\c\n");
    }

    @Test
    void aGivenContentTypeIsKeptAndAStringBodyIsSentAsWritten() throws Exception {
        RequestTemplate json = RequestTemplate.compile(spec(Map.of("content-type", "application/vnd+json"), "{}"));
        assertThat(json.headerNames()).containsExactly("content-type");

        RequestSpec text = new RequestSpec(
                "t", "PUT", "/t", 1, null, TextNode.valueOf("user=${user}&x=\"1\""), null, null, null, null);
        RequestTemplate template = RequestTemplate.compile(text);
        assertThat(template.headerNames()).isEmpty();
        assertThat(new String(
                        template.render(Map.of("user", "ann")::get, n -> null).body(), StandardCharsets.UTF_8))
                .isEqualTo("user=ann&x=\"1\"");
    }

    @Test
    void aMissingVariableNamesItsReference() throws Exception {
        RequestTemplate template = RequestTemplate.compile(spec(null, null));
        assertThat(template.hasBody()).isFalse();
        assertThatThrownBy(() -> template.render(n -> null, n -> null))
                .isInstanceOfSatisfying(Template.MissingValueException.class, e -> assertThat(e.reference())
                        .isEqualTo("${id}"));
    }

    @Test
    void aBadTemplateIsRefusedNamingTheField() {
        assertThatThrownBy(() -> RequestTemplate.compile(new RequestSpec("r", "GET", "/a$b", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("r.path ");
    }
}
