package dev.loadlab.agent.gatling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Replaces every secret value in a text by its reference, {@code ${secret:NAME}}, so no failure message carries a
 * secret off the agent (a check may quote a body or header that echoes one). Longer values are replaced first, so a
 * secret that contains another is not left half visible. Immutable and thread-safe.
 */
final class SecretMask {
    static final SecretMask NONE = new SecretMask(Map.of());

    private final List<Map.Entry<String, String>> byValueLength;

    /** {@code secrets}: name to value, as in the assignment. */
    SecretMask(Map<String, String> secrets) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        secrets.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                entries.add(Map.entry(name, value));
            }
        });
        entries.sort(Comparator.comparingInt(
                        (Map.Entry<String, String> e) -> e.getValue().length())
                .reversed());
        this.byValueLength = List.copyOf(entries);
    }

    String apply(String text) {
        String masked = text;
        for (Map.Entry<String, String> secret : byValueLength) {
            if (masked.contains(secret.getValue())) {
                masked = masked.replace(secret.getValue(), "${secret:" + secret.getKey() + "}");
            }
        }
        return masked;
    }
}
