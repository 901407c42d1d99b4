package dev.loadlab.targethost;

import dev.loadlab.targethost.http.JsonText;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The target's request counters at one moment, as {@code GET /stats} reports them. Immutable.
 *
 * @param requests responses sent on the workload endpoints, the sum of {@code byPath}
 * @param byPath responses sent per workload endpoint, every endpoint present (0 if never called), in a stable order
 * @param rejected how many of those responses refused the request (4xx: bad parameter, wrong method), so a test can
 *     tell refused from served
 */
public record StatsSnapshot(long requests, Map<String, Long> byPath, long rejected) {
    public StatsSnapshot {
        byPath = Collections.unmodifiableMap(new LinkedHashMap<>(byPath));
    }

    /**
     * Opens a JSON object with these counters: {@code {"requests":…,"byPath":{…},"rejected":…}} without the closing
     * brace, so each caller can add its own fields.
     */
    public StringBuilder openJson() {
        StringBuilder json =
                new StringBuilder(400).append("{\"requests\":").append(requests).append(",\"byPath\":{");
        boolean first = true;
        for (Map.Entry<String, Long> entry : byPath.entrySet()) {
            json.append(first ? "" : ",")
                    .append(JsonText.quote(entry.getKey()))
                    .append(':')
                    .append(entry.getValue());
            first = false;
        }
        return json.append("},\"rejected\":").append(rejected);
    }
}
