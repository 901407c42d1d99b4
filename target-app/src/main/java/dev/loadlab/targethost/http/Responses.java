package dev.loadlab.targethost.http;

import java.nio.charset.StandardCharsets;

/**
 * Encodes HTTP/1.1 responses: status line, {@code Content-Type}, {@code Content-Length}, and {@code Connection: close}
 * when the connection ends after this answer. Always a fixed-length body, so the client never has to guess where the
 * answer ends. Stateless, hence thread-safe.
 */
public final class Responses {
    public static final String JSON = "application/json";
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String PROBLEM = "application/problem+json";

    private Responses() {}

    /** The whole response as bytes, ready to write. */
    public static byte[] encode(int status, String contentType, byte[] body, boolean keepAlive, String extraHeader) {
        StringBuilder head = new StringBuilder(128)
                .append("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason(status))
                .append("\r\nContent-Type: ")
                .append(contentType)
                .append("\r\nContent-Length: ")
                .append(body.length)
                .append("\r\n");
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        if (extraHeader != null) {
            head.append(extraHeader).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /** A problem+json answer (RFC 9457); {@code parameter} is omitted when {@code null}. */
    public static byte[] problem(int status, String detail, String parameter, boolean keepAlive, String extraHeader) {
        String json = problemBody(status, reason(status), detail, parameter);
        return encode(status, PROBLEM, json.getBytes(StandardCharsets.UTF_8), keepAlive, extraHeader);
    }

    /** The body of a problem+json answer (RFC 9457); {@code parameter} is omitted when {@code null}. */
    public static String problemBody(int status, String title, String detail, String parameter) {
        StringBuilder json = new StringBuilder(160)
                .append("{\"type\":\"about:blank\",\"title\":")
                .append(JsonText.quote(title))
                .append(",\"status\":")
                .append(status)
                .append(",\"detail\":")
                .append(JsonText.quote(detail));
        if (parameter != null) {
            json.append(",\"parameter\":").append(JsonText.quote(parameter));
        }
        return json.append('}').toString();
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }
}
