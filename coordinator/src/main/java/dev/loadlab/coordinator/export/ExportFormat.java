package dev.loadlab.coordinator.export;

import dev.loadlab.protocol.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats a run can be exported in, as named in {@code ?format=}, with the media type and file suffix of each. */
public enum ExportFormat {
    CSV("csv", "text/csv; charset=utf-8; header=present", "csv"),
    JUNIT("junit", "application/xml; charset=utf-8", "junit.xml"),
    HLOG("hlog", "text/plain; charset=utf-8", "hlog"),
    HTML("html", "text/html; charset=utf-8", "html");

    private final String wireName;
    private final String contentType;
    private final String suffix;

    ExportFormat(String wireName, String contentType, String suffix) {
        this.wireName = wireName;
        this.contentType = contentType;
        this.suffix = suffix;
    }

    /** The format {@code raw} names; an {@link InvalidInputException} on field {@code format} naming the allowed ones. */
    public static ExportFormat parse(String raw) {
        String allowed = Arrays.stream(values()).map(f -> f.wireName).collect(Collectors.joining(", "));
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("format", "is required: one of " + allowed);
        }
        String wanted = raw.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> f.wireName.equals(wanted))
                .findFirst()
                .orElseThrow(() ->
                        new InvalidInputException("format", "must be one of " + allowed + ", was \"" + raw + "\""));
    }

    public String wireName() {
        return wireName;
    }

    public String contentType() {
        return contentType;
    }

    /** The file name offered in {@code Content-Disposition} for run {@code runId}. */
    public String fileName(String runId) {
        return "loadlab-run-" + runId + "." + suffix;
    }
}
