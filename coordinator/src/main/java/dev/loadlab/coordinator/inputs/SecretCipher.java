package dev.loadlab.coordinator.inputs;

import dev.loadlab.coordinator.model.SealedSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens secret values with AES-256-GCM: a fresh random 12-byte nonce per value, a 128-bit tag, and the
 * secret's name as associated data, so a ciphertext copied onto another name does not open. Thread-safe (a new
 * {@link Cipher} per call).
 */
public final class SecretCipher {
    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(byte[] key) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the secret key must be " + KEY_BYTES + " bytes, was " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    public SealedSecret seal(String name, String value, Instant now) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, name, nonce);
            return new SealedSecret(name, nonce, cipher.doFinal(value.getBytes(StandardCharsets.UTF_8)), now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalStateException when the value does not open: another key, or a tampered row */
    public String open(SealedSecret sealed) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, sealed.name(), sealed.nonce());
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret " + sealed.name() + " cannot be decrypted with this coordinator's"
                    + " secret key (was LOADLAB_SECRET_KEY or <data-dir>/secret-key changed?)");
        }
    }

    private Cipher cipher(int mode, String name, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
