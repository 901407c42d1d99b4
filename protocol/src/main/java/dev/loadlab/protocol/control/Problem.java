package dev.loadlab.protocol.control;

/**
 * Every error the control API answers, as {@code application/problem+json} (RFC 9457). Immutable.
 *
 * @param type always {@code about:blank}: the status says what kind of problem it is
 * @param title the status's reason phrase
 * @param status the HTTP status
 * @param detail what was wrong, naming the limit
 * @param pointer the JSON pointer of the bad field ({@code ""}: the whole body), or {@code null} (omitted) when no
 *     field is to blame
 */
public record Problem(String type, String title, int status, String detail, String pointer) {
    public static final String ABOUT_BLANK = "about:blank";

    public static Problem of(int status, String title, String detail, String pointer) {
        return new Problem(ABOUT_BLANK, title, status, detail, pointer);
    }
}
