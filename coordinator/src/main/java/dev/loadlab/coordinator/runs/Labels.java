package dev.loadlab.coordinator.runs;

import dev.loadlab.protocol.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Run labels as query parameters {@code label=key:value}, e.g. {@code label=branch:main}. Stateless. */
public final class Labels {
    public static final int MAX_LABELS = 20;
    public static final int MAX_VALUE_LENGTH = 100;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");

    private Labels() {}

    /** Parses every {@code label} parameter; a bad one is refused naming the parameter and the rule. */
    public static Map<String, String> parse(List<String> params) {
        if (params.size() > MAX_LABELS) {
            throw new InvalidInputException("label", "at most " + MAX_LABELS + " labels, got " + params.size());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String param : params) {
            int colon = param.indexOf(':');
            String key = colon < 0 ? param : param.substring(0, colon);
            String value = colon < 0 ? "" : param.substring(colon + 1);
            if (colon < 0 || !KEY.matcher(key).matches()) {
                throw new InvalidInputException(
                        "label",
                        "must be key:value with a key of 1 to 40 letters, digits," + " '_', '.' or '-', was \"" + param
                                + "\"");
            }
            if (value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
                throw new InvalidInputException(
                        "label", "value of " + key + " must be 1 to " + MAX_VALUE_LENGTH + " characters");
            }
            if (labels.put(key, value) != null) {
                throw new InvalidInputException("label", key + " is given twice");
            }
        }
        return labels;
    }
}
