package dev.loadlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Which run a comparison's baseline is, as {@code --baseline} names it: a run id, or {@code label:KEY=VALUE}, the
 * newest run (by submission) with status SUCCEEDED (every step ran) carrying label {@code KEY:VALUE}, found through
 * {@code GET /api/v1/runs?label=KEY:VALUE&status=SUCCEEDED}, which lists newest first. Parsing fails naming
 * {@code --baseline} and what was expected; keys follow the coordinator's label rule. Immutable.
 */
record BaselineSelector(String runId, String labelKey, String labelValue) {
    static final String OPTION = "--baseline";

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");
    private static final int MAX_VALUE_LENGTH = 100;
    private static final String PREFIX = "label:";

    /** {@code label:KEY=VALUE} or a run id (UUID). */
    static BaselineSelector parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new CliException(OPTION + ": expected label:KEY=VALUE or a run id, was ''");
        }
        String text = raw.strip();
        if (!text.startsWith(PREFIX)) {
            try {
                return new BaselineSelector(UUID.fromString(text).toString(), null, null);
            } catch (IllegalArgumentException notAnId) {
                throw new CliException(OPTION + ": expected label:KEY=VALUE or a run id, was '" + raw + "'");
            }
        }
        String pair = text.substring(PREFIX.length());
        int equals = pair.indexOf('=');
        if (equals < 0) {
            throw new CliException(OPTION + ": expected label:KEY=VALUE, was '" + raw + "'");
        }
        String key = pair.substring(0, equals);
        String value = pair.substring(equals + 1);
        if (!KEY.matcher(key).matches()) {
            throw new CliException(OPTION + ": the label key must be 1 to 40 letters, digits, '_', '.' or '-'"
                    + " (starting with a letter or digit), was '" + key + "' in '" + raw + "'");
        }
        if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            throw new CliException(OPTION + ": the value of label " + key + " must be 1 to " + MAX_VALUE_LENGTH
                    + " characters, was '" + value + "' in '" + raw + "'");
        }
        return new BaselineSelector(null, key, value);
    }

    boolean byLabel() {
        return labelKey != null;
    }

    /** The label as the API writes it, {@code KEY:VALUE}. */
    String label() {
        return labelKey + ":" + labelValue;
    }

    @Override
    public String toString() {
        return byLabel() ? PREFIX + labelKey + "=" + labelValue : runId;
    }

    /**
     * The baseline's run id: the id itself, or the newest succeeded run with the label other than {@code excluded}
     * (the candidate, which may carry the label too; null for none). No such run is bad input (exit 4), naming the
     * label.
     */
    String resolve(ApiClient api, String excluded) {
        if (!byLabel()) {
            return runId;
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("label", List.of(label()));
        query.put("status", List.of("SUCCEEDED"));
        query.put("limit", List.of("2"));
        for (JsonNode run : api.get("/api/v1/runs" + ApiClient.query(query)).path("runs")) {
            String id = run.path("id").asText();
            if (!id.isEmpty() && !id.equals(excluded)) {
                return id;
            }
        }
        throw new CliException(OPTION + " " + this + ": no succeeded run carries the label " + label()
                + (excluded == null ? "" : " (other than the candidate " + excluded + ")")
                + "; label the runs to compare against with --label " + label());
    }
}
