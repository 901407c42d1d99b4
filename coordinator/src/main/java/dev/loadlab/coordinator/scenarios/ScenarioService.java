package dev.loadlab.coordinator.scenarios;

import dev.loadlab.coordinator.model.SavedScenario;
import dev.loadlab.coordinator.model.ScenarioCatalog;
import dev.loadlab.protocol.InvalidInputException;
import dev.loadlab.protocol.scenario.Scenario;
import dev.loadlab.protocol.scenario.ScenarioFormat;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Saved scenarios: create (version 1), update (next version), read (latest or a given version), list, delete. Every
 * document is validated like a submitted run before it is stored, so a saved scenario can always be started.
 * Thread-safe.
 */
public final class ScenarioService {
    /** What a write did: saved, or refused because the name is taken / unknown. */
    public sealed interface Saved permits Created, Conflict, Missing {}

    public record Created(SavedScenario scenario) implements Saved {}

    public record Conflict(String name) implements Saved {}

    public record Missing(String name) implements Saved {}

    private final ScenarioCatalog repository;
    private final BiFunction<String, ScenarioFormat, Scenario> validator;
    private final Clock clock;

    public ScenarioService(
            ScenarioCatalog repository, BiFunction<String, ScenarioFormat, Scenario> validator, Clock clock) {
        this.repository = repository;
        this.validator = validator;
        this.clock = clock;
    }

    public Saved create(String text, ScenarioFormat format) {
        Scenario scenario = validator.apply(text, format);
        return repository
                .save(scenario.name(), scenario, true, clock.instant())
                .<Saved>map(saved -> new Created(saved.redacted()))
                .orElse(new Conflict(scenario.name()));
    }

    /** Stores a new version of {@code name}; the document's own name must be the same. */
    public Saved update(String name, String text, ScenarioFormat format) {
        Scenario scenario = validator.apply(text, format);
        if (!scenario.name().equals(name)) {
            throw new InvalidInputException(
                    "$.name", "must be \"" + name + "\", the scenario being updated, was \"" + scenario.name() + "\"");
        }
        return repository
                .save(name, scenario, false, clock.instant())
                .<Saved>map(saved -> new Created(saved.redacted()))
                .orElse(new Missing(name));
    }

    public Optional<SavedScenario> find(String name, Integer version) {
        if (version != null && version < 1) {
            throw new InvalidInputException("version", "must be 1 or more, was " + version);
        }
        return repository.find(name, version).map(SavedScenario::redacted);
    }

    public List<SavedScenario> list() {
        return repository.list().stream().map(SavedScenario::redacted).toList();
    }

    public boolean delete(String name) {
        return repository.delete(name, clock.instant());
    }

    /**
     * Seeds the built-in scenarios: each becomes the latest version of its name unless it already is, or a user saved
     * their own version over it. Returns what happened to each, by name, for the start-up log.
     */
    public Map<String, ScenarioCatalog.Seeded> seedBuiltIns(List<Scenario> builtIns) {
        Map<String, ScenarioCatalog.Seeded> outcome = new LinkedHashMap<>();
        for (Scenario scenario : builtIns) {
            outcome.put(scenario.name(), repository.seedBuiltIn(scenario, clock.instant()));
        }
        return outcome;
    }
}
