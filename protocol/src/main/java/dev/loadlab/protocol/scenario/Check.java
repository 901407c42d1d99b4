package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One check on a response; exactly one kind per check:
 *
 * <ul>
 *   <li>{@code {"status": [200, 201]}}: the status is one of these;
 *   <li>{@code {"jsonPath": "$.id", "exists": true}} (or {@code false}): the body is JSON and the path matches (or not);
 *   <li>{@code {"jsonPath": "$.state", "equals": "ok"}}: the first match equals this JSON value;
 *   <li>{@code {"bodyContains": "..."}}: the body contains this text;
 *   <li>{@code {"header": "Content-Type", "matches": "application/json.*"}}: the header is present and the regular
 *       expression matches its whole value ({@code matches} absent: the header is present);
 *   <li>{@code {"maxMs": 500}}: the response took at most this long.
 * </ul>
 *
 * A failed check is an error of kind {@code check}, counted under {@link #label()}. {@code jsonPath} uses the
 * {@link JsonPathExpr} subset. Immutable.
 */
public record Check(
        List<Integer> status,
        String jsonPath,
        Boolean exists,
        JsonNode equals,
        String bodyContains,
        String header,
        String matches,
        Long maxMs) {
    public Check {
        status = status == null ? null : List.copyOf(status);
    }

    /** The name a failure of this check is counted under: {@code status}, {@code jsonPath($.id)}, ... */
    public String label() {
        if (status != null) {
            return "status";
        }
        if (jsonPath != null) {
            return "jsonPath(" + jsonPath + ")";
        }
        if (bodyContains != null) {
            return "bodyContains";
        }
        if (header != null) {
            return "header(" + header + ")";
        }
        if (maxMs != null) {
            return "maxMs";
        }
        return "check";
    }
}
