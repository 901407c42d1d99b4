package dev.loadlab.targethost.shop;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * What every worker process of one host must share for the scenario endpoints: the login password, the token key and
 * the items directory. The host makes them once ({@link #forNewHost}) and hands the two secrets to its worker processes
 * in their environment ({@link #environment}), never on a command line that {@code ps} shows. Immutable (do not modify
 * {@code tokenKey}).
 *
 * @param loginPassword the password {@code POST /login} accepts
 * @param tokenKey the HMAC key of {@link Tokens}, 32 random bytes per host
 * @param itemsDirectory where {@link ItemStore} keeps the items
 */
public record ShopSettings(String loginPassword, byte[] tokenKey, Path itemsDirectory) {
    /** The host's login password unless configured otherwise. */
    public static final String DEFAULT_LOGIN_PASSWORD = "loadlab";

    /** The login password: a host option, and how the supervisor passes it on to its worker processes. */
    public static final String LOGIN_PASSWORD_ENV = "LOADLAB_TARGET_LOGIN_PASSWORD";

    /** The token key (base64) in a worker process's environment; set by the supervisor, not by an operator. */
    public static final String TOKEN_KEY_ENV = "LOADLAB_TARGET_TOKEN_KEY";

    private static final SecureRandom RANDOM = new SecureRandom();

    public ShopSettings {
        if (loginPassword == null || loginPassword.isEmpty()) {
            throw new IllegalArgumentException("the login password must not be empty");
        }
    }

    /** A new random token key and a new items directory under the system's temporary directory. */
    public static ShopSettings forNewHost(String loginPassword) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return new ShopSettings(loginPassword, key, ItemStore.createDirectory());
    }

    /** The variables a worker process needs in its environment to read these settings back. */
    public Map<String, String> environment() {
        return Map.of(
                LOGIN_PASSWORD_ENV,
                loginPassword,
                TOKEN_KEY_ENV,
                Base64.getEncoder().encodeToString(tokenKey));
    }

    /** A worker process's settings, from the environment its supervisor gave it; an error names the variable. */
    public static ShopSettings fromEnvironment(Map<String, String> env, Path itemsDirectory) {
        String password = env.get(LOGIN_PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(LOGIN_PASSWORD_ENV + " is required");
        }
        String key = env.get(TOKEN_KEY_ENV);
        byte[] decoded;
        try {
            decoded = key == null ? new byte[0] : Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            decoded = new byte[0];
        }
        if (decoded.length < 32) {
            throw new IllegalArgumentException(TOKEN_KEY_ENV + " is required: at least 32 bytes in base64");
        }
        return new ShopSettings(password, decoded, itemsDirectory);
    }

    /** Deletes the items directory (when the host stops). */
    public void deleteItems() {
        ItemStore.deleteDirectory(itemsDirectory);
    }
}
