package dev.loadlab.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (0.0.4), for tests: every family has one {@code # HELP}
 * and one {@code # TYPE} line before its samples, every sample belongs to the family declared last (a histogram's
 * {@code _bucket}, {@code _sum} and {@code _count}, a counter's {@code _total}), label values are quoted and escaped,
 * and each histogram series has increasing {@code le} bounds ending in {@code +Inf}, cumulative counts that never fall,
 * a {@code +Inf} bucket equal to its {@code _count}, and a {@code _sum}. Anything else throws
 * {@link IllegalArgumentException} naming the line. Immutable once parsed.
 */
record PromText(Map<String, Family> families) {
    /** One metric family: its name, type, help and samples. */
    record Family(String name, String type, String help, List<Sample> samples) {
        /** The samples named {@code name} (say {@code loadlab_runs} or {@code ..._count}) with these labels. */
        List<Sample> samples(String name, Map<String, String> having) {
            return samples.stream()
                    .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(having.entrySet()))
                    .toList();
        }
    }

    /** One sample line: its name (with a suffix), labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    static PromText parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the text does not end with a newline");
        }
        Map<String, Family> families = new LinkedHashMap<>();
        String help = null;
        String helpOf = null;
        Family current = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + number + " (" + line + ")";
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                helpOf = name(parts[0], where);
                help = parts.length > 1 ? parts[1] : "";
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                if (parts.length != 2 || !TYPES.contains(parts[1])) {
                    throw new IllegalArgumentException(where + ": a TYPE line is '# TYPE name type'");
                }
                String name = name(parts[0], where);
                if (!name.equals(helpOf)) {
                    throw new IllegalArgumentException(where + ": no HELP line just before the TYPE line");
                }
                if (families.containsKey(name)) {
                    throw new IllegalArgumentException(where + ": family " + name + " declared twice");
                }
                current = new Family(name, parts[1], help, new ArrayList<>());
                families.put(name, current);
                helpOf = null;
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException(where + ": a sample before any TYPE line");
            }
            Sample sample = sample(line, where);
            if (!belongs(current, sample.name())) {
                throw new IllegalArgumentException(
                        where + ": sample " + sample.name() + " is not of family " + current.name());
            }
            current.samples().add(sample);
        }
        families.values().stream().filter(f -> f.type().equals("histogram")).forEach(PromText::checkHistogram);
        return new PromText(Collections.unmodifiableMap(families));
    }

    Family family(String name) {
        Family family = families.get(name);
        if (family == null) {
            throw new AssertionError("no family " + name + " in " + families.keySet());
        }
        return family;
    }

    /** Every sample name exposed, suffixes included ({@code _bucket}, {@code _sum}, {@code _count}, {@code _total}). */
    Set<String> sampleNames() {
        Set<String> names = new java.util.TreeSet<>();
        families.values().forEach(f -> f.samples().forEach(s -> names.add(s.name())));
        families.values().forEach(f -> names.addAll(suffixed(f)));
        return names;
    }

    private static List<String> suffixed(Family f) {
        return switch (f.type()) {
            case "histogram" -> List.of(f.name() + "_bucket", f.name() + "_sum", f.name() + "_count");
            case "counter" -> List.of(f.name().endsWith("_total") ? f.name() : f.name() + "_total");
            default -> List.of(f.name());
        };
    }

    private static boolean belongs(Family family, String sample) {
        return switch (family.type()) {
            case "histogram" -> suffixed(family).contains(sample) || sample.equals(family.name() + "_created");
            case "counter" -> suffixed(family).contains(sample) || sample.equals(family.name() + "_created");
            default -> sample.equals(family.name());
        };
    }

    private static Sample sample(String line, String where) {
        Matcher name = NAME.matcher(line);
        if (!name.lookingAt()) {
            throw new IllegalArgumentException(where + ": no metric name");
        }
        int at = name.end();
        Map<String, String> labels = new TreeMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                Matcher label = LABEL.matcher(line).region(at, line.length());
                if (!label.lookingAt()) {
                    throw new IllegalArgumentException(where + ": a bad label at column " + at);
                }
                String value = label.group(2)
                        .replace("\\n", "\n")
                        .replace("\\\"", "\"")
                        .replace("\\\\", "\\");
                if (labels.put(label.group(1), value) != null) {
                    throw new IllegalArgumentException(where + ": label " + label.group(1) + " twice");
                }
                at = label.end();
                if (line.charAt(at) == ',') {
                    at++;
                } else if (line.charAt(at) != '}') {
                    throw new IllegalArgumentException(where + ": expected , or } at column " + at);
                }
            }
            at++;
        }
        String[] rest = line.substring(at).strip().split(" ");
        if (line.charAt(at) != ' ' || rest.length < 1 || rest.length > 2) {
            throw new IllegalArgumentException(where + ": expected ' value [timestamp]' after the labels");
        }
        return new Sample(name.group(), labels, value(rest[0], where));
    }

    private static double value(String text, String where) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": not a number: " + text);
                }
            }
        };
    }

    private static String name(String text, String where) {
        if (!NAME.matcher(text).matches()) {
            throw new IllegalArgumentException(where + ": not a metric name: " + text);
        }
        return text;
    }

    /** Per series (labels without {@code le}): increasing bounds to +Inf, cumulative counts, +Inf == _count, a sum. */
    private static void checkHistogram(Family f) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        Map<Map<String, String>, Double> sums = new LinkedHashMap<>();
        for (Sample s : f.samples()) {
            if (s.name().endsWith("_bucket")) {
                if (!s.labels().containsKey("le")) {
                    throw new IllegalArgumentException(f.name() + ": a bucket without le: " + s);
                }
                Map<String, String> series = new TreeMap<>(s.labels());
                series.remove("le");
                buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
            } else if (s.name().endsWith("_count")) {
                counts.put(s.labels(), s.value());
            } else if (s.name().endsWith("_sum")) {
                sums.put(s.labels(), s.value());
            }
        }
        if (!buckets.keySet().equals(counts.keySet()) || !counts.keySet().equals(sums.keySet())) {
            throw new IllegalArgumentException(f.name() + ": series with buckets " + buckets.keySet() + ", with _count "
                    + counts.keySet() + ", with _sum " + sums.keySet());
        }
        buckets.forEach((series, list) -> {
            double bound = Double.NEGATIVE_INFINITY;
            double cumulative = 0;
            for (Sample b : list) {
                double le = value(b.labels().get("le"), f.name() + " le");
                if (!(le > bound)) {
                    throw new IllegalArgumentException(f.name() + series + ": le " + le + " after " + bound);
                }
                if (b.value() < cumulative) {
                    throw new IllegalArgumentException(
                            f.name() + series + ": bucket le=" + le + " falls to " + b.value() + " from " + cumulative);
                }
                bound = le;
                cumulative = b.value();
            }
            if (bound != Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(f.name() + series + ": no +Inf bucket");
            }
            if (cumulative != counts.get(series)) {
                throw new IllegalArgumentException(
                        f.name() + series + ": +Inf bucket " + cumulative + " but _count " + counts.get(series));
            }
        });
    }
}
