package dev.loadlab.targethost.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed HTTP/1.1 request: its head, the two headers an endpoint reads ({@code Authorization}, {@code
 * Content-Type}) and its body. Only what the parser already had in hand is kept (the head's text, the header values it
 * cut out anyway), so a request without a body costs no more than before the app read bodies; the full header map is
 * built only when {@link #headers()} is called ({@code /echo}). Immutable (do not modify {@code body}).
 *
 * @param method e.g. {@code GET}
 * @param path the raw path, without the query
 * @param rawQuery the raw (percent-encoded) query, or {@code null}
 * @param keepAlive whether the client lets the connection stay open after the answer
 * @param authorization the {@code Authorization} header's value, or {@code null}
 * @param contentType the {@code Content-Type} header's value, or {@code null}
 * @param body the body, decoded from chunks if it came chunked; {@link #NO_BODY} when there is none
 * @param head the request line and header lines as received, separated by CRLF, without the blank line
 */
public record HttpRequest(
        String method,
        String path,
        String rawQuery,
        boolean keepAlive,
        String authorization,
        String contentType,
        byte[] body,
        String head) {
    /** The body of every request without one: shared, so such requests allocate no array. */
    public static final byte[] NO_BODY = new byte[0];

    /** A request without body or headers of interest, e.g. for tests. */
    public static HttpRequest of(String method, String path, String rawQuery, boolean keepAlive) {
        return new HttpRequest(
                method, path, rawQuery, keepAlive, null, null, NO_BODY, method + " " + path + " HTTP/1.1");
    }

    /**
     * Every header, names lower-cased, in the order received; a repeated header's values are joined with {@code ", "}
     * (RFC 9110 section 5.3). Parsed from {@link #head} on each call.
     */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).strip();
                headers.merge(name, value, (first, next) -> first + ", " + next);
            }
        }
        return headers;
    }
}
