package dev.loadlab.targethost.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TokensTest {
    private static final byte[] KEY = filled(7);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void anyHolderOfTheKeyAcceptsATokenAndNobodyElse() {
        String token = new Tokens(KEY).issue("ann.b", NOW);
        assertThat(token).startsWith("YW5uLmI." + NOW.getEpochSecond() + ".").matches("[A-Za-z0-9_.-]+");
        assertThat(new Tokens(KEY.clone()).verify(token))
                .as("another process, same key")
                .isEqualTo("ann.b");
        assertThat(new Tokens(filled(8)).verify(token)).as("another host's key").isNull();
    }

    @Test
    void aTamperedTokenIsRefused() {
        Tokens tokens = new Tokens(KEY);
        String token = tokens.issue("ann", NOW);
        String otherUser = token.replaceFirst("^[^.]+", "Ym9i"); // "bob"
        assertThat(tokens.verify(otherUser)).isNull();
        assertThat(tokens.verify(token.substring(0, token.length() - 2))).isNull();
        assertThat(tokens.verify("")).isNull();
        assertThat(tokens.verify("a.b")).isNull();
        assertThat(tokens.verify("..")).isNull();
        assertThat(tokens.verify("a.1.%%%")).isNull();
    }

    @Test
    void itemIdsAreUrlSafeAndSortByCreationTime() {
        String earlier = ItemStore.newId(NOW);
        String later = ItemStore.newId(NOW.plusNanos(1_000));
        assertThat(earlier).matches("[0-9a-f]{14}[A-Za-z0-9_-]{16}");
        assertThat(earlier.compareTo(later)).isNegative();
        assertThat(ItemStore.plausibleId(earlier)).isTrue();
        assertThat(ItemStore.plausibleId("../etc")).isFalse();
        assertThat(ItemStore.plausibleId(".x")).isFalse();
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
