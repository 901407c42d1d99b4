package dev.loadlab.agent.gatling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Template;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The sending side of one {@link RequestSpec}, parsed once: method, path, headers and body as templates. {@link
 * #render} turns it into the exact request for one user at one moment, from that user's variables and the run's
 * secrets. A JSON body gets {@code Content-Type: application/json} unless the spec sets a Content-Type itself; a string
 * body is sent as written (templates expanded), UTF-8. Immutable and thread-safe.
 */
final class RequestTemplate {
    static final String CONTENT_TYPE = "Content-Type";
    static final String JSON = "application/json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The request as it goes out; header values in the order of {@link #headerNames()}. */
    record Rendered(String path, List<String> headerValues, byte[] body) {}

    private final String method;
    private final Template path;
    private final List<String> headerNames;
    private final List<Template> headerValues;
    private final Template stringBody;
    private final JsonTemplate jsonBody;
    private final byte[] constantBody;

    private RequestTemplate(
            String method,
            Template path,
            List<String> headerNames,
            List<Template> headerValues,
            Template stringBody,
            JsonTemplate jsonBody) {
        this.method = method;
        this.path = path;
        this.headerNames = List.copyOf(headerNames);
        this.headerValues = List.copyOf(headerValues);
        this.stringBody = stringBody;
        this.jsonBody = jsonBody;
        this.constantBody =
                jsonBody != null && jsonBody.constant() ? write(jsonBody.render(n -> null, n -> null)) : null;
    }

    /** Throws {@link IllegalArgumentException} naming the field when a template does not parse. */
    static RequestTemplate compile(RequestSpec spec) {
        Template path = parse(spec.path(), spec.name() + ".path");
        List<String> names = new ArrayList<>();
        List<Template> values = new ArrayList<>();
        boolean contentType = false;
        if (spec.headers() != null) {
            for (Map.Entry<String, String> header : spec.headers().entrySet()) {
                names.add(header.getKey());
                values.add(parse(header.getValue(), spec.name() + ".headers." + header.getKey()));
                contentType |= header.getKey().equalsIgnoreCase(CONTENT_TYPE);
            }
        }
        Template stringBody = null;
        JsonTemplate jsonBody = null;
        JsonNode body = spec.body();
        if (body != null && !body.isNull() && !body.isMissingNode()) {
            if (body.isTextual()) {
                stringBody = parse(body.textValue(), spec.name() + ".body");
            } else {
                try {
                    jsonBody = JsonTemplate.parse(body);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(spec.name() + ".body " + e.getMessage(), e);
                }
                if (!contentType) {
                    names.add(CONTENT_TYPE);
                    values.add(Template.parse(JSON));
                }
            }
        }
        return new RequestTemplate(spec.method(), path, names, values, stringBody, jsonBody);
    }

    String method() {
        return method;
    }

    /** The header names sent, in order; fixed, only their values are templates. */
    List<String> headerNames() {
        return headerNames;
    }

    boolean hasBody() {
        return stringBody != null || jsonBody != null;
    }

    /** True when nothing refers to a variable or a secret: every rendering is the same request. */
    boolean constant() {
        return path.constant()
                && headerValues.stream().allMatch(Template::constant)
                && (stringBody == null || stringBody.constant())
                && (jsonBody == null || jsonBody.constant());
    }

    /** Throws {@link Template.MissingValueException} when a reference has no value: the request must not go out. */
    Rendered render(Function<String, String> variables, Function<String, String> secrets) {
        String renderedPath = path.render(variables, secrets);
        List<String> renderedHeaders = new ArrayList<>(headerValues.size());
        for (Template value : headerValues) {
            renderedHeaders.add(value.render(variables, secrets));
        }
        byte[] body = null;
        if (stringBody != null) {
            body = stringBody.render(variables, secrets).getBytes(StandardCharsets.UTF_8);
        } else if (constantBody != null) {
            body = constantBody;
        } else if (jsonBody != null) {
            body = write(jsonBody.render(variables, secrets));
        }
        return new Rendered(renderedPath, renderedHeaders, body);
    }

    private static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises.
            throw new IllegalStateException("cannot write a JSON body", e);
        }
    }

    private static Template parse(String text, String field) {
        try {
            return Template.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " " + e.getMessage(), e);
        }
    }
}
