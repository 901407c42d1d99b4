package dev.loadlab.targethost.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
        ParseResult result = RequestParser.parse(buffer);
        assertThat(result).isEqualTo(new ParseResult.Complete(new HttpRequest("GET", "/io", "ms=5", true)));
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void pipelinedRequestsAreTakenOneAtATimeAndBodiesSkipped() {
        ByteBuffer buffer = ByteBuffer.wrap(bytes("POST /hello HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcde"
                + "GET /hello HTTP/1.1\r\nConnection: close\r\n\r\nGET /he"));
        assertThat(RequestParser.parse(buffer))
                .isEqualTo(new ParseResult.Complete(new HttpRequest("POST", "/hello", null, true)));
        assertThat(RequestParser.parse(buffer))
                .isEqualTo(new ParseResult.Complete(new HttpRequest("GET", "/hello", null, false)));
        assertThat(RequestParser.parse(buffer)).isInstanceOf(ParseResult.NeedMore.class);
    }

    @Test
    void aBodyNotYetArrivedMeansNeedMore() {
        ByteBuffer buffer = ByteBuffer.wrap(bytes("POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc"));
        assertThat(RequestParser.parse(buffer)).isInstanceOf(ParseResult.NeedMore.class);
        assertThat(buffer.position()).isZero();
    }

    @Test
    void http10ClosesUnlessAskedToKeepAlive() {
        assertThat(RequestParser.parse(ByteBuffer.wrap(bytes("GET / HTTP/1.0\r\n\r\n"))))
                .isEqualTo(new ParseResult.Complete(new HttpRequest("GET", "/", null, false)));
        assertThat(RequestParser.parse(ByteBuffer.wrap(bytes("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"))))
                .isEqualTo(new ParseResult.Complete(new HttpRequest("GET", "/", null, true)));
    }

    @Test
    void malformedAndOversizedRequestsAreRefusedWithAStatus() {
        assertThat(RequestParser.parse(ByteBuffer.wrap(bytes("NONSENSE\r\n\r\n"))))
                .isEqualTo(new ParseResult.Malformed(400, "the request line is not 'METHOD TARGET HTTP/1.x'"));
        assertThat(RequestParser.parse(ByteBuffer.wrap(bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"))))
                .extracting(result -> ((ParseResult.Malformed) result).status())
                .isEqualTo(411);
        assertThat(RequestParser.parse(ByteBuffer.wrap(bytes("POST / HTTP/1.1\r\nContent-Length: 99999\r\n\r\n"))))
                .extracting(result -> ((ParseResult.Malformed) result).status())
                .isEqualTo(413);
        ByteBuffer huge = ByteBuffer.wrap(bytes("GET /" + "a".repeat(RequestParser.MAX_HEAD_BYTES + 1)));
        assertThat(RequestParser.parse(huge))
                .extracting(result -> ((ParseResult.Malformed) result).status())
                .isEqualTo(431);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
