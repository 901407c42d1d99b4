package dev.loadlab.coordinator.model;

import dev.loadlab.protocol.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A position in the newest-first run history: the last run a page showed, by submission time and insertion sequence.
 * Keyset pagination from it stays stable while new runs are inserted (they sort before it). Immutable.
 */
public record RunCursor(Instant submittedAt, long seq) {
    public String encode() {
        String raw = submittedAt.getEpochSecond() + ":" + submittedAt.getNano() + ":" + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor a page returned; anything else is refused naming the {@code cursor} parameter. */
    public static RunCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("three parts expected");
            }
            return new RunCursor(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    Long.parseLong(parts[2]));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor this API returned (use nextCursor as it is)");
        }
    }
}
