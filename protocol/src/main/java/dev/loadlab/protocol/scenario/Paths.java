package dev.loadlab.protocol.scenario;

import java.util.regex.Pattern;

/** JSON paths of scenario fields as errors name them: {@code $.a.b[2].headers.Authorization}. Stateless. */
final class Paths {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");

    private Paths() {}

    /** {@code parent.key}, or {@code parent['key']} when the key is not a plain name. */
    static String member(String parent, String key) {
        if (PLAIN.matcher(key).matches()) {
            return parent + "." + key;
        }
        return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
