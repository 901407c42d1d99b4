package dev.loadlab.targethost.shop;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * What a scenario endpoint answers, before a front-end has encoded it: status, body and at most one extra header.
 * Immutable (do not modify {@code body}).
 *
 * @param status the HTTP status
 * @param contentType the body's media type
 * @param body the body
 * @param headerName an extra header's name ({@code Location}, {@code WWW-Authenticate}), or {@code null}
 * @param headerValue its value, or {@code null}
 */
public record Answer(int status, String contentType, byte[] body, String headerName, String headerValue) {
    public static final String JSON = "application/json";
    public static final String PROBLEM = "application/problem+json";

    static Answer json(int status, byte[] body) {
        return new Answer(status, JSON, body, null, null);
    }

    /**
     * An {@code application/problem+json} answer (RFC 9457), in the shape of the app's other problems.
     *
     * @param pointer the JSON pointer of the bad body field, or {@code null} (omitted)
     */
    public static Answer problem(int status, String title, String detail, String pointer) {
        ObjectNode problem = JsonNodeFactory.instance.objectNode();
        problem.put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (pointer != null) {
            problem.put("pointer", pointer);
        }
        return new Answer(status, PROBLEM, problem.toString().getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** This answer with one extra header. */
    Answer withHeader(String name, String value) {
        return new Answer(status, contentType, body, name, value);
    }
}
