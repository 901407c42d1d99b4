package dev.loadlab.targethost.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Incremental HTTP/1.1 request parsing over a {@link ByteBuffer}, shared by every front-end: it copes with a request
 * split over several reads (partial) and several requests in one read (pipelined), because it consumes exactly one
 * request per call and leaves the rest in the buffer. Bodies announced by {@code Content-Length} are skipped;
 * chunked request bodies are refused (no endpoint takes a body). Stateless, hence thread-safe.
 */
public final class RequestParser {
    /** Largest request head accepted; a load generator's heads are a few hundred bytes. */
    public static final int MAX_HEAD_BYTES = 8 * 1024;

    /** Largest request body accepted (and skipped). */
    public static final int MAX_BODY_BYTES = 8 * 1024;

    /** A read buffer of this size always holds one complete acceptable request. */
    public static final int BUFFER_BYTES = MAX_HEAD_BYTES + MAX_BODY_BYTES + 1024;

    private static final ParseResult NEED_MORE = new ParseResult.NeedMore();

    private RequestParser() {}

    /**
     * Parses one request from {@code buffer} (in read mode, from its position). On {@link ParseResult.Complete} the
     * position moves past the request and its body; otherwise it is unchanged.
     */
    public static ParseResult parse(ByteBuffer buffer) {
        int start = buffer.position();
        int limit = buffer.limit();
        int headEnd = -1;
        for (int i = start; i + 3 < limit; i++) {
            if (buffer.get(i) == '\r'
                    && buffer.get(i + 1) == '\n'
                    && buffer.get(i + 2) == '\r'
                    && buffer.get(i + 3) == '\n') {
                headEnd = i;
                break;
            }
        }
        if (headEnd < 0) {
            return limit - start > MAX_HEAD_BYTES
                    ? new ParseResult.Malformed(431, "the request head is larger than " + MAX_HEAD_BYTES + " bytes")
                    : NEED_MORE;
        }
        byte[] headBytes = new byte[headEnd - start];
        buffer.get(start, headBytes);
        String[] lines = new String(headBytes, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            return new ParseResult.Malformed(400, "the request line is not 'METHOD TARGET HTTP/1.x'");
        }
        boolean http10 = requestLine[2].equals("HTTP/1.0");
        boolean keepAlive = !http10;
        long contentLength = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return new ParseResult.Malformed(400, "a header line has no name");
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Content-Length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    contentLength = -1;
                }
                if (contentLength < 0) {
                    return new ParseResult.Malformed(400, "Content-Length must be a non-negative integer");
                }
                if (contentLength > MAX_BODY_BYTES) {
                    return new ParseResult.Malformed(413, "request bodies are limited to " + MAX_BODY_BYTES + " bytes");
                }
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                return new ParseResult.Malformed(411, "chunked request bodies are not accepted; send Content-Length");
            } else if (name.equalsIgnoreCase("Connection")) {
                String lower = value.toLowerCase(Locale.ROOT);
                if (lower.contains("close")) {
                    keepAlive = false;
                } else if (lower.contains("keep-alive")) {
                    keepAlive = true;
                }
            }
        }
        int requestEnd = headEnd + 4 + (int) contentLength;
        if (requestEnd > limit) {
            return NEED_MORE; // the body has not fully arrived; it is skipped once it has
        }
        buffer.position(requestEnd);
        String target = requestLine[1];
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        return new ParseResult.Complete(new HttpRequest(requestLine[0], path, query, keepAlive));
    }
}
