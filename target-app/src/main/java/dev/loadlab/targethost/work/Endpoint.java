package dev.loadlab.targethost.work;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What one request to a workload endpoint ({@code /hello}, {@code /io}, {@code /cpu}, {@code /mixed}) asks for, already
 * validated. Profiles differ only in how they carry it out (how they wait, on which thread they compute); the parsing and
 * the bounds are the same for all. Not to be confused with the scenario's {@code protocol.scenario.Workload}, the
 * weighted requests a load generator sends: this is one such request as the target receives it. Immutable.
 */
public sealed interface Endpoint {
    /** The longest wait or computation one request may ask for, per parameter. */
    long MAX_MS = 60_000;

    /** The workload endpoints, in the order {@code /stats} lists them. */
    List<String> PATHS = List.of("/hello", "/io", "/cpu", "/mixed");

    /** The path this request was served on, one of {@link #PATHS}. */
    String path();

    /** Milliseconds to wait before computing (0 for none). */
    long ioMs();

    /** Milliseconds of calibrated CPU work (0 for none). */
    long cpuMs();

    /** {@code GET /hello}: the cheapest possible answer, measures the server's own overhead. */
    record Hello() implements Endpoint {
        @Override
        public String path() {
            return "/hello";
        }

        @Override
        public long ioMs() {
            return 0;
        }

        @Override
        public long cpuMs() {
            return 0;
        }
    }

    /** {@code GET /io?ms=N}: waits {@code ms}, as a database or downstream call would. */
    record Io(long ioMs) implements Endpoint {
        public Io {
            checkMs("ms", ioMs);
        }

        @Override
        public String path() {
            return "/io";
        }

        @Override
        public long cpuMs() {
            return 0;
        }
    }

    /** {@code GET /cpu?ms=N}: {@code ms} of calibrated CPU work of one core. */
    record Cpu(long cpuMs) implements Endpoint {
        public Cpu {
            checkMs("ms", cpuMs);
        }

        @Override
        public String path() {
            return "/cpu";
        }

        @Override
        public long ioMs() {
            return 0;
        }
    }

    /** {@code GET /mixed?io=N&cpu=M}: waits {@code io} ms, then computes {@code cpu} ms, like a typical API call. */
    record Mixed(long ioMs, long cpuMs) implements Endpoint {
        public Mixed {
            checkMs("io", ioMs);
            checkMs("cpu", cpuMs);
        }

        @Override
        public String path() {
            return "/mixed";
        }
    }

    /**
     * Parses a request: {@code null} if {@code path} is not a workload endpoint, otherwise the endpoint request; throws
     * {@link BadParameterException} naming the parameter and its bound when a parameter is missing, repeated, not an
     * integer or out of bounds. Unknown parameters are ignored (load generators add cache busters).
     *
     * <p>{@code null} rather than an {@code Optional}: this runs once per request of the target under load, and its only
     * caller ({@code http.Routes}) wraps the answer in its own result anyway, so an {@code Optional} would be one more
     * allocation per request for nothing.
     *
     * @param path the request's path, e.g. {@code /io}
     * @param rawQuery the request's raw (still percent-encoded) query, or {@code null}
     */
    static Endpoint parse(String path, String rawQuery) {
        return switch (path) {
            case "/hello" -> new Hello();
            case "/io" -> new Io(msParameter(rawQuery, "ms"));
            case "/cpu" -> new Cpu(msParameter(rawQuery, "ms"));
            case "/mixed" -> new Mixed(msParameter(rawQuery, "io"), msParameter(rawQuery, "cpu"));
            default -> null;
        };
    }

    private static long msParameter(String rawQuery, String name) {
        String value = null;
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(name, eq < 0 ? pair : pair.substring(0, eq));
                if (key.equals(name)) {
                    if (value != null) {
                        throw new BadParameterException(name, name + " must be given once");
                    }
                    value = eq < 0 ? "" : decode(name, pair.substring(eq + 1));
                }
            }
        }
        if (value == null) {
            throw new BadParameterException(name, name + " is required: an integer between 0 and " + MAX_MS);
        }
        long ms;
        try {
            ms = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new BadParameterException(
                    name, name + " must be an integer between 0 and " + MAX_MS + ", was '" + shorten(value) + "'");
        }
        checkMs(name, ms);
        return ms;
    }

    private static String decode(String name, String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(
                    name, "the query is not valid percent-encoding, so " + name + " cannot be read");
        }
    }

    private static void checkMs(String name, long ms) {
        if (ms < 0 || ms > MAX_MS) {
            throw new BadParameterException(name, name + " must be between 0 and " + MAX_MS + ", was " + ms);
        }
    }

    /** Echoes at most a short prefix of what the client sent: an error body must stay small whatever the input. */
    private static String shorten(String value) {
        return value.length() <= 32 ? value : value.substring(0, 32) + "...";
    }
}
