package dev.loadlab.protocol.scenario;

import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_BODY_BYTES;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_BODY_CONTAINS_LENGTH;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_CHECKS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_HEADERS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_HEADER_NAME_LENGTH;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_HEADER_VALUE_BYTES;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_PATH_LENGTH;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_SAVES;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_STATUSES;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_TIMEOUT;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MAX_WEIGHT;
import static dev.loadlab.protocol.scenario.ScenarioLimits.METHODS;
import static dev.loadlab.protocol.scenario.ScenarioLimits.MIN_TIMEOUT;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loadlab.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of one request: name, method, path, weight, headers, body, timeout, checks, save and pause, and that every
 * template in it parses (with secrets only where they may appear). Stateless apart from the {@link Findings}.
 */
final class RequestRules {
    static final Pattern REQUEST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
    /** RFC 9110 token: the characters a header name may use. */
    static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final Findings f;

    RequestRules(Findings findings) {
        this.f = findings;
    }

    void check(RequestSites.Site site) {
        String at = site.path();
        RequestSpec request = site.request();
        if (f.present(at + ".name", request.name())
                && !REQUEST_NAME.matcher(request.name()).matches()) {
            f.fail(at + ".name", "must be 1 to 40 letters, digits, '_' or '-'");
        }
        if (!METHODS.contains(request.method())) {
            f.fail(at + ".method", "must be one of " + METHODS.stream().sorted().toList());
        }
        if (f.present(at + ".path", request.path())) {
            if (!request.path().startsWith("/") || request.path().length() > MAX_PATH_LENGTH) {
                f.fail(at + ".path", "must start with '/' and be at most " + MAX_PATH_LENGTH + " characters");
            } else if (request.path().chars().anyMatch(c -> c <= ' ' || c == 127)) {
                f.fail(at + ".path", "must not contain spaces or control characters");
            }
        }
        f.range(at + ".weight", request.weight(), 1, MAX_WEIGHT);
        headers(at + ".headers", request.headers());
        body(at + ".body", request.body());
        if (request.timeout() != null) {
            f.duration(at + ".timeout", request.timeout(), MIN_TIMEOUT, MAX_TIMEOUT);
        }
        checks(at + ".checks", request.checks());
        save(at + ".save", request.save());
        if (request.pause() != null) {
            PauseRules.check(f, at + ".pause", request.pause());
        }
        templates(site);
    }

    private void headers(String field, Map<String, String> headers) {
        if (headers == null) {
            return;
        }
        if (headers.size() > MAX_HEADERS) {
            f.fail(field, "must hold at most " + MAX_HEADERS + " headers, held " + headers.size());
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String at = Paths.member(field, name);
            if (!TOKEN.matcher(name).matches() || name.length() > MAX_HEADER_NAME_LENGTH) {
                f.fail(at, "is not a valid header name: 1 to " + MAX_HEADER_NAME_LENGTH + " token characters");
            }
            String value = header.getValue();
            if (!f.present(at, value)) {
                continue;
            }
            int bytes = value.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_HEADER_VALUE_BYTES) {
                f.fail(at, "must be at most " + MAX_HEADER_VALUE_BYTES + " bytes (UTF-8), was " + bytes);
            } else if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                f.fail(at, "must not contain CR, LF or NUL");
            }
        }
    }

    private void body(String field, JsonNode body) {
        if (body == null || body.isNull()) {
            return;
        }
        String sent = body.isTextual() ? body.textValue() : Json.write(body);
        int bytes = sent.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BODY_BYTES) {
            f.fail(field, "must be at most " + MAX_BODY_BYTES + " bytes as sent (UTF-8), was " + bytes);
        }
    }

    private void checks(String field, List<Check> checks) {
        if (checks == null) {
            return;
        }
        if (checks.size() > MAX_CHECKS) {
            f.fail(field, "must hold at most " + MAX_CHECKS + " checks, held " + checks.size());
        }
        for (int i = 0; i < checks.size(); i++) {
            String at = Paths.index(field, i);
            if (f.present(at, checks.get(i))) {
                check(at, checks.get(i));
            }
        }
    }

    private void check(String at, Check check) {
        List<String> kinds = new ArrayList<>();
        if (check.status() != null) {
            kinds.add("status");
        }
        if (check.jsonPath() != null) {
            kinds.add("jsonPath");
        }
        if (check.bodyContains() != null) {
            kinds.add("bodyContains");
        }
        if (check.header() != null) {
            kinds.add("header");
        }
        if (check.maxMs() != null) {
            kinds.add("maxMs");
        }
        if (kinds.isEmpty()) {
            f.fail(at, "must have exactly one of status, jsonPath, bodyContains, header or maxMs");
            return;
        }
        for (String extra : kinds.subList(1, kinds.size())) {
            f.fail(at + "." + extra, "cannot be combined with " + kinds.get(0) + ": a check has exactly one kind");
        }
        boolean jsonPath = check.jsonPath() != null;
        if (check.exists() != null && !jsonPath) {
            f.fail(at + ".exists", "applies only with jsonPath");
        }
        if (check.equals() != null && !jsonPath) {
            f.fail(at + ".equals", "applies only with jsonPath");
        }
        if (check.matches() != null && check.header() == null) {
            f.fail(at + ".matches", "applies only with header");
        }
        if (check.status() != null) {
            List<Integer> codes = check.status();
            f.size(at + ".status", codes.size(), 1, MAX_STATUSES, "status codes");
            for (int i = 0; i < codes.size(); i++) {
                f.range(Paths.index(at + ".status", i), codes.get(i), 100, 599);
            }
        }
        if (jsonPath) {
            f.jsonPath(at + ".jsonPath", check.jsonPath());
            if (check.exists() != null && check.equals() != null) {
                f.fail(at + ".equals", "cannot be combined with exists: a jsonPath check has one of the two");
            } else if (check.exists() == null && check.equals() == null) {
                f.fail(at, "needs exists or equals with jsonPath");
            }
        }
        if (check.bodyContains() != null
                && (check.bodyContains().isEmpty() || check.bodyContains().length() > MAX_BODY_CONTAINS_LENGTH)) {
            f.fail(at + ".bodyContains", "must be 1 to " + MAX_BODY_CONTAINS_LENGTH + " characters");
        }
        if (check.header() != null) {
            headerName(at + ".header", check.header());
            if (check.matches() != null) {
                f.regex(at + ".matches", check.matches());
            }
        }
        if (check.maxMs() != null && (check.maxMs() < 1 || check.maxMs() > MAX_TIMEOUT.toMillis())) {
            f.fail(at + ".maxMs", "must be between 1 and " + MAX_TIMEOUT.toMillis() + ", was " + check.maxMs());
        }
    }

    private void save(String field, Map<String, Extract> save) {
        if (save == null) {
            return;
        }
        if (save.size() > MAX_SAVES) {
            f.fail(field, "must hold at most " + MAX_SAVES + " values, held " + save.size());
        }
        for (Map.Entry<String, Extract> entry : save.entrySet()) {
            String at = Paths.member(field, entry.getKey());
            if (!Template.VARIABLE.matcher(entry.getKey()).matches()) {
                f.fail(at, "is not a valid variable name (a letter or '_', then up to 63 letters, digits or '_')");
            }
            if (f.present(at, entry.getValue())) {
                extract(at, entry.getValue());
            }
        }
    }

    private void extract(String at, Extract extract) {
        if (extract.jsonPath() != null) {
            f.jsonPath(at + ".jsonPath", extract.jsonPath());
            if (extract.header() != null) {
                f.fail(at + ".header", "cannot be combined with jsonPath: a value comes from one place");
            }
            if (extract.regex() != null) {
                f.fail(at + ".regex", "cannot be combined with jsonPath: a regex applies to a header or the body");
            }
            return;
        }
        if (extract.header() == null && extract.regex() == null) {
            f.fail(at, "must have jsonPath, header, or regex (with or without header)");
            return;
        }
        if (extract.header() != null) {
            headerName(at + ".header", extract.header());
        }
        if (extract.regex() != null) {
            f.regex(at + ".regex", extract.regex());
        }
    }

    private void headerName(String field, String name) {
        if (!TOKEN.matcher(name).matches() || name.length() > MAX_HEADER_NAME_LENGTH) {
            f.fail(field, "is not a valid header name: 1 to " + MAX_HEADER_NAME_LENGTH + " token characters");
        }
    }

    private void templates(RequestSites.Site site) {
        for (RequestSites.TextUse use : RequestSites.texts(site)) {
            Template template = f.template(use.field(), use.text());
            if (template != null && !use.secretsAllowed() && !template.secrets().isEmpty()) {
                f.fail(
                        use.field(),
                        "must not refer to a secret (${secret:"
                                + template.secrets().iterator().next()
                                + "}): secrets may appear only in header values and bodies");
            }
        }
    }
}
