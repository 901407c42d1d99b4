package dev.loadlab.coordinator.inputs;

import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.scenario.Template;

/** The one rule for dataset and secret names: {@link Template#SECRET}'s, the form {@code ${secret:NAME}} accepts. */
final class Names {
    private Names() {}

    static String check(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException(field, "is required");
        }
        if (!Template.SECRET.matcher(name).matches()) {
            throw new InvalidInputException(
                    field,
                    "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, was \"" + name
                            + "\"");
        }
        return name;
    }
}
