package dev.loadlab.coordinator.http;

import dev.loadlab.coordinator.model.RunCursor;
import dev.loadlab.coordinator.model.RunFilter;
import dev.loadlab.coordinator.model.RunStatus;
import dev.loadlab.coordinator.runs.Labels;
import dev.loadlab.coordinator.search.SloVerdict.Outcome;
import dev.loadlab.protocol.InvalidInputException;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The query parameters of {@code GET /api/v1/runs}: {@code scenario}, {@code status}, {@code verdict}, {@code label=key:value}
 * (repeatable, all must match), {@code from} and {@code to} (ISO-8601 instants, submission time), {@code limit} and
 * {@code cursor}. Immutable.
 */
record HistoryQuery(RunFilter filter, int limit, RunCursor cursor) {
    static HistoryQuery of(MultiMap params) {
        RunStatus parsedStatus = choice(params, "status", RunStatus.class, Arrays.toString(RunStatus.values()));
        Outcome parsedVerdict = choice(params, "verdict", Outcome.class, "passed, failed, inconclusive");
        RunFilter filter = new RunFilter(
                params.get("scenario"),
                parsedStatus,
                Labels.parse(params.getAll("label")),
                instant(params, "from"),
                instant(params, "to"),
                parsedVerdict);
        String limit = params.get("limit");
        int parsedLimit;
        try {
            parsedLimit = limit == null ? 50 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("limit", "must be a whole number, was \"" + limit + "\"");
        }
        String cursor = params.get("cursor");
        return new HistoryQuery(filter, parsedLimit, cursor == null ? null : RunCursor.decode(cursor));
    }

    /** The named parameter as one of {@code type}'s constants, in any case; null when absent. */
    private static <E extends Enum<E>> E choice(MultiMap params, String name, Class<E> type, String allowed) {
        String raw = params.get(name);
        if (raw == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, "must be one of " + allowed + ", was \"" + raw + "\"");
        }
    }

    private static Instant instant(MultiMap params, String name) {
        String raw = params.get(name);
        try {
            return raw == null ? null : Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    name, "must be an ISO-8601 instant such as 2026-11-24T10:00:00Z, was \"" + raw + "\"");
        }
    }
}
