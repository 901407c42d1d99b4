package dev.loadlab.protocol.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with references, as written in a request's path, header values and body: {@code ${name}} is a session
 * variable (a dataset column or a value saved by an earlier request), {@code ${secret:NAME}} a stored secret, and
 * {@code $$} a literal {@code $}. Any other {@code $} is refused, so a typo never goes out as text. Immutable.
 */
public final class Template {
    /** A session variable's name: a dataset column or a {@code save} key. */
    public static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /** A secret's name, as stored with {@code POST /api/v1/secrets}. */
    public static final Pattern SECRET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*)}");
    private static final String SECRET_PREFIX = "secret:";

    /** One piece of a template. */
    public sealed interface Part permits Text, Variable, Secret {}

    public record Text(String text) implements Part {}

    public record Variable(String name) implements Part {}

    public record Secret(String name) implements Part {}

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses {@code text}; throws {@link IllegalArgumentException} saying what is wrong and where (an unclosed
     * {@code ${}, a bad name, a lone {@code $}).
     */
    public static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            if (text.startsWith("$$", i)) {
                literal.append('$');
                i += 2;
                continue;
            }
            Matcher reference = REFERENCE.matcher(text).region(i, text.length());
            if (!reference.lookingAt()) {
                throw new IllegalArgumentException("has a '$' at position " + i
                        + " that starts no ${name} or ${secret:NAME}; write a literal '$' as '$$'");
            }
            String inside = reference.group(1);
            Part part;
            if (inside.startsWith(SECRET_PREFIX)) {
                String name = inside.substring(SECRET_PREFIX.length());
                if (!SECRET.matcher(name).matches()) {
                    throw new IllegalArgumentException("names a secret \"" + name
                            + "\" that is not a valid secret name (1 to 64 letters, digits, '.', '_' or '-')");
                }
                part = new Secret(name);
            } else {
                if (!VARIABLE.matcher(inside).matches()) {
                    throw new IllegalArgumentException("names a variable \"" + inside
                            + "\" that is not a valid name (a letter or '_', then up to 63 letters, digits or '_')");
                }
                part = new Variable(inside);
            }
            if (!literal.isEmpty()) {
                parts.add(new Text(literal.toString()));
                literal.setLength(0);
            }
            parts.add(part);
            i = reference.end();
        }
        if (!literal.isEmpty()) {
            parts.add(new Text(literal.toString()));
        }
        return new Template(text, parts);
    }

    public List<Part> parts() {
        return parts;
    }

    /** The text as written. */
    public String source() {
        return source;
    }

    /** True when the template has no references: it renders to the same text every time. */
    public boolean constant() {
        return parts.stream().allMatch(p -> p instanceof Text);
    }

    /** The session variables referred to, in order of first use. */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Variable v) {
                names.add(v.name());
            }
        }
        return names;
    }

    /** The secrets referred to, in order of first use. */
    public Set<String> secrets() {
        Set<String> names = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Secret s) {
                names.add(s.name());
            }
        }
        return names;
    }

    /**
     * The text with every reference replaced. A lookup that returns null throws {@link MissingValueException} naming
     * the reference (a secret's value is never in the message).
     */
    public String render(Function<String, String> variables, Function<String, String> secrets) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            switch (part) {
                case Text t -> out.append(t.text());
                case Variable v -> out.append(require(variables.apply(v.name()), "${" + v.name() + "}"));
                case Secret s -> out.append(require(secrets.apply(s.name()), "${secret:" + s.name() + "}"));
            }
        }
        return out.toString();
    }

    private static String require(String value, String reference) {
        if (value == null) {
            throw new MissingValueException(reference);
        }
        return value;
    }

    /** A reference had no value when the template was rendered. */
    public static final class MissingValueException extends RuntimeException {
        private final String reference;

        public MissingValueException(String reference) {
            super(reference + " has no value");
            this.reference = reference;
        }

        public String reference() {
            return reference;
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
