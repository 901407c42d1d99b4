package dev.loadlab.coordinator.model;

import java.util.List;
import java.util.Optional;

/**
 * The storage port for secrets, which it only ever sees sealed (encrypted). Each method is one transaction and throws
 * {@link StorageException} when the store fails. Implementations are thread-safe.
 */
public interface SecretVault {
    /** Stores a new secret; false (nothing written) when the name is taken. */
    boolean add(SealedSecret secret);

    /** Every secret's name and creation time, by name. */
    List<SecretInfo> list();

    Optional<SealedSecret> find(String name);

    boolean exists(String name);

    /** False when there was no such secret. */
    boolean delete(String name);
}
