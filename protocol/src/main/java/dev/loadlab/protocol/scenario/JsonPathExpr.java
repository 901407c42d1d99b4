package dev.loadlab.protocol.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset checks and {@code save} use, compiled once: {@code $} (the root), {@code .name} and
 * {@code ['name']} (a member), {@code [3]} (an element; {@code [-1]} the last), {@code [*]} and {@code .*} (every
 * member or element). Filters, slices and recursive descent ({@code ..}) are refused at validation, not skipped.
 * Immutable and thread-safe.
 */
public final class JsonPathExpr {
    private static final Pattern MEMBER = Pattern.compile("\\.([A-Za-z_$][A-Za-z0-9_$-]*)");
    private static final Pattern QUOTED = Pattern.compile("\\['((?:[^'\\\\]|\\\\.)*)']|\\[\"((?:[^\"\\\\]|\\\\.)*)\"]");
    private static final Pattern INDEX = Pattern.compile("\\[(-?\\d{1,9})]");
    private static final Pattern WILDCARD = Pattern.compile("\\.\\*|\\[\\*]");

    private sealed interface Segment permits Member, Index, Wildcard {}

    private record Member(String name) implements Segment {}

    private record Index(int index) implements Segment {}

    private record Wildcard() implements Segment {}

    private final String source;
    private final List<Segment> segments;

    private JsonPathExpr(String source, List<Segment> segments) {
        this.source = source;
        this.segments = List.copyOf(segments);
    }

    /** Compiles {@code path}; throws {@link IllegalArgumentException} saying where it leaves the subset. */
    public static JsonPathExpr compile(String path) {
        if (path == null || !path.startsWith("$")) {
            throw new IllegalArgumentException("must start with '$' (the document's root)");
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            if (path.startsWith("..", i)) {
                throw new IllegalArgumentException(
                        "uses recursive descent '..' at position " + i + ", which is not supported");
            }
            Matcher m;
            if ((m = WILDCARD.matcher(path).region(i, path.length())).lookingAt()) {
                segments.add(new Wildcard());
            } else if ((m = MEMBER.matcher(path).region(i, path.length())).lookingAt()) {
                segments.add(new Member(m.group(1)));
            } else if ((m = QUOTED.matcher(path).region(i, path.length())).lookingAt()) {
                String quoted = m.group(1) != null ? m.group(1) : m.group(2);
                segments.add(new Member(quoted.replaceAll("\\\\(.)", "$1")));
            } else if ((m = INDEX.matcher(path).region(i, path.length())).lookingAt()) {
                segments.add(new Index(Integer.parseInt(m.group(1))));
            } else {
                throw new IllegalArgumentException("is not in the supported subset at position " + i
                        + " (supported: $, .name, ['name'], [3], [-1], [*], .*)");
            }
            i = m.end();
        }
        return new JsonPathExpr(path, segments);
    }

    /** Every node the path selects in {@code root}, in document order; empty when none. */
    public List<JsonNode> select(JsonNode root) {
        List<JsonNode> current = List.of(root);
        for (Segment segment : segments) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : current) {
                switch (segment) {
                    case Member member -> {
                        JsonNode child = node.isObject() ? node.get(member.name()) : null;
                        if (child != null) {
                            next.add(child);
                        }
                    }
                    case Index index -> {
                        if (node.isArray()) {
                            int at = index.index() < 0 ? node.size() + index.index() : index.index();
                            if (at >= 0 && at < node.size()) {
                                next.add(node.get(at));
                            }
                        }
                    }
                    case Wildcard wildcard -> {
                        if (node.isContainerNode()) {
                            Iterator<JsonNode> children = node.elements();
                            children.forEachRemaining(next::add);
                        }
                    }
                }
            }
            current = next;
        }
        return current;
    }

    /** The first node selected, if any. */
    public Optional<JsonNode> first(JsonNode root) {
        List<JsonNode> all = select(root);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
