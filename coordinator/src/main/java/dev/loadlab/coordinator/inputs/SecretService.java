package dev.loadlab.coordinator.inputs;

import dev.loadlab.coordinator.model.SavedScenario;
import dev.loadlab.coordinator.model.ScenarioCatalog;
import dev.loadlab.coordinator.model.ScenarioInputs;
import dev.loadlab.coordinator.model.SecretInfo;
import dev.loadlab.coordinator.model.SecretVault;
import dev.loadlab.protocol.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Secrets: add (sealed before it reaches the store), list (names and times only), delete (refused while a saved
 * scenario refers to it), and {@link #reveal} for step start only. No method logs or returns a value except
 * {@code reveal}. Thread-safe.
 */
public final class SecretService {
    public static final int MAX_VALUE_BYTES = 8 * 1024;

    private final SecretVault vault;
    private final SecretCipher cipher;
    private final ScenarioCatalog scenarios;
    private final Clock clock;

    public SecretService(SecretVault vault, SecretCipher cipher, ScenarioCatalog scenarios, Clock clock) {
        this.vault = vault;
        this.cipher = cipher;
        this.scenarios = scenarios;
        this.clock = clock;
    }

    public Change add(String name, String value) {
        Names.check("$.name", name);
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("$.value", "is required: a non-empty string");
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_VALUE_BYTES) {
            throw new InvalidInputException(
                    "$.value", "is " + bytes + " bytes, more than the limit of " + MAX_VALUE_BYTES + " bytes (8 KiB)");
        }
        return vault.add(cipher.seal(name, value, clock.instant())) ? new Change.Done(name) : new Change.Taken(name);
    }

    public List<SecretInfo> list() {
        return vault.list();
    }

    public boolean exists(String name) {
        return vault.exists(name);
    }

    /** The value in clear, for an assignment only. */
    public Optional<String> reveal(String name) {
        return vault.find(name).map(cipher::open);
    }

    public Change delete(String name) {
        List<String> users = scenarios.list().stream()
                .filter(saved -> ScenarioInputs.secrets(saved.scenario()).contains(name))
                .map(SavedScenario::name)
                .toList();
        if (!users.isEmpty()) {
            return new Change.InUse(name, users);
        }
        return vault.delete(name) ? new Change.Done(name) : new Change.Missing(name);
    }
}
