package dev.loadlab.agent.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.scenario.Extract;
import dev.loadlab.protocol.scenario.JsonPathExpr;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code save} entry, compiled once: where a session value comes from ({@link Extract}'s javadoc has the rules).
 * {@link #apply} gives the value or says why there is none. Immutable and thread-safe.
 */
final class Extraction {
    /** The value extracted, or why there is none (exactly one is set). */
    record Result(String value, String failure) {
        static Result of(String value) {
            return new Result(value, null);
        }

        static Result failed(String why) {
            return new Result(null, why);
        }

        boolean ok() {
            return failure == null;
        }
    }

    private final String name;
    private final JsonPathExpr jsonPath;
    private final String header;
    private final Pattern regex;

    private Extraction(String name, JsonPathExpr jsonPath, String header, Pattern regex) {
        this.name = name;
        this.jsonPath = jsonPath;
        this.header = header;
        this.regex = regex;
    }

    /** Throws {@link IllegalArgumentException} naming the save when it is not one of the supported forms. */
    static Extraction compile(String name, Extract extract) {
        String where = "save." + name;
        if (extract == null) {
            throw new IllegalArgumentException(where + " is empty");
        }
        if (extract.jsonPath() != null) {
            if (extract.header() != null || extract.regex() != null) {
                throw new IllegalArgumentException(where + " takes jsonPath alone");
            }
            try {
                return new Extraction(name, JsonPathExpr.compile(extract.jsonPath()), null, null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".jsonPath " + e.getMessage(), e);
            }
        }
        if (extract.header() == null && extract.regex() == null) {
            throw new IllegalArgumentException(where + " needs jsonPath, header or regex");
        }
        return new Extraction(
                name, null, extract.header(), extract.regex() == null ? null : Pattern.compile(extract.regex()));
    }

    /** The session variable the value is saved as. */
    String name() {
        return name;
    }

    /** The label a failure is counted under: {@code save(NAME)}. */
    String label() {
        return "save(" + name + ")";
    }

    /** The header read, or null when the value comes from the body. */
    String header() {
        return header;
    }

    boolean needsBody() {
        return header == null;
    }

    /** {@code json}: the body parsed, empty when it is not JSON (read only for a jsonPath). */
    Result apply(ResponseView response, Optional<JsonNode> json) {
        if (jsonPath != null) {
            if (json.isEmpty()) {
                return Result.failed("the body is not JSON");
            }
            Optional<JsonNode> first = jsonPath.first(json.get());
            if (first.isEmpty()) {
                return Result.failed(jsonPath.source() + " matched nothing");
            }
            JsonNode node = first.get();
            if (node.isNull()) {
                return Result.failed(jsonPath.source() + " is null");
            }
            return Result.of(node.isTextual() ? node.textValue() : node.toString());
        }
        String text;
        if (header != null) {
            text = response.header(header);
            if (text == null) {
                return Result.failed("no " + header + " header");
            }
            if (regex == null) {
                return Result.of(text);
            }
        } else {
            text = response.body() == null ? "" : response.body();
        }
        Matcher matcher = regex.matcher(text);
        if (!matcher.find()) {
            return Result.failed("regex " + ResponseJudge.quote(regex.pattern()) + " found no match in the "
                    + (header != null ? header + " header " + ResponseJudge.quote(text) : "body"));
        }
        String value = matcher.groupCount() >= 1 ? matcher.group(1) : matcher.group();
        if (value == null) {
            return Result.failed("regex " + ResponseJudge.quote(regex.pattern()) + " matched without its group 1");
        }
        return Result.of(value);
    }
}
