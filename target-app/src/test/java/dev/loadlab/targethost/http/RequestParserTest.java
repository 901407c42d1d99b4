package dev.loadlab.targethost.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestParserTest {
    @Test
    void aRequestSplitOverSeveralReadsIsParsedOnceComplete() {
        ByteBuffer buffer = ByteBuffer.allocate(RequestParser.BUFFER_BYTES);
        buffer.put(bytes("GET /io?ms=5 HTTP/1.1\r\nHost: x\r\n"));
        buffer.flip();
        assertThat(RequestParser.parse(buffer)).isInstanceOf(ParseResult.NeedMore.class);
        assertThat(buffer.position()).isZero();
        buffer.compact();
        buffer.put(bytes("\r\n"));
        buffer.flip();
        HttpRequest request = complete(RequestParser.parse(buffer));
        assertHead(request, "GET", "/io", "ms=5", true);
        assertThat(request.body()).isSameAs(HttpRequest.NO_BODY);
        assertThat(request.authorization()).isNull();
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void pipelinedRequestsAreTakenOneAtATimeWithTheirBodies() {
        ByteBuffer buffer = ByteBuffer.wrap(bytes("POST /items HTTP/1.1\r\nContent-Length: 5\r\n"
                + "authorization: Bearer t\r\nContent-Type: application/json\r\n\r\nabcde"
                + "GET /hello HTTP/1.1\r\nConnection: close\r\n\r\nGET /he"));
        HttpRequest post = complete(RequestParser.parse(buffer));
        assertHead(post, "POST", "/items", null, true);
        assertThat(new String(post.body(), StandardCharsets.UTF_8)).isEqualTo("abcde");
        assertThat(post.authorization()).isEqualTo("Bearer t");
        assertThat(post.contentType()).isEqualTo("application/json");
        assertThat(post.headers())
                .containsExactly(
                        Map.entry("content-length", "5"),
                        Map.entry("authorization", "Bearer t"),
                        Map.entry("content-type", "application/json"));
        assertHead(complete(RequestParser.parse(buffer)), "GET", "/hello", null, false);
        assertThat(RequestParser.parse(buffer)).isInstanceOf(ParseResult.NeedMore.class);
    }

    @Test
    void aBodyNotYetArrivedMeansNeedMore() {
        ByteBuffer buffer = ByteBuffer.wrap(bytes("POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"));
        assertThat(RequestParser.parse(buffer)).isInstanceOf(ParseResult.NeedMore.class);
        assertThat(buffer.position()).isZero();
    }

    @Test
    void chunkedBodiesAreDecodedOnceTheLastChunkAndTrailersHaveArrived() {
        String request = "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\nGET /hello HTTP/1.1\r\n\r\n";
        for (int cut = request.indexOf("\r\n\r\n") + 4; cut < request.indexOf("GET /hello"); cut++) {
            assertThat(RequestParser.parse(ByteBuffer.wrap(bytes(request.substring(0, cut)))))
                    .as("cut at %d", cut)
                    .isInstanceOf(ParseResult.NeedMore.class);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes(request));
        HttpRequest post = complete(RequestParser.parse(buffer));
        assertThat(new String(post.body(), StandardCharsets.UTF_8)).isEqualTo("hello, world");
        assertHead(complete(RequestParser.parse(buffer)), "GET", "/hello", null, true);
    }

    @Test
    void http10ClosesUnlessAskedToKeepAlive() {
        assertHead(
                complete(RequestParser.parse(ByteBuffer.wrap(bytes("GET / HTTP/1.0\r\n\r\n")))),
                "GET",
                "/",
                null,
                false);
        assertHead(
                complete(RequestParser.parse(
                        ByteBuffer.wrap(bytes("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")))),
                "GET",
                "/",
                null,
                true);
    }

    @Test
    void malformedAndOversizedRequestsAreRefusedWithAStatus() {
        assertThat(RequestParser.parse(ByteBuffer.wrap(bytes("NONSENSE\r\n\r\n"))))
                .isEqualTo(new ParseResult.Malformed(400, "the request line is not 'METHOD TARGET HTTP/1.x'"));
        assertThat(status("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")).isEqualTo(400);
        assertThat(status("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"))
                .isEqualTo(400);
        assertThat(status("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .isEqualTo(400);
        assertThat(status("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"))
                .isEqualTo(400);
        assertThat(status("POST / HTTP/1.1\r\nContent-Length: " + (RequestParser.MAX_BODY_BYTES + 1) + "\r\n\r\n"))
                .isEqualTo(413);
        assertThat(status("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10001\r\n"))
                .isEqualTo(413);
        ByteBuffer huge = ByteBuffer.wrap(bytes("GET /" + "a".repeat(RequestParser.MAX_HEAD_BYTES + 1)));
        assertThat(RequestParser.parse(huge))
                .extracting(result -> ((ParseResult.Malformed) result).status())
                .isEqualTo(431);
    }

    @Test
    void aBodyLargerThanTheFirstBufferGetsALargerOneAndTheLimitIsServed() {
        String head = "POST /items HTTP/1.1\r\nContent-Length: " + RequestParser.MAX_BODY_BYTES + "\r\n\r\n";
        byte[] request = bytes(head + "x".repeat(RequestParser.MAX_BODY_BYTES));
        ByteBuffer buffer = ByteBuffer.allocate(RequestParser.BUFFER_BYTES);
        int sent = 0;
        ParseResult result = new ParseResult.NeedMore();
        while (result instanceof ParseResult.NeedMore) {
            buffer = RequestParser.room(buffer);
            int n = Math.min(buffer.remaining(), request.length - sent);
            buffer.put(request, sent, n);
            sent += n;
            buffer.flip();
            result = RequestParser.parse(buffer);
            buffer.compact();
        }
        assertThat(buffer.capacity()).isEqualTo(RequestParser.MAX_REQUEST_BYTES);
        assertThat(complete(result).body()).hasSize(RequestParser.MAX_BODY_BYTES);
    }

    private static int status(String request) {
        return ((ParseResult.Malformed) RequestParser.parse(ByteBuffer.wrap(bytes(request)))).status();
    }

    private static HttpRequest complete(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Complete.class);
        return ((ParseResult.Complete) result).request();
    }

    private static void assertHead(HttpRequest request, String method, String path, String query, boolean keepAlive) {
        assertThat(request.method()).isEqualTo(method);
        assertThat(request.path()).isEqualTo(path);
        assertThat(request.rawQuery()).isEqualTo(query);
        assertThat(request.keepAlive()).as("keep-alive").isEqualTo(keepAlive);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
