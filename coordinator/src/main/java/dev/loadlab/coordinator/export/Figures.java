package dev.loadlab.coordinator.export;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How the HTML export writes numbers and times, as the dashboard does ({@code lib.js}): requests/s with one decimal
 * below 100 and none above, shares as percentages, instants in UTC to the second, a dash for an unknown figure.
 * Stateless.
 */
final class Figures {
    static final String DASH = "—";

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Figures() {}

    static String rps(Double value) {
        return value == null ? DASH : number(value, Math.abs(value) < 100 ? 1 : 0);
    }

    static String number(Double value, int digits) {
        if (value == null || value.isNaN()) {
            return DASH;
        }
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    static String whole(Number value) {
        return value == null ? DASH : value.toString();
    }

    /** A share 0..1 as a percentage with {@code digits} decimals. */
    static String percent(Double share, int digits) {
        return share == null ? DASH : number(share * 100, digits) + "%";
    }

    static String time(Instant at) {
        return at == null ? DASH : UTC.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Seconds between two instants as "12.3 s" or "1m 05s". */
    static String elapsed(Instant from, Instant to) {
        if (from == null || to == null || to.isBefore(from)) {
            return DASH;
        }
        double seconds = Duration.between(from, to).toMillis() / 1000.0;
        if (seconds < 60) {
            return number(seconds, 1) + " s";
        }
        long minutes = (long) (seconds / 60);
        return String.format(Locale.ROOT, "%dm %02ds", minutes, Math.round(seconds - minutes * 60));
    }
}
