package dev.loadlab.targethost.shop;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless bearer tokens: {@code base64url(user) "." issuedAtEpochSeconds "." base64url(HMAC-SHA256(key, the part
 * before))}. Any worker process holding the host's key accepts a token another one issued, with no shared session
 * store; a token is valid for the host's lifetime (the key is made new each time the host starts). Thread-safe (each
 * call uses its own {@link Mac}).
 */
public final class Tokens {
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Mac prototype;

    /** @param key the host's secret key, at least 32 bytes */
    public Tokens(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the token key must be at least 32 bytes");
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(key, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no " + ALGORITHM, e);
        }
    }

    /** A token for {@code user}, issued at {@code now}. */
    public String issue(String user, Instant now) {
        String payload = ENCODER.encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "." + now.getEpochSecond();
        return payload + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The user a genuine token was issued to, or {@code null} for anything else. */
    public String verify(String token) {
        int last = token.lastIndexOf('.');
        int first = token.indexOf('.');
        if (first <= 0 || last <= first) {
            return null;
        }
        String payload = token.substring(0, last);
        byte[] signature;
        try {
            signature = DECODER.decode(token.substring(last + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
        // Constant-time: the answer time must not reveal how much of a forged signature was right.
        if (!MessageDigest.isEqual(signature, mac(payload))) {
            return null;
        }
        return new String(DECODER.decode(token.substring(0, first)), StandardCharsets.UTF_8);
    }

    private byte[] mac(String payload) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(ALGORITHM + " cannot be cloned", e);
        }
        return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    }
}
