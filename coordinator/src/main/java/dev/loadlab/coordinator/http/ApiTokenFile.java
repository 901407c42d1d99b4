package dev.loadlab.coordinator.http;

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
 * The REST API token a coordinator keeps when none is configured: 32 random bytes (base64url) in {@code api-token}
 * under the data directory, created once, readable and writable by its owner only, and read again at every start, so
 * a restarted coordinator keeps its token. Stateless.
 */
public final class ApiTokenFile {
    public static final String NAME = "api-token";

    private ApiTokenFile() {}

    /** The token kept in {@code dataDir}, created there first if missing. */
    public static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, token + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // Another coordinator on this data directory created it first: use theirs.
                }
            }
            String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (token.isEmpty()) {
                throw new IllegalStateException(file + " is empty; delete it to have a new token generated");
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the API token in " + file, e);
        }
    }
}
