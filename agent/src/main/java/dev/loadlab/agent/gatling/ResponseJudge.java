package dev.loadlab.agent.gatling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loadlab.protocol.scenario.Check;
import dev.loadlab.protocol.scenario.JsonPathExpr;
import dev.loadlab.protocol.scenario.RequestSpec;
import dev.loadlab.protocol.scenario.Template;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Judges one response of one {@link RequestSpec} the way LoadLab defines it, in plain Java after Gatling captured the
 * response: its error kind, every failed check's label, a message per failure and the values to save.
 *
 * <p>The kind is the first that applies: with an explicit {@code status} check a bad status is kind {@code check}
 * (label {@code status}); without one, a status of 500 or more is {@code http_5xx} and of 400 or more {@code
 * http_4xx}; then any other failed check or save is kind {@code check}. One response is at most one error, but every
 * failed check and save counts under its label. Messages read {@code "<request>: <label>: <what>"}. Immutable and
 * thread-safe: compiled once per request, shared by every user.
 */
final class ResponseJudge {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int QUOTE_LENGTH = 80;
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) ->
            a.equals(b) || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0) ? 0 : 1;

    /**
     * The judgement: {@code kind} null when the response is fine; {@code failedChecks} the labels of every failed
     * check and save; {@code messages} one per failure; {@code saved} the values extracted (variable to value);
     * {@code extractionFailed} whether a save failed, which ends the user's iteration.
     */
    record Verdict(
            String kind,
            List<String> failedChecks,
            List<String> messages,
            Map<String, String> saved,
            boolean extractionFailed) {}

    private sealed interface Rule permits StatusRule, JsonRule, BodyRule, HeaderRule, TimeRule {}

    private record StatusRule(List<Integer> allowed) implements Rule {}

    private record JsonRule(JsonPathExpr path, boolean exists, JsonTemplate equals) implements Rule {}

    private record BodyRule(String text) implements Rule {}

    private record HeaderRule(String name, Pattern matches) implements Rule {}

    private record TimeRule(long maxMs) implements Rule {}

    private record Compiled(String label, Rule rule) {}

    private final String requestName;
    private final List<Compiled> checks;
    private final List<Extraction> saves;
    private final boolean explicitStatus;
    private final boolean needsBody;
    private final List<String> headersNeeded;

    private ResponseJudge(String requestName, List<Compiled> checks, List<Extraction> saves) {
        this.requestName = requestName;
        this.checks = List.copyOf(checks);
        this.saves = List.copyOf(saves);
        this.explicitStatus = checks.stream().anyMatch(c -> c.rule() instanceof StatusRule);
        this.needsBody = checks.stream().anyMatch(c -> c.rule() instanceof JsonRule || c.rule() instanceof BodyRule)
                || saves.stream().anyMatch(Extraction::needsBody);
        Set<String> headers = new LinkedHashSet<>();
        for (Compiled check : checks) {
            if (check.rule() instanceof HeaderRule h) {
                headers.add(h.name());
            }
        }
        for (Extraction save : saves) {
            if (save.header() != null) {
                headers.add(save.header());
            }
        }
        this.headersNeeded = List.copyOf(headers);
    }

    /** Throws {@link IllegalArgumentException} naming the check or save that cannot be compiled. */
    static ResponseJudge compile(RequestSpec spec) {
        List<Compiled> checks = new ArrayList<>();
        if (spec.checks() != null) {
            for (int i = 0; i < spec.checks().size(); i++) {
                Check check = spec.checks().get(i);
                try {
                    checks.add(new Compiled(check.label(), rule(check)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(spec.name() + ".checks[" + i + "] " + e.getMessage(), e);
                }
            }
        }
        List<Extraction> saves = new ArrayList<>();
        if (spec.save() != null) {
            spec.save().forEach((name, extract) -> saves.add(Extraction.compile(name, extract)));
        }
        return new ResponseJudge(spec.name(), checks, saves);
    }

    private static Rule rule(Check check) {
        if (check.status() != null) {
            return new StatusRule(check.status());
        }
        if (check.jsonPath() != null) {
            JsonPathExpr path = JsonPathExpr.compile(check.jsonPath());
            if (check.equals() != null) {
                return new JsonRule(path, true, JsonTemplate.parse(check.equals()));
            }
            return new JsonRule(path, check.exists() == null || check.exists(), null);
        }
        if (check.bodyContains() != null) {
            return new BodyRule(check.bodyContains());
        }
        if (check.header() != null) {
            return new HeaderRule(check.header(), check.matches() == null ? null : Pattern.compile(check.matches()));
        }
        if (check.maxMs() != null) {
            return new TimeRule(check.maxMs());
        }
        throw new IllegalArgumentException("has no kind (status, jsonPath, bodyContains, header or maxMs)");
    }

    /** Whether the body must be captured: a body check or a body save reads it. */
    boolean needsBody() {
        return needsBody;
    }

    /** The response headers checks and saves read, as named in the scenario. */
    List<String> headersNeeded() {
        return headersNeeded;
    }

    /**
     * The error kind of a status when no check names the statuses it allows: {@code http_5xx} from 500, {@code
     * http_4xx} from 400, none (null) below.
     */
    static String statusKind(int status) {
        return status >= 500 ? StepRecorder.HTTP_5XX : status >= 400 ? StepRecorder.HTTP_4XX : null;
    }

    /** Judges {@code response}; templates in {@code equals} values are rendered from {@code variables} and secrets. */
    Verdict judge(ResponseView response, Function<String, String> variables, Function<String, String> secrets) {
        String kind = null;
        List<String> failed = new ArrayList<>(0);
        List<String> messages = new ArrayList<>(0);
        if (!explicitStatus && response.status() >= 400) {
            kind = statusKind(response.status());
            messages.add(requestName + ": " + kind + ": status " + response.status());
        }
        Json json = new Json(response.body());
        for (Compiled check : checks) {
            String why = evaluate(check.rule(), response, json, variables, secrets);
            if (why != null) {
                failed.add(check.label());
                messages.add(requestName + ": " + check.label() + ": " + why);
                kind = kind == null ? StepRecorder.CHECK : kind;
            }
        }
        Map<String, String> saved = new LinkedHashMap<>();
        boolean extractionFailed = false;
        for (Extraction save : saves) {
            Extraction.Result result = save.apply(response, save.needsBody() ? json.get() : Optional.empty());
            if (result.ok()) {
                saved.put(save.name(), result.value());
            } else {
                extractionFailed = true;
                failed.add(save.label());
                messages.add(requestName + ": " + save.label() + ": " + result.failure());
                kind = kind == null ? StepRecorder.CHECK : kind;
            }
        }
        return new Verdict(kind, failed, messages, saved, extractionFailed);
    }

    private static String evaluate(
            Rule rule,
            ResponseView response,
            Json json,
            Function<String, String> variables,
            Function<String, String> secrets) {
        switch (rule) {
            case StatusRule s -> {
                if (s.allowed().contains(response.status())) {
                    return null;
                }
                return "expected " + (s.allowed().size() == 1 ? s.allowed().get(0) : "one of " + s.allowed())
                        + ", found " + response.status();
            }
            case JsonRule j -> {
                Optional<JsonNode> root = json.get();
                if (root.isEmpty()) {
                    return "the body is not JSON";
                }
                Optional<JsonNode> first = j.path().first(root.get());
                if (j.equals() != null) {
                    JsonNode expected;
                    try {
                        expected = j.equals().render(variables, secrets);
                    } catch (Template.MissingValueException e) {
                        return "cannot compare: " + e.getMessage();
                    }
                    if (first.isPresent() && first.get().equals(SAME_VALUE, expected)) {
                        return null;
                    }
                    return "expected " + quoteJson(expected) + ", found "
                            + first.map(ResponseJudge::quoteJson).orElse("nothing");
                }
                if (first.isPresent() == j.exists()) {
                    return null;
                }
                return j.exists() ? "matched nothing" : "expected no match, found " + quoteJson(first.get());
            }
            case BodyRule b -> {
                String body = response.body() == null ? "" : response.body();
                return body.contains(b.text()) ? null : "the body does not contain " + quote(b.text());
            }
            case HeaderRule h -> {
                String value = response.header(h.name());
                if (value == null) {
                    return "missing";
                }
                if (h.matches() == null || h.matches().matcher(value).matches()) {
                    return null;
                }
                return quote(value) + " does not match " + quote(h.matches().pattern());
            }
            case TimeRule t -> {
                return response.responseTimeMs() <= t.maxMs()
                        ? null
                        : "took " + response.responseTimeMs() + " ms, more than " + t.maxMs();
            }
        }
    }

    /** {@code text} in double quotes, cut to a readable length. */
    static String quote(String text) {
        String cut = text.length() <= QUOTE_LENGTH ? text : text.substring(0, QUOTE_LENGTH) + "...";
        return "\"" + cut + "\"";
    }

    private static String quoteJson(JsonNode node) {
        String text = node.toString();
        return text.length() <= QUOTE_LENGTH ? text : text.substring(0, QUOTE_LENGTH) + "...";
    }

    /** The body parsed as JSON at most once per response, and only when something reads it. */
    private static final class Json {
        private final String body;
        private Optional<JsonNode> parsed;

        Json(String body) {
            this.body = body;
        }

        Optional<JsonNode> get() {
            if (parsed == null) {
                parsed = parse(body);
            }
            return parsed;
        }

        private static Optional<JsonNode> parse(String body) {
            if (body == null || body.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(MAPPER.readTree(body));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}
