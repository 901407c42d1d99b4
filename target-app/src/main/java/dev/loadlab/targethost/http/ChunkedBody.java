package dev.loadlab.targethost.http;

import java.nio.ByteBuffer;

/**
 * A chunked request body (RFC 9112 section 7.1) found in a buffer: its decoded bytes and where the request ends, or
 * why it was refused. Chunk extensions and trailer fields are read past and ignored. Immutable.
 *
 * @param body the decoded body, or {@code null} when refused
 * @param end the position just past the last chunk and trailers
 * @param status 0, or the status to refuse the request with (400 malformed, 413 too large)
 * @param error what was malformed, or {@code null}
 */
record ChunkedBody(byte[] body, int end, int status, String error) {
    /**
     * Decodes the chunks starting at {@code from}; {@code null} while they have not all arrived. Two passes over the
     * bytes (find the end, then copy), so an incomplete body allocates nothing.
     */
    static ChunkedBody decode(ByteBuffer buffer, int from, int limit) {
        int total = 0;
        int pos = from;
        while (true) {
            int lineEnd = lineEnd(buffer, pos, limit);
            if (lineEnd < 0) {
                return null;
            }
            long size = chunkSize(buffer, pos, lineEnd);
            if (size < 0) {
                return refused(400, "a chunk size is not a hexadecimal number");
            }
            if (total + size > RequestParser.MAX_BODY_BYTES) {
                return refused(413, null);
            }
            pos = lineEnd + 2;
            if (size == 0) {
                break;
            }
            if (pos + size + 2 > limit) {
                return null;
            }
            if (buffer.get(pos + (int) size) != '\r' || buffer.get(pos + (int) size + 1) != '\n') {
                return refused(400, "a chunk's data is not followed by CRLF");
            }
            total += (int) size;
            pos += (int) size + 2;
        }
        while (true) { // trailer fields, up to the blank line
            int lineEnd = lineEnd(buffer, pos, limit);
            if (lineEnd < 0) {
                return null;
            }
            boolean blank = lineEnd == pos;
            pos = lineEnd + 2;
            if (blank) {
                break;
            }
        }
        byte[] body = new byte[total];
        int copied = 0;
        int at = from;
        while (copied < total) {
            int lineEnd = lineEnd(buffer, at, limit);
            int size = (int) chunkSize(buffer, at, lineEnd);
            buffer.get(lineEnd + 2, body, copied, size);
            copied += size;
            at = lineEnd + 2 + size + 2;
        }
        return new ChunkedBody(body, pos, 0, null);
    }

    private static ChunkedBody refused(int status, String error) {
        return new ChunkedBody(null, -1, status, error);
    }

    /** The position of the CR of the next CRLF at or after {@code from}, or -1. */
    private static int lineEnd(ByteBuffer buffer, int from, int limit) {
        for (int i = from; i + 1 < limit; i++) {
            if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The hexadecimal size before any {@code ;extension}, or -1 if there is none or it is absurdly large. */
    private static long chunkSize(ByteBuffer buffer, int from, int lineEnd) {
        long size = 0;
        int digits = 0;
        for (int i = from; i < lineEnd; i++) {
            int c = buffer.get(i);
            int digit = Character.digit(c, 16);
            if (digit < 0) {
                if (c == ';' || c == ' ' || c == '\t') {
                    break;
                }
                return -1;
            }
            size = size * 16 + digit;
            if (++digits > 8) {
                return -1;
            }
        }
        return digits == 0 ? -1 : size;
    }
}
