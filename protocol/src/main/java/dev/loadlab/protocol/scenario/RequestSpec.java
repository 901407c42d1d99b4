package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request: in the simple form, one kind of request in the weighted mix; in a {@link Flow}, one step of a user's
 * journey. {@code method} defaults to GET and {@code weight} (relative; used by the simple form only) to 1.
 *
 * <p>{@code path}, header values and {@code body} may use {@link Template} references: {@code ${name}} (a session
 * variable: a dataset column or a value saved by {@code save}), {@code ${secret:NAME}} (a stored secret) and {@code $$}
 * (a literal {@code $}). A string {@code body} is sent as it is; any other JSON value is sent as
 * {@code application/json} (templates are expanded inside its strings). {@code timeout} bounds the wait for the
 * response (a request that takes longer is an error of kind {@code timeout}). {@code checks} judge the response
 * (without a status check, a status of 400 or more is an error); {@code save} extracts values into the user's session.
 * {@code pause} is the think time after this request (the workload's {@code pause} when absent).
 *
 * <p>In a flow, a step with only {@code pause} set is a pause step: no request. Immutable.
 */
public record RequestSpec(
        String name,
        String method,
        String path,
        Integer weight,
        Map<String, String> headers,
        JsonNode body,

        @JsonSerialize(using = DurationText.Writer.class) @JsonDeserialize(using = DurationText.Reader.class)
        Duration timeout,

        List<Check> checks,
        Map<String, Extract> save,
        Pause pause) {
    public RequestSpec {
        method = method == null ? "GET" : method;
        weight = weight == null ? 1 : weight;
        headers = headers == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        checks = checks == null ? null : List.copyOf(checks);
        save = save == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(save));
    }

    /** A v1 request: name, method, path and weight only. */
    public RequestSpec(String name, String method, String path, Integer weight) {
        this(name, method, path, weight, null, null, null, null, null, null);
    }

    /** True for a flow step that only pauses. */
    public boolean pauseOnly() {
        return path == null && name == null && pause != null;
    }
}
