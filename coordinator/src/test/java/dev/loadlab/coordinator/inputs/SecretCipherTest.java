package dev.loadlab.coordinator.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loadlab.coordinator.model.SealedSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
    private final SecretCipher cipher = new SecretCipher(new byte[32]);

    @Test
    void sealsWithAFreshNonceAndOpensAgain() {
        SealedSecret a = cipher.seal("k", "hunter2", Instant.EPOCH);
        SealedSecret b = cipher.seal("k", "hunter2", Instant.EPOCH);

        assertThat(a.nonce()).isNotEqualTo(b.nonce());
        assertThat(new String(a.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");
        assertThat(cipher.open(a)).isEqualTo("hunter2");
        assertThat(a.toString()).doesNotContain("hunter2");
    }

    @Test
    void aCiphertextMovedToAnotherNameOrKeyDoesNotOpen() {
        SealedSecret sealed = cipher.seal("k", "hunter2", Instant.EPOCH);
        SealedSecret moved = new SealedSecret("other", sealed.nonce(), sealed.ciphertext(), Instant.EPOCH);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;

        assertThatThrownBy(() -> cipher.open(moved)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretCipher(otherKey).open(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("hunter2");
    }
}
