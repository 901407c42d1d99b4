package dev.loadlab.coordinator.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * A small HTML writer for the HTML export: elements with attributes, escaped text, and the few raw fragments the page
 * needs (its inline script and style, each checked to hold nothing that would end its element early). Attribute values
 * and text are always escaped, so a scenario's or request's name cannot make markup. Mutable, not thread-safe: one per
 * page.
 */
final class Markup {
    private final StringBuilder out = new StringBuilder(64 * 1024);

    /** {@code <tag name="value" ...>}; {@code attributes} are name/value pairs, a pair whose value is null is left out. */
    Markup open(String tag, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes must be name/value pairs, got " + attributes.length);
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"");
                out.append(escape(attributes[i + 1])).append('"');
            }
        }
        out.append('>');
        return this;
    }

    Markup close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element holding only {@code text} (escaped; null as an empty element). */
    Markup element(String tag, String text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    Markup text(String text) {
        if (text != null) {
            out.append(escape(text));
        }
        return this;
    }

    /** Markup written by this package itself (the doctype, a line end). Never user data. */
    Markup raw(String trusted) {
        out.append(trusted);
        return this;
    }

    /**
     * A {@code <script>} or {@code <style>} element holding {@code body} as it is: an IllegalArgumentException when
     * the body holds its own end tag (which would end the element early), rather than a changed library.
     */
    Markup inline(String tag, String body, String... attributes) {
        if (body.toLowerCase(Locale.ROOT).contains("</" + tag)) {
            throw new IllegalArgumentException("an inline <" + tag + "> must not contain </" + tag + ">");
        }
        return open(tag, attributes).raw(body).close(tag);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** {@code text} safe in element content and in a double- or single-quoted attribute. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * JSON text made safe inside {@code <script type="application/json">}: every {@code <}, {@code >} and {@code &}
     * written as a JSON unicode escape, so neither {@code </script>} nor {@code <!--} can occur, whatever a name holds
     * (outside strings JSON has none of them, so this changes no value); U+2028 and U+2029 too, for older readers.
     */
    static String scriptJson(String json) {
        StringBuilder safe = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> safe.append("\\u003c");
                case '>' -> safe.append("\\u003e");
                case '&' -> safe.append("\\u0026");
                case '\u2028' -> safe.append("\\u2028");
                case '\u2029' -> safe.append("\\u2029");
                default -> safe.append(c);
            }
        }
        return safe.toString();
    }

    /** A Content-Security-Policy source for exactly this inline script or style: {@code 'sha256-BASE64'}. */
    static String cspHash(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
