package dev.loadlab.coordinator.model;

import java.time.Instant;

/**
 * A secret as stored: its name, the AES-GCM nonce and the ciphertext (with its tag); never the value in clear.
 * {@link #toString()} shows the name only. Immutable (the arrays are not copied: do not change them).
 */
public record SealedSecret(String name, byte[] nonce, byte[] ciphertext, Instant createdAt) {
    @Override
    public String toString() {
        return "SealedSecret[" + name + "]";
    }
}
