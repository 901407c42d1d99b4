package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.scenario.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The storage port for saved scenarios: named, versioned documents that runs start from. Each method is one
 * transaction and throws {@link StorageException} when the store fails. Implementations are thread-safe.
 */
public interface ScenarioCatalog {
    /** What {@link #seedBuiltIn} did with a built-in scenario. */
    enum Seeded {
        /** Stored as a new built-in version: it was missing or deleted, or the shipped document changed. */
        STORED,
        /** The latest version is already this very document. */
        UNCHANGED,
        /** A user saved their own version of this name; it is left alone. */
        USER_VERSION_KEPT
    }

    /**
     * Stores {@code scenario} as the next version of {@code name}. With {@code mustBeNew} it fails (empty) when the
     * name exists; without, when it does not (or was deleted).
     */
    Optional<SavedScenario> save(String name, Scenario scenario, boolean mustBeNew, Instant now);

    /**
     * Makes {@code scenario} the latest version of its name, marked built-in, unless it already is or a user saved a
     * version of their own over it; coordinators starting together on one store seed it once.
     */
    Seeded seedBuiltIn(Scenario scenario, Instant now);

    /** The latest version of a scenario that is not deleted, or a given version (deleted or not). */
    Optional<SavedScenario> find(String name, Integer version);

    /** The latest version of every scenario not deleted, by name. */
    List<SavedScenario> list();

    /** Hides every version of {@code name}; false when there was nothing to delete. */
    boolean delete(String name, Instant now);
}
