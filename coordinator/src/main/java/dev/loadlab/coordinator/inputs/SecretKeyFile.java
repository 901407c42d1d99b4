package dev.loadlab.coordinator.inputs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret key a coordinator keeps when none is configured: 32 random bytes (base64) in {@code secret-key} under the
 * data directory, created once, readable and writable by its owner only, read again at every start so stored secrets
 * stay readable. Stateless.
 */
public final class SecretKeyFile {
    public static final String NAME = "secret-key";

    private SecretKeyFile() {}

    public static byte[] loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] random = new byte[SecretCipher.KEY_BYTES];
                new SecureRandom().nextBytes(random);
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(
                            file, Base64.getEncoder().encodeToString(random) + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // Another coordinator on this data directory created it first: use theirs.
                }
            }
            byte[] key;
            try {
                key = Base64.getDecoder()
                        .decode(Files.readString(file, StandardCharsets.US_ASCII)
                                .strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + " is not base64; restore it, or delete it (and every stored"
                        + " secret with it) to have a new key generated");
            }
            if (key.length != SecretCipher.KEY_BYTES) {
                throw new IllegalStateException(
                        file + " holds " + key.length + " bytes, not " + SecretCipher.KEY_BYTES + "; restore it");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the secret key in " + file, e);
        }
    }
}
