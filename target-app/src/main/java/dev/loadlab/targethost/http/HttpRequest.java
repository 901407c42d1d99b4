package dev.loadlab.targethost.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed HTTP/1.1 request: the parts every route needs as fields, and the raw head and body in one array, from which
 * the scenario endpoints read the headers and body they need ({@link #authorization()}, {@link #contentType()}, {@link
 * #headers()}, {@link #body()}) on demand. A request without a body keeps the very array the parser copied its head into
 * anyway, and the record is no larger than when it had no {@code raw} component (object alignment), so a workload
 * request allocates nothing more than before the app read bodies. Immutable (do not modify {@code raw}).
 *
 * @param method e.g. {@code GET}
 * @param path the raw path, without the query
 * @param rawQuery the raw (percent-encoded) query, or {@code null}
 * @param keepAlive whether the client lets the connection stay open after the answer
 * @param raw the request line and header lines as received (ISO-8859-1, CRLF-separated, without the blank line), then,
 *     if there is a body, CRLF CRLF and the body (decoded from chunks if it came chunked)
 */
public record HttpRequest(String method, String path, String rawQuery, boolean keepAlive, byte[] raw) {
    /** What {@link #body()} returns for a request without one: shared, so asking allocates nothing. */
    public static final byte[] NO_BODY = new byte[0];

    /** A request without body or headers, e.g. for tests. */
    public static HttpRequest of(String method, String path, String rawQuery, boolean keepAlive) {
        return new HttpRequest(
                method,
                path,
                rawQuery,
                keepAlive,
                (method + " " + path + " HTTP/1.1").getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The body; {@link #NO_BODY} when there is none. A new array on each call (the scenario endpoints call it once). */
    public byte[] body() {
        int end = headEnd();
        return end + 4 >= raw.length ? NO_BODY : Arrays.copyOfRange(raw, end + 4, raw.length);
    }

    /** The {@code Authorization} header's value, or {@code null}. */
    public String authorization() {
        return headers().get("authorization");
    }

    /** The {@code Content-Type} header's value, or {@code null}. */
    public String contentType() {
        return headers().get("content-type");
    }

    /**
     * Every header, names lower-cased, in the order received; a repeated header's values are joined with {@code ", "}
     * (RFC 9110 section 5.3). Parsed from {@link #raw} on each call.
     */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = new String(raw, 0, headEnd(), StandardCharsets.ISO_8859_1).split("\r\n");
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

    /** Where the head ends in {@link #raw}: its length, or the position of the CRLF CRLF before the body. */
    private int headEnd() {
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                return i;
            }
        }
        return raw.length;
    }
}
