package dev.loadlab.targethost.http;

/** What {@link RequestParser#parse} found in the bytes received so far. Immutable. */
public sealed interface ParseResult {
    /** The head (and body) are not complete yet: read more and call again. */
    record NeedMore() implements ParseResult {}

    /** A complete request, consumed from the buffer. */
    record Complete(HttpRequest request) implements ParseResult {}

    /**
     * A request the server will not serve: answer {@code status} with {@code detail} and close the connection (the byte
     * stream can no longer be trusted to be in step).
     */
    record Malformed(int status, String detail) implements ParseResult {}
}
