package dev.loadlab.targethost.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Incremental HTTP/1.1 request parsing over a {@link ByteBuffer}, shared by every raw front-end: it copes with a
 * request split over several reads (partial) and several requests in one read (pipelined), because it consumes exactly
 * one request per call and leaves the rest in the buffer. Bodies come with {@code Content-Length} or chunked ({@code
 * Transfer-Encoding: chunked}, decoded here) and are kept with the head in {@link HttpRequest#raw()}; heads are limited to {@value #MAX_HEAD_BYTES} bytes (431) and bodies to
 * {@value #MAX_BODY_BYTES} (413). A connection starts with a {@value #BUFFER_BYTES}-byte buffer, which holds any
 * acceptable head; {@link #room} grows it once a request needs more. Stateless, hence thread-safe.
 */
public final class RequestParser {
    /** Largest request head accepted; a load generator's heads are a few hundred bytes, a bearer token adds little. */
    public static final int MAX_HEAD_BYTES = 16 * 1024;

    /** Largest request body accepted (after chunked decoding). */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** A connection's first read buffer: holds any acceptable head, and a small body with it. */
    public static final int BUFFER_BYTES = MAX_HEAD_BYTES + 1024;

    /**
     * The most one request may occupy in the buffer: head, body, and the chunk framing of a body sent in chunks of at
     * least about 64 bytes. A chunked request still incomplete at this size is refused with 413.
     */
    public static final int MAX_REQUEST_BYTES = MAX_HEAD_BYTES + 4 + MAX_BODY_BYTES + 8 * 1024;

    private static final ParseResult NEED_MORE = new ParseResult.NeedMore();
    private static final String TOO_LARGE = "request bodies are limited to " + MAX_BODY_BYTES + " bytes";

    private RequestParser() {}

    /**
     * The buffer to read into next (in write mode): {@code buffer} itself while it has room, otherwise (a request
     * larger than the first buffer) a copy of its content in one of {@link #MAX_REQUEST_BYTES}. {@link #parse} answers
     * every request that reaches that size, so a full large buffer never needs more room.
     */
    public static ByteBuffer room(ByteBuffer buffer) {
        if (buffer.hasRemaining() || buffer.capacity() >= MAX_REQUEST_BYTES) {
            return buffer;
        }
        ByteBuffer larger = ByteBuffer.allocate(MAX_REQUEST_BYTES);
        buffer.flip();
        larger.put(buffer);
        return larger;
    }

    /** The head, then CRLF CRLF and a decoded chunked body, as {@link HttpRequest#raw()} has them. */
    private static byte[] withBody(byte[] head, byte[] body) {
        if (body.length == 0) {
            return head;
        }
        byte[] raw = Arrays.copyOf(head, head.length + 4 + body.length);
        raw[head.length] = '\r';
        raw[head.length + 1] = '\n';
        raw[head.length + 2] = '\r';
        raw[head.length + 3] = '\n';
        System.arraycopy(body, 0, raw, head.length + 4, body.length);
        return raw;
    }

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
        if (headEnd - start > MAX_HEAD_BYTES) {
            return new ParseResult.Malformed(431, "the request head is larger than " + MAX_HEAD_BYTES + " bytes");
        }
        byte[] headBytes = new byte[headEnd - start];
        buffer.get(start, headBytes);
        String[] lines = new String(headBytes, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            return new ParseResult.Malformed(400, "the request line is not 'METHOD TARGET HTTP/1.x'");
        }
        boolean keepAlive = !requestLine[2].equals("HTTP/1.0");
        long contentLength = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                return new ParseResult.Malformed(400, "a header line has no name");
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Content-Length")) {
                long length;
                try {
                    length = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    length = -1;
                }
                if (length < 0 || (contentLength >= 0 && length != contentLength)) {
                    return new ParseResult.Malformed(400, "Content-Length must be one non-negative integer");
                }
                if (length > MAX_BODY_BYTES) {
                    return new ParseResult.Malformed(413, TOO_LARGE);
                }
                contentLength = length;
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                if (!value.equalsIgnoreCase("chunked")) {
                    return new ParseResult.Malformed(
                            400, "Transfer-Encoding must be chunked (or send Content-Length), was '" + value + "'");
                }
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection")) {
                String lower = value.toLowerCase(Locale.ROOT);
                if (lower.contains("close")) {
                    keepAlive = false;
                } else if (lower.contains("keep-alive")) {
                    keepAlive = true;
                }
            }
        }
        if (chunked && contentLength >= 0) {
            return new ParseResult.Malformed(400, "send either Content-Length or Transfer-Encoding, not both");
        }
        int bodyStart = headEnd + 4;
        int requestEnd;
        byte[] raw = headBytes; // no body: the head's own array, no copy
        if (chunked) {
            ChunkedBody decoded = ChunkedBody.decode(buffer, bodyStart, limit);
            if (decoded == null) {
                return limit - start >= MAX_REQUEST_BYTES ? new ParseResult.Malformed(413, TOO_LARGE) : NEED_MORE;
            }
            if (decoded.status() != 0) {
                return new ParseResult.Malformed(
                        decoded.status(), decoded.status() == 413 ? TOO_LARGE : decoded.error());
            }
            requestEnd = decoded.end();
            raw = withBody(headBytes, decoded.body());
        } else {
            requestEnd = bodyStart + (int) Math.max(0, contentLength);
            if (requestEnd > limit) {
                return NEED_MORE; // the body has not fully arrived
            }
            if (contentLength > 0) {
                raw = new byte[requestEnd - start]; // head, CRLF CRLF and body lie in the buffer as raw has them
                buffer.get(start, raw);
            }
        }
        buffer.position(requestEnd);
        String target = requestLine[1];
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        return new ParseResult.Complete(new HttpRequest(requestLine[0], path, query, keepAlive, raw));
    }
}
