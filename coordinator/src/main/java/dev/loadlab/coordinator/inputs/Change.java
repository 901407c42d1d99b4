package dev.loadlab.coordinator.inputs;

import dev.loadlab.coordinator.model.DatasetInfo;
import java.util.List;

/** What a write to datasets or secrets did; the REST layer maps each case to its answer. Immutable. */
public sealed interface Change {
    /** Written (or deleted). */
    record Done(String name) implements Change {}

    /** A dataset stored; what a listing shows of it. */
    record Uploaded(DatasetInfo dataset) implements Change {}

    /** Refused: the name is taken; nothing written. */
    record Taken(String name) implements Change {}

    /** Refused: no such name. */
    record Missing(String name) implements Change {}

    /** Refused: saved scenarios (by name) still refer to it; nothing deleted. */
    record InUse(String name, List<String> scenarios) implements Change {
        public InUse {
            scenarios = List.copyOf(scenarios);
        }
    }
}
